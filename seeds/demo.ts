// Seeds the Dumai demo into an empty database, in one transaction. Seeding twice changes nothing.
import type { Executor } from '../db/db.server.js'
import { toDbTime } from '../db/time.js'
import { writeTransaction } from '../db/version.js'
import { hashPassword } from '../app/utils/password.server.js'
import { seedDemoBudget } from './demo-budget.js'
import {
  DEMO_INDICATORS,
  DEMO_KENDALA,
  DEMO_LAST,
  DEMO_NOTES,
  DEMO_ACTIONS,
  DEMO_OPD,
  DEMO_OPD_CODE,
  DEMO_PASSWORD,
  DEMO_PROGRAMS,
  DEMO_TUJUAN,
  DEMO_UNITS,
  DEMO_USERS,
  DEMO_YEARS,
  type DemoIndicator,
} from './demo-data.js'

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals
  return Math.round(v * f) / f
}
const clamp = (v: number, ind: DemoIndicator) => Math.min(ind.max ?? Number.POSITIVE_INFINITY, Math.max(ind.min ?? Number.NEGATIVE_INFINITY, v))

/** The annual realised value the demo aims at: capaian = factor × 100. */
export function demoAnnualValue(ind: DemoIndicator, yearIndex: number): number {
  const target = ind.targets[yearIndex]!
  const f = ind.factors[yearIndex]!
  const raw = ind.polarity === 'naik' ? target * f : target * (2 - f)
  return clamp(round(raw, ind.decimals), ind)
}

const KUMULATIF_SHARES = [0.2, 0.25, 0.25, 0.3]
const POSISI_RAMP = [0.85, 0.9, 0.95, 1]

/**
 * Quarterly values of one demo year. kumulatif: the annual value split 20/25/25/30 (the last
 * quarter takes the rounding rest); rata_rata: the annual value ± a small swing whose mean is the
 * annual value; posisi: a ramp reaching the annual value in TW IV; rilis: one value in TW IV.
 */
export function demoQuarterValues(ind: DemoIndicator, yearIndex: number, quarters: number): (number | null)[] {
  const annual = demoAnnualValue(ind, yearIndex)
  const out: (number | null)[] = []
  if (ind.pola === 'kumulatif') {
    let used = 0
    for (let q = 1; q <= quarters; q++) {
      const v = q === 4 ? round(annual - used, ind.decimals) : round(annual * KUMULATIF_SHARES[q - 1]!, ind.decimals)
      used += v
      out.push(v)
    }
  } else if (ind.pola === 'rata_rata') {
    const swing = round(Math.max(annual * 0.01, 10 ** -ind.decimals), ind.decimals)
    const pattern = quarters === 4 ? [-1, 1, -1, 1] : quarters === 3 ? [-1, 1, 0] : quarters === 2 ? [-1, 1] : [0]
    for (let q = 0; q < quarters; q++) {
      const v = round(annual + pattern[q]! * swing, ind.decimals)
      out.push(clamp(v, ind))
    }
    // keep the mean exact after clamping at 100 %
    const mean = out.reduce<number>((s, v) => s + (v ?? 0), 0) / quarters
    if (Math.abs(mean - annual) > 1e-9) for (let q = 0; q < quarters; q++) out[q] = annual
  } else if (ind.pola === 'posisi') {
    for (let q = 1; q <= quarters; q++) out.push(clamp(round(annual * POSISI_RAMP[q - 1]!, ind.decimals), ind))
  } else {
    for (let q = 1; q <= quarters; q++) out.push(q === 4 ? annual : null)
  }
  return out
}

const QUARTER_END: Record<number, [number, number]> = { 1: [3, 31], 2: [6, 30], 3: [9, 30], 4: [12, 31] }

function enteredAt(year: number, quarter: number, daysAfter: number, hourUtc = 3): string {
  const [m, d] = QUARTER_END[quarter]!
  return toDbTime(new Date(Date.UTC(year, m - 1, d + daysAfter, hourUtc, 15, 0)))
}

export async function isDemoSeeded(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('org_unit').select('id').where('code', '=', DEMO_OPD_CODE).executeTakeFirst()
  return !!row
}

