/// <reference types="@remix-run/dev" />
import '@remix-run/node'

declare module '@remix-run/node' {
  interface AppLoadContext {
    requestId: string
    clientIp: string
    cspNonce: string
    /** Set by handleError when the database could not be reached (the answer becomes a 503). */
    databaseUnavailable?: boolean
  }
  interface Future {
    v3_singleFetch: true
  }
}
