// Reminders at a fixed clock with a real SMTP server on loopback: the H-7 digest goes once to each
// kepala bidang with missing rows and to no one who is complete, also with two ticks at once and
// with two processes; an SMTP failure is retried on a later tick while pages keep answering; an
// action past its due day notifies its owner and flags its cell (flag 5).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { getRequest, loginAs } from '../helpers/http.js'
import { callLoader } from '../helpers/call.js'
import { startSmtpSink, textOf, type SmtpSink } from '../helpers/smtp-sink.js'
import { setClock } from '../../app/utils/clock.server.js'
import { toDbTime } from '../../db/time.js'
import type { DB } from '../../db/db.server.js'
import { createSmtpMailer } from '../../app/services/reminders/mailer.server.js'
import { runReminderTick } from '../../app/services/reminders/tick.server.js'
import { createActions } from '../../app/services/actions/create.server.js'
import { scoreScope } from '../../app/services/scoring.server.js'
import { getSessionUser } from '../../app/services/auth.server.js'
import { loader as notifikasiLoader } from '../../app/routes/notifikasi.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
// 2026 TW IV is due 10 January 2027 (10 days); H-7 is 3 January. 08:00 WIB = 01:00 UTC.
const H7 = new Date('2027-01-03T01:00:00Z')
const KABID_WITH_MISSING = ['sekretaris', 'kabid.ikp', 'kabid.infra', 'kabid.aplikasi']
const COMPLETE = 'kabid.statistik'
const mail = (u: string) => `${u}@dinas.example`

/** Gives every demo user an address and makes STP complete for 2026 TW IV (STP-01; STP-02 is "rilis"). */
async function arrange(db: DB) {
  const users = await db.selectFrom('app_user').select(['id', 'username']).execute()
  for (const u of users)
    await db
      .updateTable('app_user')
      .set({ email: mail(u.username) })
      .where('id', '=', u.id)
      .execute()
  const stp = await db.selectFrom('indicator').select(['id']).where('code', '=', 'STP-01').executeTakeFirstOrThrow()
  const kabid = users.find((u) => u.username === COMPLETE)!
  const t = toDbTime(new Date('2027-01-02T03:00:00Z'))
  await db
    .insertInto('realisasi')
    .values({
      indicator_id: stp.id,
      year: 2026,
      quarter: 4,
      value: 3,
      tidak_diukur: 0,
      bukti_text: 'Rekap',
      status: 'diajukan',
      is_late: 0,
      version: 1,
      entered_by: kabid.id,
      entered_at: t,
      submitted_by: kabid.id,
      submitted_at: t,
      created_at: t,
      updated_at: t,
    })
    .execute()
}

