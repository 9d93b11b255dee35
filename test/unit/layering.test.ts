// ADR 0025: nothing below imports from above. Read from the sources (import lines only).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : []
  })
}
const importsOf = (p: string) => [...readFileSync(p, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!)
const rel = (p: string) => relative(ROOT, p).replaceAll('\\', '/')

describe('layering', () => {
  it('models import neither services, presenters, components nor routes', () => {
    const bad = files(join(ROOT, 'app/models')).flatMap((f) =>
      importsOf(f)
        .filter((i) => /\/(services|presenters|components|routes)\//.test(i))
        .map((i) => `${rel(f)} → ${i}`),
    )
    expect(bad).toEqual([])
  })
  it('app/domain imports only app/domain and pure libraries', () => {
    const bad = files(join(ROOT, 'app/domain')).flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('..') || /^(node:|kysely|exceljs|react)/.test(i))
        .map((i) => `${rel(f)} → ${i}`),
    )
    expect(bad).toEqual([])
  })
  it('app code does not import seeds/ (except the two modules still being split in [R2 6/7])', () => {
    const known = ['app/services/dashboard.server.ts', 'app/routes/renstra._index.tsx']
    const bad = files(join(ROOT, 'app')).flatMap((f) =>
      importsOf(f)
        .filter((i) => /(^|\/)seeds\//.test(i))
        .map(() => rel(f)),
    )
    expect(bad.filter((f) => !known.includes(f))).toEqual([])
  })
})
