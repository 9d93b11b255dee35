// Slide navigation of the presentation: the current slide kept in the URL hash (#slide-n), the
// keys ← → PageUp PageDown Home End, Esc to leave, focus on the shown slide, and full screen.
// Until hydrated there is no current slide: the server and the first client render are the same
// long page of sections (which is also what a browser without JavaScript shows).
import { useNavigate } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'

function slideFromHash(hash: string, count: number): number | null {
  const m = /^#slide-(\d+)$/.exec(hash)
  if (!m) return null
  const n = Number(m[1])
  return n >= 1 && n <= count ? n : null
}

const noSubscription = () => () => undefined

export function useSlides(count: number, exitTo: string) {
  const navigate = useNavigate()
  // false on the server and while hydrating, true after: the first slide shown is the URL's
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
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
      if (e.altKey || e.ctrlKey || e.metaKey) return
      const target = e.target as HTMLElement | null
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          e.preventDefault()
          go(current + 1)
          break
        case 'ArrowLeft':
        case 'PageUp':
          e.preventDefault()
          go(current - 1)
          break
        case 'Home':
          e.preventDefault()
          go(1)
          break
        case 'End':
          e.preventDefault()
          go(count)
          break
        case 'Escape':
          e.preventDefault()
          if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
          navigate(exitTo)
          break
      }
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
