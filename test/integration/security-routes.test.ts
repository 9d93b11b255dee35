// Deny by default: every route with a loader or an action, called without a session, is sent to
// /login (pages) or gets 401 (API) — except the login page and the public transparency page.
// The list of routes is read from app/routes, so a new route is covered without editing this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { ctx, ORIGIN, settle } from '../helpers/http.js'
import { setClock } from '../../app/utils/clock.server.js'

const modules = import.meta.glob('../../app/routes/*.{ts,tsx}', { eager: true }) as Record<string, { loader?: Function; action?: Function }>

const PUBLIC = new Set(['login', 'publik'])
const nameOf = (file: string) =>
  file
    .split('/')
    .pop()!
    .replace(/\.(tsx|ts)$/, '')

/** A concrete URL path for a flat-route file name (params filled with 1 / pengelolaan / budaya / e81). */
function pathOf(name: string): string {
  if (name === '_index') return '/'
  const parts = name
    .split('.')
    .filter((p) => p !== '_index' && !p.startsWith('_'))
    .map((p) => {
      if (p === '$aspect') return 'pengelolaan'
      if (p === '$strategy') return 'budaya'
      if (p === '$jenis') return 'e81'
      if (p.startsWith('$')) return '1'
      return p.replace(/^\[(.*)\]$/, '$1').replace(/\[\.\]/g, '.')
    })
  return '/' + parts.join('/')
}

const entries = Object.entries(modules).map(([file, mod]) => ({ name: nameOf(file), mod }))
const params = { id: '1', aspect: 'pengelolaan', strategy: 'budaya', jenis: 'e81' }

describe('deny by default (every route in app/routes)', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb('sqlite', { seed: true, global: true })
    setClock(() => new Date('2026-11-29T03:00:00Z'))
  })
  afterAll(async () => {
    setClock(null)
    await t?.drop()
  })

  it('finds the routes', () => {
    expect(entries.length).toBeGreaterThanOrEqual(5)
    expect(entries.map((e) => e.name)).toContain('login')
  })

  for (const { name, mod } of entries) {
    if (mod.loader && !PUBLIC.has(name)) {
      it(`GET ${pathOf(name)} (${name}) without a session → login redirect or 401`, async () => {
        const request = new Request(`${ORIGIN}${pathOf(name)}`)
        const { response } = await settle(() => mod.loader!({ request, params, context: ctx }))
        expect(response, 'must answer with a redirect or an error, not data').not.toBeNull()
        if (name.startsWith('api.')) expect(response!.status).toBe(401)
        else if (name === 'logout') expect(response!.status).toBe(302)
        else {
          expect(response!.status).toBe(302)
          expect(response!.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
        }
      })
    }
    if (mod.action && name !== 'login') {
      it(`POST ${pathOf(name)} (${name}) without a session → login redirect or 401/403, from another origin → 403`, async () => {
        const post = (origin: string) =>
          new Request(`${ORIGIN}${pathOf(name)}`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'intent=save' })
        const same = await settle(() => mod.action!({ request: post(ORIGIN), params, context: ctx }))
        expect(same.response).not.toBeNull()
        expect([302, 401, 403]).toContain(same.response!.status)
        if (same.response!.status === 302) expect(same.response!.headers.get('Location')).toMatch(/^\/login/)
        const cross = await settle(() => mod.action!({ request: post('http://evil.example'), params, context: ctx }))
        expect(cross.response?.status).toBe(403)
      })
    }
  }
})