const h7Notes = (db: DB) =>
  db
    .selectFrom('notification as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select(['u.username', 'n.subject', 'n.occurs_on', 'n.body', 'n.digest_id'])
    .where('n.kind', '=', 'h_min_7')
    .orderBy('u.username')
    .execute()

/** Every test starts with an empty mailbox on a mail server that accepts at once. */
function resetSink(sink: SmtpSink) {
  sink.messages.length = 0
  sink.mode = 'ok'
  sink.delayMs = 0
}

describe.each(DB_KINDS)('reminders (%s)', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true, setup: arrange })
  let sink: SmtpSink
  beforeAll(async () => {
    sink = await startSmtpSink()
  })
  beforeEach(() => {
    setClock(null)
    resetSink(sink)
  })
  afterAll(async () => {
    setClock(null)
    await sink?.close()
  })

  it('dry run at H-7 lists one line per person and changes nothing', async () => {
    const report = await runReminderTick(t.db, { asOf: H7, mailer: createSmtpMailer(sink.url), dryRun: true })
    expect(report.today).toBe('2027-01-03')
    const h7Lines = report.lines.filter((l) => l.includes('7 hari lagi'))
    expect(h7Lines.map((l) => l.split(' ')[0]).sort()).toEqual([...KABID_WITH_MISSING].sort())
    expect(report.lines.some((l) => l.startsWith(`${COMPLETE} `))).toBe(false)
    expect(new Set(report.lines.map((l) => l.split(' ')[0])).size).toBe(report.lines.length) // one line per person
    expect(await t.db.selectFrom('notification').selectAll().execute()).toHaveLength(0)
    expect(sink.messages).toHaveLength(0)
  })

  it('two ticks at once at H-7: one digest per kepala bidang with missing rows, none for the complete one; a third tick sends nothing', async () => {
    const mailer = createSmtpMailer(sink.url)
    const [a, b] = await Promise.all([
      runReminderTick(t.db, { asOf: H7, mailer, baseUrl: 'https://kinerja.dumaikota.example' }),
      runReminderTick(t.db, { asOf: H7, mailer, baseUrl: 'https://kinerja.dumaikota.example' }),
    ])
    expect(a.claimed + b.claimed).toBe(a.collected) // every reminder claimed exactly once between the two
    for (const u of KABID_WITH_MISSING) expect(sink.to(mail(u)), u).toHaveLength(1)
    expect(sink.to(mail(COMPLETE))).toHaveLength(0)
    const notes = await h7Notes(t.db)
    expect(notes.map((n) => n.username)).toEqual([...KABID_WITH_MISSING].sort())
    expect(notes.every((n) => n.subject === '2026-Q4' && n.occurs_on === '2027-01-03' && n.digest_id != null)).toBe(true)
    // the digest: what is missing, links back into the app, a text and an HTML part
    const infra = textOf(sink.to(mail('kabid.infra'))[0]!.raw)
    expect(infra).toContain('7 hari lagi: batas realisasi Triwulan IV 2026 pada 10 Januari 2027')
    expect(infra).toContain('INF-01, INF-02, INF-03')
    expect(infra).toContain('https://kinerja.dumaikota.example/realisasi?tahun=2026&triwulan=4')
    expect(infra).toContain('Content-Type: text/plain')
    expect(infra).toContain('Content-Type: text/html')
    const before = sink.messages.length
    const later = await runReminderTick(t.db, { asOf: new Date(H7.getTime() + 3 * 3_600_000), mailer })
    expect(later.claimed).toBe(0)
    expect(later.digestsSent).toBe(0)
    expect(sink.messages.length).toBe(before)
    expect(await t.db.selectFrom('email_digest').select('user_id').where('digest_date', '=', '2027-01-03').execute()).toHaveLength(before)
  })

  it('an SMTP failure is retried on a later tick (not before its delay), and a page answers meanwhile', async () => {
    // the H-7 digests of 3 January went out: what follows is new since then
    const h7 = await runReminderTick(t.db, { asOf: H7, mailer: createSmtpMailer(sink.url), baseUrl: 'https://kinerja.dumaikota.example' })
    expect(h7.digestsFailed).toBe(0)
    for (const u of KABID_WITH_MISSING) expect(sink.to(mail(u)), u).toHaveLength(1)
    // a returned row on 4 January gives kabid.aplikasi something new for the next day's digest
    const apl = await t.db.selectFrom('indicator').select('id').where('code', '=', 'APL-02').executeTakeFirstOrThrow()
    const ret = toDbTime(new Date('2027-01-04T02:00:00Z'))
    await t.db
      .insertInto('realisasi')
      .values({
        indicator_id: apl.id,
        year: 2026,
        quarter: 4,
        value: 80,
        tidak_diukur: 0,
        status: 'dikembalikan',
        return_note: 'Bukti belum diunggah.',
        is_late: 0,
        version: 2,
        created_at: ret,
        updated_at: ret,
      })
      .execute()
    const day = new Date('2027-01-04T01:30:00Z')
    const mailer = createSmtpMailer(sink.url)
    sink.mode = 'refuse'
    sink.delayMs = 800
    const before = sink.messages.length
    setClock(() => day) // before signing in: a session from another clock would have expired
    const aplikasi = await loginAs(t.db, 'kabid.aplikasi')
    let tickDone = 0
    const tick = runReminderTick(t.db, { asOf: day, mailer }).then((r) => ((tickDone = Date.now()), r))
    const page = await callLoader(notifikasiLoader, '/notifikasi', { session: aplikasi })
    const pageDone = Date.now()
    expect(page.response).toBeNull()
    expect(page.data!.items.length).toBeGreaterThan(0)
    const failed = await tick
    expect(pageDone).toBeLessThan(tickDone) // the page did not wait for the mail server
    // new since yesterday's digests: the returned row (kabid.aplikasi) and the daily count of rows
    // waiting for verification (perencanaan)
    expect(failed.digestsFailed).toBe(2)
    expect(failed.digestsSent).toBe(0)
    const failedFor = await t.db
      .selectFrom('email_digest as d')
      .innerJoin('app_user as u', 'u.id', 'd.user_id')
      .select('u.username')
      .where('d.status', '=', 'gagal')
      .orderBy('u.username')
      .execute()
    expect(failedFor.map((f) => f.username)).toEqual(['kabid.aplikasi', 'perencanaan'])
    const row = await t.db
      .selectFrom('email_digest as d')
      .innerJoin('app_user as u', 'u.id', 'd.user_id')
      .select(['d.status', 'd.attempts', 'd.next_attempt_at', 'd.last_error'])
      .where('u.username', '=', 'kabid.aplikasi')
      .where('d.digest_date', '=', '2027-01-04')
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('gagal')
    expect(Number(row.attempts)).toBe(1)
    expect(String(row.next_attempt_at)).toMatch(/^2027-01-04 01:35:00/)
    expect(row.last_error).toMatch(/451|tidak tersedia/)

    sink.mode = 'ok'
    sink.delayMs = 0
    const early = await runReminderTick(t.db, { asOf: new Date(day.getTime() + 2 * 60_000), mailer })
    expect(early.digestsSent).toBe(0) // retry waits for its delay
    const retry = await runReminderTick(t.db, { asOf: new Date(day.getTime() + 6 * 60_000), mailer })
    expect(retry.digestsSent).toBe(2)
    expect(sink.messages.length).toBe(before + 2)
    expect(sink.to(mail('perencanaan')).at(-1)!.raw).toContain('menunggu verifikasi')
    const text = textOf(sink.to(mail('kabid.aplikasi')).at(-1)!.raw)
    expect(text).toContain('Dikembalikan: APL-02 Triwulan IV 2026')
    expect(text).toContain('Bukti belum diunggah.')
    const again = await runReminderTick(t.db, { asOf: new Date(day.getTime() + 30 * 60_000), mailer })
    expect(again.digestsSent).toBe(0)
    expect(sink.messages.length).toBe(before + 2)
  })

  it('an action passing its due day: the owner is notified and the cell flag lists it', async () => {
    const kadis = await getSessionUser(getRequest('/', (await loginAs(t.db, 'kadis')).cookie), t.db)
    const infra = await t.db.selectFrom('app_user').select('id').where('username', '=', 'kabid.infra').executeTakeFirstOrThrow()
    const opdId = kadis!.opdId!
    setClock(() => new Date('2027-01-04T03:00:00Z'))
    const created = await createActions(t.db, kadis!, {
      opdId,
      source: 'langsung',
      aspect: 'pengelolaan',
      strategy: 'inti',
      indicatorIds: [],
      periodKey: '2026-Q4',
      drafts: [{ title: 'Perluas intranet ke 5 OPD', ownerUserId: String(infra.id), dueDate: '2027-01-05' }],
    })
    expect(created.ok).toBe(true)
    const id = created.ok ? created.ids[0]! : 0
    const flagsAt = async (asOf: Date) =>
      (await scoreScope(t.db, { opdId }, { kind: 'triwulan', year: 2026, quarter: 4 }, asOf)).result.flags.filter((f) => f.kind === 'aksi_terlambat')

    // due day itself: a "jatuh tempo" reminder, not yet overdue, no flag
    const dueDay = new Date('2027-01-05T01:00:00Z')
    await runReminderTick(t.db, { asOf: dueDay })
    const onDue = await t.db.selectFrom('notification').select(['kind', 'title', 'link']).where('user_id', '=', infra.id).where('subject', '=', `aksi-${id}`).execute()
    expect(onDue).toEqual([{ kind: 'aksi_jatuh_tempo', title: 'Rencana aksi jatuh tempo hari ini: Perluas intranet ke 5 OPD', link: `/aksi/${id}` }])
    expect((await flagsAt(dueDay)).filter((f) => f.reason.includes('Perluas intranet'))).toEqual([]) // (the demo's kemitraan action is overdue since 30 November)

    const after = new Date('2027-01-06T01:00:00Z')
    await runReminderTick(t.db, { asOf: after })
    const late = await t.db
      .selectFrom('notification')
      .select(['kind', 'occurs_on', 'title'])
      .where('user_id', '=', infra.id)
      .where('kind', '=', 'aksi_terlambat')
      .where('subject', '=', `aksi-${id}`)
      .execute()
    expect(late).toEqual([{ kind: 'aksi_terlambat', occurs_on: '2027-01-06', title: 'Rencana aksi terlambat 1 hari: Perluas intranet ke 5 OPD' }])
    const flags = await flagsAt(after)
    const mine = flags.filter((f) => f.reason.includes('Perluas intranet'))
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ aspect: 'pengelolaan', strategy: 'inti' })
    expect(mine[0]!.reason).toBe(
      'Rencana aksi "Perluas intranet ke 5 OPD" (penanggung jawab Kepala Bidang Infrastruktur E-Government) lewat tenggat 5 Januari 2027 (1 hari), status direncanakan',
    )
    // a week later the same overdue action reminds once more, not every day
    await runReminderTick(t.db, { asOf: new Date('2027-01-08T01:00:00Z') })
    await runReminderTick(t.db, { asOf: new Date('2027-01-13T01:00:00Z') })
    const weekly = await t.db
      .selectFrom('notification')
      .select('occurs_on')
      .where('user_id', '=', infra.id)
      .where('kind', '=', 'aksi_terlambat')
      .where('subject', '=', `aksi-${id}`)
      .orderBy('occurs_on')
      .execute()
    expect(weekly.map((w) => w.occurs_on)).toEqual(['2027-01-06', '2027-01-13'])
  })

  it('opted out or without an address: in the app only, no e-mail', async () => {
    const mailer = createSmtpMailer(sink.url)
    await t.db.updateTable('app_user').set({ notify_email: 0 }).where('username', '=', 'kabid.infra').execute()
    await t.db.updateTable('app_user').set({ email: null }).where('username', '=', 'kabid.ikp').execute()
    const day = new Date('2027-01-09T01:00:00Z') // H-1 of 2026 TW IV
    const before = { infra: sink.to(mail('kabid.infra')).length, ikp: sink.to(mail('kabid.ikp')).length, sek: sink.to(mail('sekretaris')).length }
    await runReminderTick(t.db, { asOf: day, mailer })
    const h1 = await t.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'h_min_1')
      .orderBy('u.username')
      .execute()
    expect(h1.map((r) => r.username)).toEqual(['kabid.aplikasi', 'kabid.ikp', 'kabid.infra', 'sekretaris'])
    expect(sink.to(mail('kabid.infra')).length).toBe(before.infra)
    expect(sink.to(mail('kabid.ikp')).length).toBe(before.ikp)
    expect(sink.to(mail('sekretaris')).length).toBe(before.sek + 1)
  })
})

