// One slide of the presentation mode: its title and organisation, its body, and the navigation
// (previous / next work as links without JavaScript, as slide changes with it).
import { Link } from '@remix-run/react'
import type { MouseEvent } from 'react'
import type { Slide } from './slides'

interface FrameProps {
  slide: Slide
  n: number
  count: number
  current: number | null
  org: string
  go: (n: number) => void
  toggleFullscreen: () => void
  exitTo: string
}

function SlideNav({ n, count, current, go, toggleFullscreen, exitTo }: Omit<FrameProps, 'slide' | 'org'>) {
  const step = (to: number) => (e: MouseEvent) => {
    if (current === null) return
    e.preventDefault()
    go(to)
  }
  return (
    <footer className="slide-nav">
      <a href={`#slide-${Math.max(1, n - 1)}`} className="slide-btn" aria-disabled={n === 1 ? true : undefined} onClick={step(n - 1)}>
        ‹ Sebelumnya
      </a>
      <span className="slide-count">
        Slide {n} dari {count}
      </span>
      <a href={`#slide-${Math.min(count, n + 1)}`} className="slide-btn" aria-disabled={n === count ? true : undefined} onClick={step(n + 1)}>
        Berikutnya ›
      </a>
      <button type="button" className="slide-btn" onClick={toggleFullscreen}>
        Layar penuh
      </button>
      <Link to={exitTo} className="slide-btn">
        Keluar (Esc)
      </Link>
    </footer>
  )
}

export function SlideFrame({ slide, n, current, org, ...nav }: FrameProps) {
  const active = current === n
  return (
    <section
      id={`slide-${n}`}
      className={`slide${active ? ' active' : ''}`}
      aria-roledescription="slide"
      aria-labelledby={`slide-${n}-title`}
      tabIndex={-1}
      hidden={current !== null && !active ? true : undefined}
    >
      <header className="slide-head">
        <h2 id={`slide-${n}-title`}>{slide.title}</h2>
        <span className="slide-org">{org}</span>
      </header>
      <div className="slide-body" tabIndex={0}>
        {slide.body}
      </div>
      <SlideNav n={n} current={current} {...nav} />
    </section>
  )
}
