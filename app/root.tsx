import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useNavigation, useRouteLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { getSessionUser } from './services/auth.server'
import { unreadCount } from './models/notifications.server'
import { getDb } from './utils/db.server'
import { RouteError } from './components/route-error'
import { useHydrated } from './components/use-hydrated'
import { navFor } from './utils/nav'
import { useNonce } from './utils/nonce'
import { ROLE_LABELS } from './utils/permissions'
import styles from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  // installable on a phone's home screen (ADR 0014); the icons are static files in public/
  { rel: 'manifest', href: '/manifest.webmanifest' },
  { rel: 'apple-touch-icon', href: '/icon-192.png' },
]

export const meta: MetaFunction = () => [{ title: 'Dasbor Kinerja Strategi' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  return {
    requestId: context?.requestId ?? null,
    user: user
      ? {
          id: user.id,
          username: user.username,
          fullName: user.fullName,
          role: user.role,
          roleLabel: ROLE_LABELS[user.role],
          unitName: user.unitName,
          cityLevel: user.opdId == null,
          csrfToken: user.csrfToken,
        }
      : null,
    unreadReminders: user ? await unreadCount(getDb(), user.id) : 0,
  }
}

export type RootData = Awaited<ReturnType<typeof loader>>

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

/**
 * `<html data-hydrated="true">` once the first render after hydration has committed — with the
 * state the pages' mount effects set (drafts restored from this device). The browser tests wait
 * for it before they read a restored field. The flag is state set in a mount effect, not
 * useHydrated(): it then changes in the same batch as the pages' own mount-effect updates, so the
 * mark follows their render (useHydrated's re-render can come before it).
 */
function useHydratedMark() {
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  useEffect(() => {
    if (mounted) document.documentElement.dataset.hydrated = 'true'
  }, [mounted])
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  useHydratedMark()
  return (
    <html lang="id">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b4f8a" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

/**
 * On a phone the menu folds behind a "Menu" button (CSS shows the button below 760 px). Until the
 * page has hydrated — and without JavaScript — the menu stays open, so every link is reachable.
 */
function useMenuToggle() {
  const [open, setOpen] = useState(false)
  const hydrated = useHydrated()
  const { pathname, search } = useLocation()
  useEffect(() => setOpen(false), [pathname, search])
  return { open, collapsed: hydrated && !open, toggle: () => setOpen((o) => !o), close: () => setOpen(false) }
}

function Header() {
  const data = useRouteLoaderData<typeof loader>('root')
  const user = data?.user
  const menu = useMenuToggle()
  return (
    <header className="app-header">
      <a className="skip-link" href="#isi">
        Lewati ke isi
      </a>
      <div className="brand">
        <Link to="/">Dasbor Kinerja Strategi</Link>
      </div>
      {user ? (
        <>
          <button type="button" className="nav-toggle" aria-expanded={menu.open} aria-controls="menu-utama" onClick={menu.toggle}>
            Menu
          </button>
          <div id="menu-utama" className={`nav-panel${menu.collapsed ? ' nav-collapsed' : ''}`}>
            {/* a chosen link closes the menu at once, not only when the next page has arrived */}
            <nav aria-label="Menu utama" className="main-nav" onClick={menu.close}>
              {navFor(user).map((n) => (
                <NavLink key={n.to} to={n.to} end={n.to === '/'} prefetch="intent">
                  {n.label}
                </NavLink>
              ))}
            </nav>
            <div className="user-box">
              {/* the accessible name starts with the visible text ("Pengingat 3 belum dibaca") */}
              <Link to="/notifikasi" className="notif-link" data-testid="notif-link">
                Pengingat{' '}
                {data?.unreadReminders ? (
                  <span className="notif-count">
                    {data.unreadReminders}
                    <span className="sr-only"> belum dibaca</span>
                  </span>
                ) : (
                  <span className="sr-only">(tidak ada yang belum dibaca)</span>
                )}
              </Link>
              <Link to="/akun" title="Akun saya">
                {user.fullName} <span className="muted">({user.roleLabel})</span>
              </Link>
              <form method="post" action="/logout">
                <input type="hidden" name="_csrf" value={user.csrfToken} />
                <button type="submit" className="btn-link">
                  Keluar
                </button>
              </form>
            </div>
          </div>
        </>
      ) : (
        <nav aria-label="Menu utama" className="main-nav">
          <NavLink to="/login">Masuk</NavLink>
        </nav>
      )}
    </header>
  )
}

function GlobalProgress() {
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  return (
    <div className={`global-progress${busy ? ' active' : ''}`} role="status" aria-live="polite">
      {busy ? <span className="sr-only">Memuat…</span> : null}
    </div>
  )
}

export default function App() {
  useLoaderData<typeof loader>()
  return (
    <>
      <GlobalProgress />
      <Header />
      <main id="isi" className="app-main">
        <Outlet />
      </main>
    </>
  )
}

export function ErrorBoundary() {
  return (
    <main id="isi" className="app-main">
      <RouteError />
    </main>
  )
}
