// The entry page's session and leaving: typing refreshes the session now and then (an ended one is
// reported), an ended session sends the user to log in and back (the input stays on this device),
// the device's online state, and the browser's question when leaving with unsaved input.
import { useNavigate } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SaveStatus } from './use-save-queue'

/** Typing refreshes the session at most this often. */
export const KEEP_ALIVE_EVERY_MS = 5 * 60_000

/** The keep-alive while typing, and whether the device is online. */
export function useKeepAlive(csrfToken: string) {
  const [sessionEnded, setSessionEnded] = useState(false)
  const [online, setOnline] = useState(true)
  const lastPing = useRef(0)
  const keepAlive = useCallback(() => {
    const t = Date.now()
    if (t - lastPing.current < KEEP_ALIVE_EVERY_MS) return
    lastPing.current = t
    fetch('/sesi/aktif', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken }, credentials: 'same-origin' })
      .then((r) => {
        if (r.status === 401) setSessionEnded(true)
      })
      .catch(() => undefined)
  }, [csrfToken])
  useEffect(() => {
    setOnline(navigator.onLine !== false)
    lastPing.current = Date.now() // loading the page was activity
    const on = () => setOnline(true)
    const off = () => setOnline(false)
    window.addEventListener('online', on)
    window.addEventListener('offline', off)
    return () => {
      window.removeEventListener('online', on)
      window.removeEventListener('offline', off)
    }
  }, [])
  return { keepAlive, sessionEnded, online }
}

/** To the login page after an ended session; the browser asks before leaving with unsaved input. */
export function useLeaveGuard(status: SaveStatus, dirty: boolean) {
  const navigate = useNavigate()
  const leaving = useRef(false)
  useEffect(() => {
    if (status.kind !== 'session') return
    const t = setTimeout(() => {
      leaving.current = true
      navigate(status.loginUrl)
    }, 2500)
    return () => clearTimeout(t)
  }, [status, navigate])
  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => {
      if (leaving.current) return
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])
  return leaving
}
