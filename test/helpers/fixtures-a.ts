// Small fixtures shared by the verification, notes, flags, foundation, kota, tugas-saya and reminder
// tests: indicator ids by code, row counts, and the fields of one realisation row as the entry form
// posts them.
import type { DB } from '../../db/db.server.js'
import type { Database } from '../../db/schema.js'

/** Every indicator's id by its code. */
export async function indicatorIds(db: DB): Promise<Record<string, number>> {
  const ids: Record<string, number> = {}
  for (const r of await db.selectFrom('indicator').select(['id', 'code']).execute()) ids[r.code] = r.id
  return ids
}

/** The number of rows of a table. */
export async function countRows(db: DB, table: keyof Database & string): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** One realisation row's fields of the entry form. */
export interface EntryRowFields {
  value?: string
  version?: number | null
  kendala?: string
  tindak_lanjut?: string
  bukti_text?: string
}

/** The entry form of one row posted with a row-level intent (`simpan:<id>` / `ajukan:<id>`). */
export function entryRowForm(intent: string, f: EntryRowFields, year = 2026, quarter = 4): [string, string][] {
  const id = Number(intent.split(':')[1])
  return [
    ['tahun', String(year)],
    ['triwulan', String(quarter)],
    ['intent', intent],
    ['row', String(id)],
    [`r.${id}.value`, f.value ?? ''],
    [`r.${id}.bukti_text`, f.bukti_text ?? ''],
    [`r.${id}.bukti_link`, ''],
    [`r.${id}.kendala`, f.kendala ?? ''],
    [`r.${id}.tindak_lanjut`, f.tindak_lanjut ?? ''],
    [`r.${id}.version`, f.version == null ? '' : String(f.version)],
  ]
}

/**
 * A value the column's TypeScript type rules out, to show that the database itself refuses it
 * (CHECK constraints and ENUMs): the one place a test writes what the schema types forbid.
 */
export function outsideSchema<T>(value: string): T {
  return value as unknown as T
}
