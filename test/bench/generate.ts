// City-scale data set for benchmarks: N OPD × M indicators × 6 years × 4 quarters.
import type { DB } from '../../db/db.server.js'
import { toDbTime } from '../../db/time.js'
import { ASPECTS, POLA_UKUR, STRATEGIES } from '../../app/domain/types.js'

export interface CitySize {
  opd: number
  indicatorsPerOpd: number
  years: number[]
}

export const CITY: CitySize = { opd: 40, indicatorsPerOpd: 25, years: [2021, 2022, 2023, 2024, 2025, 2026] }

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `batch`: realisation rows per INSERT (the ×10 stress size uses 500). */
export async function generateCity(db: DB, size: CitySize = CITY, options: { batch?: number } = {}): Promise<{ indicators: number; realisasi: number }> {
  const batch = options.batch ?? 100
  const rand = rng(42)
  const t = toDbTime(new Date(Date.UTC(2021, 0, 4)))
  let indicators = 0
  let realisasi = 0
  await db.transaction().execute(async (trx) => {
    const user = Number(
      (
        await trx
          .insertInto('app_user')
          .values({
            username: 'bench',
            full_name: 'Bench',
            password_hash: 'x',
            role: 'perencanaan',
            unit_id: null,
            active: 1,
            created_at: t,
            updated_at: t,
            password_changed_at: t,
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    )
    for (let o = 1; o <= size.opd; o++) {
      const opdId = Number(
        (
          await trx
            .insertInto('org_unit')
            .values({ parent_id: null, kind: 'opd', code: `OPD-${o}`, name: `Perangkat Daerah ${o}`, short_name: `PD ${o}`, city: 'Kota Contoh', sort_order: o, created_at: t })
            .executeTakeFirstOrThrow()
        ).insertId,
      )
      const units: number[] = []
      for (let b = 1; b <= 4; b++)
        units.push(
          Number(
            (
              await trx
                .insertInto('org_unit')
                .values({
                  parent_id: opdId,
                  kind: 'bidang',
                  code: `OPD-${o}-B${b}`,
                  name: `Bidang ${b} PD ${o}`,
                  short_name: `Bidang ${b}`,
                  city: null,
                  sort_order: b,
                  created_at: t,
                })
                .executeTakeFirstOrThrow()
            ).insertId,
          ),
        )
      const periodId = Number(
        (
          await trx
            .insertInto('renstra_period')
            .values({ opd_id: opdId, name: 'Renstra 2021–2026', start_year: size.years[0]!, end_year: size.years[size.years.length - 1]!, closed: 0, created_at: t })
            .executeTakeFirstOrThrow()
        ).insertId,
      )
      const targets: { indicator_id: number; year: number; target: number }[] = []
      const rows: any[] = []
      for (let i = 1; i <= size.indicatorsPerOpd; i++) {
        const pola = POLA_UKUR[i % 4]!
        const polarity = i % 7 === 0 ? 'turun' : 'naik'
        const id = Number(
          (
            await trx
              .insertInto('indicator')
              .values({
                period_id: periodId,
                sasaran_id: null,
                program_id: null,
                unit_id: units[i % 4]!,
                code: `I-${o}-${i}`,
                name: `Indikator ${i} PD ${o}`,
                satuan: pola === 'kumulatif' ? 'kegiatan' : 'persen',
                polarity,
                pola_ukur: pola,
                aspect: ASPECTS[i % 3]!,
                strategy: STRATEGIES[i % 5]!,
                weight: 1,
                baseline: 50,
                baseline_year: 2020,
                target_akhir: 100,
                min_value: 0,
                max_value: null,
                definition: null,
                sort_order: i,
                version: 1,
                created_at: t,
                updated_at: t,
                deleted_at: null,
                deleted_reason: null,
              })
              .executeTakeFirstOrThrow()
          ).insertId,
        )
        indicators++
        for (const y of size.years) {
          const target = 60 + (y - size.years[0]!) * 5
          targets.push({ indicator_id: id, year: y, target })
          for (let q = 1; q <= 4; q++) {
            if (pola === 'rilis' && q !== 4) continue
            const value = Math.round(target * (0.6 + rand() * 0.6) * (pola === 'kumulatif' ? 0.25 : 1) * 100) / 100
            rows.push({
              indicator_id: id,
              year: y,
              quarter: q,
              value,
              tidak_diukur: 0,
              bukti_text: 'Laporan',
              status: 'diverifikasi',
              is_late: 0,
              version: 1,
              entered_by: user,
              entered_at: t,
              created_at: t,
              updated_at: t,
            })
          }
        }
      }
      for (let k = 0; k < targets.length; k += 200)
        await trx
          .insertInto('indicator_target')
          .values(targets.slice(k, k + 200))
          .execute()
      for (let k = 0; k < rows.length; k += batch)
        await trx
          .insertInto('realisasi')
          .values(rows.slice(k, k + batch))
          .execute()
      realisasi += rows.length
    }
  })
  return { indicators, realisasi }
}
