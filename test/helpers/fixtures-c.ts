// Fixtures shared by the tests of actions, budget, renstra, tenancy and accounts: rows a describe
// writes into its template (useTestDb's `setup`) or a test writes first, and small typed readers of
// the answers routes give. No casts: what a route answers stays typed from the route.
import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import type { Called } from './call.js'
import type { DB } from '../../db/db.server.js'
import { toDbTime } from '../../db/time.js'
import type { Database, Role } from '../../db/schema.js'
import type { Insertable } from 'kysely'
import type { FormResult } from '../../app/utils/forms.js'

type FormErrorOf<D> = Extract<D, { status: 'error'; fieldErrors: unknown }>

/** The failed FormResult a call answered with (fails the test when it answered anything else). */
export function formErrorOf<D>(r: Called<D>): FormErrorOf<D> {
  const d: unknown = r.data
  expect(d && typeof d === 'object' && 'status' in d && d.status === 'error' && 'fieldErrors' in d, `expected a failed FormResult, got ${r.status} ${JSON.stringify(d)}`).toBe(true)
  return d as FormErrorOf<D>
}

/** The successful FormResult a call answered with. */
export function formSuccessOf<D>(r: Called<D>): Extract<FormResult, { status: 'success' }> {
  const d: unknown = r.data
  expect(d && typeof d === 'object' && 'status' in d && d.status === 'success', `expected a successful FormResult, got ${r.status} ${JSON.stringify(d)}`).toBe(true)
  return d as Extract<FormResult, { status: 'success' }>
}

/** The ids of every user by username. */
export async function userIds(db: DB): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const u of await db.selectFrom('app_user').select(['id', 'username']).execute()) out[u.username] = u.id
  return out
}

export async function userIdOf(db: DB, username: string): Promise<number> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
}

/** The first OPD of the demo (Diskominfo Dumai). */
export async function firstOpdId(db: DB): Promise<number> {
  return (await db.selectFrom('org_unit').select('id').where('kind', '=', 'opd').orderBy('id').executeTakeFirstOrThrow()).id
}

/** Adds an OPD with no planning of its own; returns its id. */
export async function addOpd(db: DB, o: { code: string; name: string; shortName?: string; sortOrder?: number; at?: Date }): Promise<number> {
  const r = await db
    .insertInto('org_unit')
    .values({
      parent_id: null,
      kind: 'opd',
      code: o.code,
      name: o.name,
      short_name: o.shortName ?? o.name,
      city: null,
      sort_order: o.sortOrder ?? 9,
      created_at: toDbTime(o.at ?? new Date()),
    })
    .executeTakeFirstOrThrow()
  return Number(r.insertId)
}

/** What differs between the indicators the tests insert straight in SQL (the rest is fixed below). */
export interface IndicatorFixture {
  periodId: number
  unitId: number
  code: string
  name?: string
  aspect: Database['indicator']['aspect']
  sortOrder: number
  /** created_at and updated_at (a database time). */
  at: string
  sasaranId?: number | null
  programId?: number | null
}

/** A kumulatif, inti indicator counted in documents (naik, weight 1, at least 0), version 1, not deleted. */
export function indicatorRow(i: IndicatorFixture): Insertable<Database['indicator']> {
  return {
    period_id: i.periodId,
    sasaran_id: i.sasaranId ?? null,
    program_id: i.programId ?? null,
    unit_id: i.unitId,
    code: i.code,
    name: i.name ?? `Indikator ${i.code}`,
    satuan: 'dokumen',
    polarity: 'naik',
    pola_ukur: 'kumulatif',
    aspect: i.aspect,
    strategy: 'inti',
    weight: 1,
    baseline: null,
    baseline_year: null,
    target_akhir: null,
    min_value: 0,
    max_value: null,
    definition: null,
    sort_order: i.sortOrder,
    version: 1,
    created_at: i.at,
    updated_at: i.at,
    deleted_at: null,
    deleted_reason: null,
  }
}

/** Inserts `indicatorRow(i)`; returns its id. */
export async function insertIndicator(db: DB, i: IndicatorFixture): Promise<number> {
  return Number((await db.insertInto('indicator').values(indicatorRow(i)).executeTakeFirstOrThrow()).insertId)
}

/** Adds an active user with kadis's password hash (the demo password); returns its id. */
export async function addUser(db: DB, u: { username: string; fullName: string; role: Role; unitId: number | null; at?: Date }): Promise<number> {
  const hash = (await db.selectFrom('app_user').select('password_hash').where('username', '=', 'kadis').executeTakeFirstOrThrow()).password_hash
  const at = toDbTime(u.at ?? new Date())
  const r = await db
    .insertInto('app_user')
    .values({
      username: u.username,
      full_name: u.fullName,
      password_hash: hash,
      role: u.role,
      unit_id: u.unitId,
      active: 1,
      created_at: at,
      updated_at: at,
      password_changed_at: at,
    })
    .executeTakeFirstOrThrow()
  return Number(r.insertId)
}

export { countRows } from './fixtures-a.js'

/** Opens an .xlsx file (bytes from a service or a download). */
export async function openWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  // ExcelJS declares its Buffer as an ArrayBuffer: hand it a copy of the bytes as one
  await wb.xlsx.load(bytes instanceof ArrayBuffer ? bytes : new Uint8Array(bytes).buffer)
  return wb
}
