// Empty states say what to do next and link to the page that does it (issue "[R2 2/7]" item 6):
// the "no OPD yet" state links an admin to Admin › Organisasi; no text asks for a page that does
// not exist ("minta admin menambahkan organisasi" had no page behind it).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { describe, expect, it } from 'vitest'
import { NoOrganisation } from '../../app/components/no-organisation'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function render(el: ReturnType<typeof createElement>): string {
  const router = createMemoryRouter([{ path: '/', element: el }], { initialEntries: ['/'] })
  return renderToStaticMarkup(createElement(RouterProvider, { router }))
}

describe('empty states', () => {
  it('without any OPD, an admin is linked to /admin/organisasi; others are told who does what', () => {
    const admin = render(createElement(NoOrganisation, { canAdmin: true }))
    expect(admin).toContain('href="/admin/organisasi"')
    expect(admin).toContain('Admin › Organisasi')
    const other = render(createElement(NoOrganisation, { canAdmin: false }))
    expect(other).not.toContain('href=')
    expect(other).toContain('npm run setup')
  })

  it('no route or component still says "minta admin menambahkan organisasi"', () => {
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (/\.(tsx?|ts)$/.test(e.name) && /minta admin menambahkan organisasi/i.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(ROOT, p))
      }
    }
    walk(path.join(ROOT, 'app'))
    expect(offenders).toEqual([])
  })
})

/** The URL pattern of a Remix flat-route file: "impor.historis_.isi.tsx" → ["impor", "historis", "isi"]; "$id" matches anything. */
function routePatterns(): string[][] {
  return fs
    .readdirSync(path.join(ROOT, 'app/routes'))
    .map((f) => f.replace(/\.(tsx|ts)$/, ''))
    .map((f) =>
      f
        .split('.')
        .filter((s) => s !== '_index' && !s.startsWith('_'))
        .map((s) => s.replace(/_$/, '')),
    )
}

describe('links in the UI texts', () => {
  it('every literal in-app link (Link to="/…", href="/…") in routes and components points at a page that exists', () => {
    const patterns = routePatterns()
    const exists = (url: string) => {
      const segs = url.split(/[?#]/)[0]!.split('/').filter(Boolean)
      return patterns.some((p) => p.length === segs.length && p.every((s, i) => s.startsWith('$') || s === segs[i]))
    }
    const links: { file: string; url: string }[] = []
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (/\.tsx$/.test(e.name))
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?:\bto|\bhref)="(\/[^"]*)"/g)) links.push({ file: path.relative(ROOT, p), url: m[1]! })
      }
    }
    walk(path.join(ROOT, 'app/routes'))
    walk(path.join(ROOT, 'app/components'))
    expect(links.length).toBeGreaterThan(20)
    // the empty states of the go-live path name these pages
    for (const url of ['/admin/organisasi', '/impor/renstra', '/renstra/kelola', '/impor/historis', '/impor/historis/isi', '/renstra'])
      expect(links.map((l) => l.url)).toContain(url)
    expect(links.filter((l) => !exists(l.url))).toEqual([])
  })
})
