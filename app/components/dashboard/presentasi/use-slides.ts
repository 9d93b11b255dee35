// Slide navigation of the presentation: the current slide kept in the URL hash (#slide-n), the
// keys ← → PageUp PageDown Home End, Esc to leave, focus on the shown slide, and full screen.
// Until hydrated there is no current slide: the server and the first client render are the same
// long page of sections (which is also what a browser without JavaScript shows).
import { useNavigate } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useHydrated } from '../../use-hydrated'

function slideFromHash(hash: string, count: number): number | null {
  const m = /^#slide-(\d+)$/.exec(hash)
  if (!m) return null
  const n = Number(m[1])
  return n >= 1 && n <= count ? n : null
}

/** What a key does on slide `current` of `count`: the slide to show, 'exit', or null (not ours). */
export function slideKeyAction(key: string, current: number, count: number): number | 'exit' | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return current + 1
    case 'ArrowLeft':
    case 'PageUp':
      return current - 1
    case 'Home':
      return 1
    case 'End':
      return count
    case 'Escape':
      return 'exit'
    default:
      return null
  }
}

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)

export function useSlides(count: number, exitTo: string) {
  const navigate = useNavigate()
  // none while hydrating; after it the first slide shown is the URL's
  const hydrated = useHydrated()
  const [chosen, setChosen] = useState<number | null>(null)
  const current = chosen ?? (hydrated ? (slideFromHash(window.location.hash, count) ?? 1) : null)
  const liveRef = useRef<HTMLParagraphElement>(null)

  const go = useCallback(
    (n: number) => {
      const next = Math.min(Math.max(1, n), count)
      setChosen(next)
      // keep the slide in the URL so a reload stays on it (replaceState keeps the router's state)
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#slide-${next}`)
    },
    [count],
  )

  useEffect(() => {
    const onHash = () => {
      const n = slideFromHash(window.location.hash, count)
      if (n) setChosen(n)
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [count])

  useEffect(() => {
    if (current === null) return
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return
      const action = slideKeyAction(e.key, current, count)
      if (action === null) return
      e.preventDefault()
      if (action !== 'exit') return go(action)
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
      navigate(exitTo)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [current, count, go, navigate, exitTo])

  useEffect(() => {
    if (current === null) return
    const el = document.getElementById(`slide-${current}`)
    el?.focus({ preventScroll: true })
    window.scrollTo(0, 0)
  }, [current])

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    else void document.documentElement.requestFullscreen?.().catch(() => undefined)
  }

  return { current, go, toggleFullscreen, liveRef }
}
