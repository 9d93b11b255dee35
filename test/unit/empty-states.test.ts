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