/** The demo logins as printed by `npm start` on a demo database (the seed owns them, not the app). */
export function demoLoginLines(): string[] {
  return [`Akun demo (kata sandi semuanya: ${DEMO_PASSWORD}) — hanya untuk data demo:`, ...DEMO_USERS.map((u) => `  ${u.username.padEnd(16)} ${u.role.padEnd(14)} ${u.fullName}`)]
}

export interface SeedReport {
  seeded: boolean
  indicators: number
  realisasi: number
  users: number
}

export async function seedDemo(db: Executor & { transaction?: unknown }): Promise<SeedReport> {
  if (await isDemoSeeded(db)) return { seeded: false, indicators: 0, realisasi: 0, users: 0 }
  // Hash outside the transaction: scrypt is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const run = async (trx: Executor): Promise<SeedReport> => {
    const created = toDbTime(new Date(Date.UTC(2021, 0, 4, 2, 0, 0)))
    const insertId = (r: { insertId?: bigint | number }) => Number(r.insertId)

    const opdId = insertId(
      await trx
        .insertInto('org_unit')
        .values({ parent_id: null, kind: 'opd', code: DEMO_OPD.code, name: DEMO_OPD.name, short_name: DEMO_OPD.short, city: DEMO_OPD.city, sort_order: 0, created_at: created })
        .executeTakeFirstOrThrow(),
    )
    const unitIds: Record<string, number> = {}
    let order = 1
    for (const u of DEMO_UNITS) {
      unitIds[u.code] = insertId(
        await trx
          .insertInto('org_unit')
          .values({ parent_id: opdId, kind: u.kind, code: `${DEMO_OPD.code}-${u.code}`, name: u.name, short_name: u.short, city: null, sort_order: order++, created_at: created })
          .executeTakeFirstOrThrow(),
      )
      let child = 1
      for (const c of u.children) {
        await trx
          .insertInto('org_unit')
          .values({
            parent_id: unitIds[u.code]!,
            kind: c.startsWith('Subbagian') ? 'subbagian' : 'seksi',
            code: `${DEMO_OPD.code}-${u.code}-${child}`,
            name: c,
            short_name: null,
            city: null,
            sort_order: child++,
            created_at: created,
          })
          .execute()
      }
    }

    const userIds: Record<string, number> = {}
    for (const u of DEMO_USERS) {
      userIds[u.username] = insertId(
        await trx
          .insertInto('app_user')
          .values({
            username: u.username,
            full_name: u.fullName,
            password_hash: passwordHash,
            role: u.role,
            unit_id: u.cityLevel ? null : u.unit ? unitIds[u.unit]! : opdId,
            active: 1,
            created_at: created,
            updated_at: created,
            password_changed_at: created,
          })
          .executeTakeFirstOrThrow(),
      )
    }

    const periodId = insertId(
      await trx
        .insertInto('renstra_period')
        .values({ opd_id: opdId, name: 'Renstra 2021–2026', start_year: 2021, end_year: 2026, closed: 0, created_at: created })
        .executeTakeFirstOrThrow(),
    )
    const sasaranIds: Record<string, number> = {}
    let tOrder = 1
    for (const t of DEMO_TUJUAN) {
      const tujuanId = insertId(
        await trx.insertInto('tujuan').values({ period_id: periodId, code: t.code, name: t.name, sort_order: tOrder++, deleted_at: null }).executeTakeFirstOrThrow(),
      )
      let sOrder = 1
      for (const s of t.sasaran) {
        sasaranIds[s.code] = insertId(
          await trx.insertInto('sasaran').values({ tujuan_id: tujuanId, code: s.code, name: s.name, sort_order: sOrder++, deleted_at: null }).executeTakeFirstOrThrow(),
        )
      }
    }
    const programIds: Record<string, { id: number; sasaran: string }> = {}
    let pOrder = 1
    for (const p of DEMO_PROGRAMS) {
      programIds[p.code] = {
        sasaran: p.sasaran,
        id: insertId(
          await trx
            .insertInto('program')
            .values({
              period_id: periodId,
              sasaran_id: sasaranIds[p.sasaran]!,
              parent_id: null,
              kind: 'program',
              code: p.code,
              name: p.name,
              unit_id: unitIds[p.unit]!,
              sort_order: pOrder++,
              deleted_at: null,
            })
            .executeTakeFirstOrThrow(),
        ),
      }
    }

    const kabidOf: Record<string, string> = Object.fromEntries(DEMO_USERS.filter((u) => u.role === 'kepala_bidang').map((u) => [u.unit!, u.username]))
    const verifier = userIds['perencanaan']!
    let realisasiCount = 0
    let iOrder = 1
    for (const ind of DEMO_INDICATORS) {
      const program = programIds[ind.program]!
      const targetAkhir = ind.pola === 'kumulatif' ? ind.targets.reduce((s, t) => s + t, 0) : ind.targets[ind.targets.length - 1]!
      const indicatorId = insertId(
        await trx
          .insertInto('indicator')
          .values({
            period_id: periodId,
            sasaran_id: sasaranIds[program.sasaran]!,
            program_id: program.id,
            unit_id: unitIds[ind.unit]!,
            code: ind.code,
            name: ind.name,
            satuan: ind.satuan,
            polarity: ind.polarity,
            pola_ukur: ind.pola,
            aspect: ind.aspect,
            strategy: ind.strategy,
            weight: 1,
            baseline: ind.baseline,
            baseline_year: 2020,
            target_akhir: targetAkhir,
            min_value: ind.min ?? null,
            max_value: ind.max ?? null,
            definition: null,
            sort_order: iOrder++,
            version: 1,
            created_at: created,
            updated_at: created,
            deleted_at: null,
            deleted_reason: null,
          })
          .executeTakeFirstOrThrow(),
      )
      await trx
        .insertInto('indicator_target')
        .values(DEMO_YEARS.map((year, i) => ({ indicator_id: indicatorId, year, target: ind.targets[i]! })))
        .execute()

      const enteredBy = userIds[kabidOf[ind.unit]!]!
      const rows = []
      for (const [yi, year] of DEMO_YEARS.entries()) {
        const quarters = year < DEMO_LAST.year ? 4 : DEMO_LAST.quarter
        const values = demoQuarterValues(ind, yi, quarters)
        const weak = ind.factors[yi]! < 0.76
        for (let q = 1; q <= quarters; q++) {
          const value = values[q - 1]
          if (value == null) continue
          // one late report, so the demo shows the "terlambat" flag: APL-03, 2026 TW III
          const late = ind.code === 'APL-03' && year === 2026 && q === 3
          const entered = enteredAt(ind.pola === 'rilis' ? year + 1 : year, ind.pola === 'rilis' ? 1 : q, late ? 14 : 5 + (iOrder % 4))
          const inOpenReview = year === DEMO_LAST.year && q === DEMO_LAST.quarter
          const status = inOpenReview ? (ind.unit === 'IKP' || ind.unit === 'SEK' ? 'diajukan' : 'diverifikasi') : 'diverifikasi'
          const narrative = weak ? DEMO_KENDALA[ind.code] : undefined
          rows.push({
            indicator_id: indicatorId,
            year,
            quarter: q,
            value,
            tidak_diukur: 0,
            bukti_text: ind.pola === 'rilis' ? `${ind.evidence} (rilis ${year + 1} untuk tahun ${year})` : `${ind.evidence}, Triwulan ${['I', 'II', 'III', 'IV'][q - 1]} ${year}`,
            bukti_link: null,
            bukti_internal: 0,
            kendala: narrative?.kendala ?? null,
            tindak_lanjut: narrative?.tindakLanjut ?? null,
            status: status as 'diajukan' | 'diverifikasi',
            return_note: null,
            is_late: late ? 1 : 0,
            version: 1,
            // 2021–2025: entered as data historis before the demo went live (domain §8), never late
            is_historical: year < 2026 ? 1 : 0,
            entered_by: enteredBy,
            entered_at: entered,
            submitted_by: enteredBy,
            submitted_at: entered,
            verified_by: status === 'diverifikasi' ? verifier : null,
            verified_at: status === 'diverifikasi' ? toDbTime(new Date(Date.parse(`${entered.replace(' ', 'T')}Z`) + 3 * 86_400_000)) : null,
            created_at: entered,
            updated_at: entered,
          })
        }
      }
      realisasiCount += rows.length
      for (let i = 0; i < rows.length; i += 50)
        await trx
          .insertInto('realisasi')
          .values(rows.slice(i, i + 50))
          .execute()
    }

    // Budget (pagu and realisasi anggaran, invented and labelled "(contoh)"): see seeds/demo-budget.ts
    const budget = await seedDemoBudget(trx, {
      periodId,
      programs: Object.fromEntries(DEMO_PROGRAMS.map((p) => [p.code, { id: programIds[p.code]!.id, unitId: unitIds[p.unit]! }])),
      kabidOfUnit: Object.fromEntries(Object.entries(kabidOf).map(([unit, username]) => [unitIds[unit]!, userIds[username]!])),
      perencanaan: verifier,
    })

    const noteTime = toDbTime(new Date(Date.UTC(2026, 0, 20, 3, 0, 0)))
    const noteIds: Record<string, number> = {}
    for (const n of DEMO_NOTES) {
      noteIds[`${n.aspect}|${n.strategy}`] = insertId(
        await trx
          .insertInto('evaluation_note')
          .values({
            opd_id: opdId,
            aspect: n.aspect,
            strategy: n.strategy,
            period_key: '2025-Q4',
            judgement: n.judgement,
            kendala: n.kendala,
            rekomendasi: n.rekomendasi,
            version: 1,
            created_by: userIds['kadis']!,
            created_at: noteTime,
            updated_by: userIds['kadis']!,
            updated_at: noteTime,
          })
          .executeTakeFirstOrThrow(),
      )
    }
    // Rencana aksi of the 2025 year-end meeting on the budaya cells (demo data, labelled so)
    for (const a of DEMO_ACTIONS) {
      const ownerUnit = DEMO_USERS.find((u) => u.username === a.owner)!.unit!
      const actionId = insertId(
        await trx
          .insertInto('action_item')
          .values({
            opd_id: opdId,
            title: a.title,
            aspect: a.aspect,
            strategy: a.strategy,
            owner_unit_id: unitIds[ownerUnit]!,
            owner_user_id: userIds[a.owner]!,
            due_date: a.due,
            status: a.status,
            source: 'catatan',
            source_note_id: noteIds[`${a.aspect}|${a.strategy}`]!,
            source_index: 0,
            source_realisasi_id: null,
            period_key: '2025-Q4',
            version: a.progress.length + 1,
            created_by: userIds['kadis']!,
            created_at: noteTime,
            updated_by: userIds[a.owner]!,
            updated_at: a.progress.at(-1)?.at ?? noteTime,
            completed_at: a.status === 'selesai' ? (a.progress.at(-1)?.at ?? noteTime) : null,
          })
          .executeTakeFirstOrThrow(),
      )
      for (const p of a.progress) {
        await trx
          .insertInto('action_progress')
          .values({ action_id: actionId, status: p.status, note: p.note, evidence_text: p.evidence, evidence_link: null, created_by: userIds[a.owner]!, created_at: p.at })
          .execute()
      }
    }
    await trx
      .insertInto('audit_log')
      .values({
        occurred_at: toDbTime(new Date()),
        actor_id: null,
        actor_username: 'sistem',
        actor_role: null,
        opd_id: opdId,
        entity: 'seed',
        entity_id: DEMO_OPD.code,
        action: 'seed_demo',
        reason: 'Data demo Kota Dumai dimuat',
        before_json: null,
        after_json: JSON.stringify({
          indicators: DEMO_INDICATORS.length,
          realisasi: realisasiCount,
          kegiatan: budget.lines,
          pagu: budget.pagu,
          realisasi_anggaran: budget.anggaran,
        }),
        request_id: null,
      })
      .execute()
    return { seeded: true, indicators: DEMO_INDICATORS.length, realisasi: realisasiCount, users: DEMO_USERS.length }
  }
  return writeTransaction(db, 'city', run)
}
