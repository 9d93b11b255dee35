// Whether this render runs in a hydrated browser: false on the server and in the hydrating render
// (so both print the same markup, which is also what a browser without JavaScript shows), true from
// the render after it — and at once for a component first shown by a client-side navigation.
import { useSyncExternalStore } from 'react'

const noSubscription = () => () => undefined
const inBrowser = () => true
const onServer = () => false

export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, inBrowser, onServer)
}
