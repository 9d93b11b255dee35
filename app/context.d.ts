/// <reference types="@remix-run/dev" />
import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    requestId: string
    clientIp: string
    cspNonce: string
  }
  interface Future {
    v3_singleFetch: true
  }
}
