import { useRouteLoaderData } from '@remix-run/react'
import type { RootData } from '../root'

/** The session's CSRF token; every POST form in the app includes <CsrfInput />. */
export function useCsrfToken(): string {
  const data = useRouteLoaderData('root') as RootData | undefined
  return data?.user?.csrfToken ?? ''
}

export function CsrfInput() {
  return <input type="hidden" name="_csrf" value={useCsrfToken()} />
}
