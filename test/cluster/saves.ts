// Realisation saves over HTTP exactly as the entry page posts them (session cookie, Origin, CSRF
// token) — the same form fields as test/bench/load.ts — for the cluster test's save waves.
import { DEMO_PASSWORD } from '../e2e/support.js'

export const YEAR = 2026
export const QUARTER = 4
/** The kepala bidang who may enter each indicator code prefix in the demo. */
export const OWNERS: Record<string, string> = { IKP: 'kabid.ikp', INF: 'kabid.infra', APL: 'kabid.aplikasi', STP: 'kabid.statistik', SEK: 'sekretaris' }

export interface Session {
  username: string
  base: string
  cookie: string
  csrf: string
}

export interface Counts {
  ok: number
  conflict: number
  other: number
  errors: number
  samples: string[]
}

export const newCounts = (): Counts => ({ ok: 0, conflict: 0, other: 0, errors: 0, samples: [] })

export async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, redirectTo: '/' }),
  })
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('sesi='))
    ?.split(';')[0]
  await res.arrayBuffer()
  if (res.status !== 302 || !cookie) throw new Error(`login ${username}: status ${res.status}`)
  const page = await fetch(`${base}/realisasi`, { headers: { Cookie: cookie } })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1]
  if (!csrf) throw new Error(`no CSRF token for ${username} (entry page: ${page.status})`)
  return { username, base, cookie, csrf }
}

/** The versions on the entry page of TW IV 2026 (`r.<id>.version` hidden fields); null when the page did not answer 200. */
export async function entryVersions(s: Session): Promise<{ status: number; versions: Map<number, number | null> | null }> {
  try {
    const res = await fetch(`${s.base}/realisasi?tahun=${YEAR}&triwulan=${QUARTER}`, { headers: { Cookie: s.cookie } })
    const html = await res.text()
    if (res.status !== 200) return { status: res.status, versions: null }
    const out = new Map<number, number | null>()
    for (const m of html.matchAll(/name="r\.(\d+)\.version" value="(\d*)"/g)) out.set(Number(m[1]), m[2] ? Number(m[2]) : null)
    return { status: 200, versions: out }
  } catch {
    return { status: 0, versions: null }
  }
}

/** One row-level "Simpan draf" as the entry form posts it; returns the HTTP status (0: no answer). */
export async function save(s: Session, indicatorId: number, version: number | null, value: string, counts: Counts): Promise<number> {
  const body = new URLSearchParams()
  body.set('_csrf', s.csrf)
  body.set('tahun', String(YEAR))
  body.set('triwulan', String(QUARTER))
  body.append('row', String(indicatorId))
  body.set(`r.${indicatorId}.version`, version == null ? '' : String(version))
  body.set(`r.${indicatorId}.value`, value)
  body.set(`r.${indicatorId}.bukti_text`, 'uji klaster')
  body.set(`r.${indicatorId}.kendala`, 'uji klaster: kendala')
  body.set(`r.${indicatorId}.tindak_lanjut`, 'uji klaster: tindak lanjut')
  body.set('intent', `simpan:${indicatorId}`)
  try {
    const res = await fetch(`${s.base}/realisasi`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.base, Cookie: s.cookie },
      body,
    })
    const text = await res.text()
    if (res.status >= 200 && res.status < 300) counts.ok++
    else if (res.status === 409) counts.conflict++
    else {
      counts.other++
      const banner = /class="banner banner-error"[^>]*>([\s\S]{0,400}?)<\/div>/
        .exec(text)?.[1]
        ?.replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
      if (counts.samples.length < 8) counts.samples.push(`${res.status} ${banner ?? text.slice(0, 200)}`)
    }
    return res.status
  } catch (e) {
    counts.errors++
    if (counts.samples.length < 8) counts.samples.push(String(e))
    return 0
  }
}
