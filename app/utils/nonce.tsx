import { createContext, useContext, type ReactNode } from 'react'

const NonceContext = createContext<string>('')

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>
}

export const useNonce = () => useContext(NonceContext)

const RequestIdContext = createContext<string>('')

/** The request id of the server render (shown on error pages even when no loader ran). */
export function RequestIdProvider({ value, children }: { value: string; children: ReactNode }) {
  return <RequestIdContext.Provider value={value}>{children}</RequestIdContext.Provider>
}

export const useRequestId = () => useContext(RequestIdContext)
