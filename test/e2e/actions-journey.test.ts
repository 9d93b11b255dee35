// Follow-through journey in Chromium (production build; run `npx remix build` first): the pimpinan
// records a meeting note with two rekomendasi and turns them into two actions in one step; the
// owner finds them in "Tugas saya", reports one done with evidence; time passes past the other's
// due day; the next quarter's projector slide shows one done and one overdue for the cell.
// SQLite, and MariaDB when TEST_MYSQL_URL is set. 0 console errors and 0 CSP violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { HAS_CHROMIUM, launchBrowser, login, screenshot, watchProblems, type PageProblems } from './support.js'
import { SERVER_DB_KINDS, settled, startDemoServer, type DemoServer } from './journey-support.js'

const REKOMENDASI = ['Tetapkan SOP audit keamanan aplikasi', 'Latih dua operator persandian']

/** A calendar day in Asia/Jakarta (the app's zone) `days` from now, whatever the machine's zone. */
const isoIn = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

describe.skipIf(!HAS_CHROMIUM)('follow-through journey in Chromium (production build)', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close().catch(() => undefined)
  })

  describe.each(SERVER_DB_KINDS)('on %s', (kind) => {
    let app: DemoServer
    let base: string
    const contexts: { name: string; context: BrowserContext; problems: PageProblems }[] = []
    async function newPage(name: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' })
      contexts.push({ name, context, problems: await watchProblems(context) })
      return context.newPage()
    }
    beforeAll(async () => {
      app = await startDemoServer(kind, { REMINDERS: 'off' })
      base = app.server.url
    })
    afterAll(async () => {
      for (const c of contexts) await c.context.close().catch(() => undefined)
      await app?.stop()
    })

    it('note with two rekomendasi → two actions → owner reports one done → next quarter: one done, one overdue', async () => {
      // 1. the pimpinan records the meeting note of 2026 s.d. TW III on pengelolaan × pengawasan
      const kadis = await newPage('kadis')
      await login(kadis, base, 'kadis')
      await kadis.goto(`${base}/beranda/sel/pengelolaan/pengawasan?tahun=2026&triwulan=3`)
      await settled(kadis)
      await kadis.getByLabel('Kurang', { exact: true }).check()
      await kadis.getByLabel('Rekomendasi').fill(`1. ${REKOMENDASI[0]}\n2. ${REKOMENDASI[1]}`)
      await Promise.all([kadis.waitForURL((u) => u.searchParams.get('catatan') === 'tersimpan'), kadis.getByRole('button', { name: 'Simpan catatan' }).click()])
      await settled(kadis)

      // 2. both rekomendasi become actions in one step, owned by the head of Statistik dan Persandian
      await Promise.all([kadis.waitForURL((u) => u.pathname === '/aksi/baru'), kadis.getByRole('link', { name: 'Jadikan rekomendasi rapat rencana aksi (2)' }).click()])
      await settled(kadis)
      expect(await kadis.locator('#judul_0').inputValue()).toBe(REKOMENDASI[0])
      expect(await kadis.locator('#judul_1').inputValue()).toBe(REKOMENDASI[1])
      const owner = await app.db.selectFrom('app_user').select('id').where('username', '=', 'kabid.statistik').executeTakeFirstOrThrow()
      for (const i of [0, 1]) {
        await kadis.locator(`#pj_${i}`).selectOption(String(owner.id))
        await kadis.locator(`#tenggat_${i}`).fill(isoIn(i === 0 ? 20 : 10))
      }
      await Promise.all([
        kadis.waitForURL((u) => u.pathname === '/beranda/sel/pengelolaan/pengawasan' && u.searchParams.get('aksi') === '2'),
        kadis.getByRole('button', { name: 'Buat rencana aksi dari rekomendasi' }).click(),
      ])
      await settled(kadis)
      expect(await kadis.getByRole('status').filter({ hasText: 'rencana aksi dibuat' }).innerText()).toBe('2 rencana aksi dibuat.')
      const rows = await app.db
        .selectFrom('action_item')
        .select(['id', 'title', 'status', 'owner_user_id'])
        .where('aspect', '=', 'pengelolaan')
        .where('strategy', '=', 'pengawasan')
        .orderBy('source_index')
        .execute()
      expect(rows.map((r) => [r.title, r.status, r.owner_user_id])).toEqual(REKOMENDASI.map((t) => [t, 'direncanakan', owner.id]))
      await screenshot(kadis, `aksi-${kind}-1-cell`)

      // 3. the owner sees them in "Tugas saya" and reports the first one done, with evidence
      const kabid = await newPage('kabid.statistik')
      await login(kabid, base, 'kabid.statistik')
      await kabid.goto(`${base}/`)
      await settled(kabid)
      const mine = kabid.getByTestId('my-actions')
      expect(await mine.locator('h2').innerText()).toBe('Tugas saya: rencana aksi (2)')
      await Promise.all([kabid.waitForURL((u) => u.pathname === `/aksi/${rows[0]!.id}`), mine.getByRole('link', { name: REKOMENDASI[0] }).click()])
      await settled(kabid)
      await kabid.locator('#aksi-status').selectOption('selesai')
      await kabid.getByLabel('Catatan kemajuan').fill('SOP ditetapkan dengan keputusan kepala dinas.')
      await kabid.getByLabel(/^Bukti \(uraian/).fill('SK Kepala Dinas No. 800/123/2026')
      await Promise.all([kabid.waitForURL((u) => u.searchParams.get('tersimpan') === '1'), kabid.getByRole('button', { name: 'Simpan kemajuan' }).click()])
      await settled(kabid)
      expect(await kabid.getByTestId('aksi-status').innerText()).toMatch(/^Selesai/)
      const done = await app.db.selectFrom('action_item').select(['status', 'version']).where('id', '=', rows[0]!.id).executeTakeFirstOrThrow()
      expect(done).toEqual({ status: 'selesai', version: 2 })
      const audit = await app.db
        .selectFrom('audit_log')
        .select(['action', 'actor_username'])
        .where('entity', '=', 'action_item')
        .where('entity_id', '=', String(rows[0]!.id))
        .orderBy('id')
        .execute()
      expect(audit).toEqual([
        { action: 'create', actor_username: 'kadis' },
        { action: 'status_selesai', actor_username: 'kabid.statistik' },
      ])

      // 4. time passes: the second action's due day is behind us and nothing was reported
      await app.db
        .updateTable('action_item')
        .set({ due_date: isoIn(-3) })
        .where('id', '=', rows[1]!.id)
        .execute()

      // 5. the next quarter's meeting: the projector slide shows one done and one overdue for the cell
      await kadis.goto(`${base}/presentasi?tahun=2026&triwulan=4`)
      await settled(kadis)
      const slide = kadis.locator('section.slide', { has: kadis.locator('h2', { hasText: 'Tindak lanjut rapat sebelumnya' }) })
      const card = slide.locator('section.card', { has: kadis.locator('h3', { hasText: 'Pengelolaan × Pengawasan' }) })
      expect(await card.locator('h3').innerText()).toBe('Pengelolaan × Pengawasan (1 selesai · 0 dalam proses · 1 terlambat)')
      expect(await card.locator('li[data-follow="selesai"]').innerText()).toContain(REKOMENDASI[0])
      expect(await card.locator('li[data-follow="terlambat"]').innerText()).toContain(REKOMENDASI[1])
      await screenshot(kadis, `aksi-${kind}-2-slide`)

      for (const c of contexts) {
        expect(c.problems.cspViolations, `${c.name}: CSP`).toEqual([])
        expect(c.problems.errors, `${c.name}: console`).toEqual([])
      }
    }, 120_000)
  })
})