describe.each(DB_KINDS)('two processes against one database (%s)', (kind) => {
  const t = useTestDb(kind, { seed: true, setup: arrange })
  let sink: SmtpSink
  beforeAll(async () => {
    sink = await startSmtpSink()
  })
  beforeEach(() => {
    resetSink(sink)
  })
  afterAll(async () => {
    await sink?.close()
  })

  const runCli = (args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve, reject) => {
      const p = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'app/cli/pengingat.ts'), ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.url, SMTP_URL: sink.url, APP_URL: 'https://kinerja.dumaikota.example' },
      })
      let out = ''
      p.stdout.on('data', (c: Buffer) => (out += c.toString()))
      p.stderr.on('data', (c: Buffer) => (out += c.toString()))
      p.on('error', reject)
      p.on('exit', (code) => resolve({ code: code ?? -1, out }))
    })

  it('npm run pengingat -- --dry-run --as-of 2027-01-03 prints one line per person and sends nothing', async () => {
    const r = await runCli(['--dry-run', '--as-of', '2027-01-03'])
    expect(r.code, r.out).toBe(0)
    const lines = r.out.trim().split('\n')
    expect(lines[0]).toContain('Uji coba pengingat per 2027-01-03')
    for (const u of KABID_WITH_MISSING)
      expect(
        lines.filter((l) => l.startsWith(`${u} `)),
        u,
      ).toHaveLength(1)
    expect(lines.some((l) => l.startsWith(`${COMPLETE} `))).toBe(false)
    expect(sink.messages).toHaveLength(0)
  }, 60_000)

  it('two processes tick at once: each digest once', async () => {
    const [a, b] = await Promise.all([runCli(['--as-of', '2027-01-03']), runCli(['--as-of', '2027-01-03'])])
    expect(a.code, a.out).toBe(0)
    expect(b.code, b.out).toBe(0)
    for (const u of KABID_WITH_MISSING) expect(sink.to(mail(u)), u).toHaveLength(1)
    expect(sink.to(mail(COMPLETE))).toHaveLength(0)
    const notes = await h7Notes(t.db)
    expect(notes.map((n) => n.username)).toEqual([...KABID_WITH_MISSING].sort())
    const digests = await t.db.selectFrom('email_digest').select(['user_id', 'status']).where('digest_date', '=', '2027-01-03').execute()
    expect(digests.length).toBe(sink.messages.length)
    expect(digests.every((d) => d.status === 'terkirim')).toBe(true)
  }, 60_000)
})
