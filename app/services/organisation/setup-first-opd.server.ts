// Use case: `npm run setup` — a fresh production database gets its first OPD and that OPD's admin
// (bound to the OPD). Refused when an OPD already exists unless `addOpd` is given. Audited as the CLI.
import { writeTransaction, type DB } from '../../utils/db.server'
import { countOpd, insertUnit, maxSortOrder } from '../../models/organisation.server'
import { insertUser, usernameTaken } from '../../models/users.server'
import { toDbTime } from '../../../db/time'
import { now } from '../../utils/clock.server'
import { hashPassword, passwordProblems } from '../../utils/password.server'
import { USERNAME_PATTERN } from '../users/rules'
import { writeAudit, type AuditActor } from '../audit.server'
import { auditView, checkTexts, cleanText, codeTakenMessage, loadTree, type UnitFieldErrors } from './common.server'

export interface SetupOpdInput {
  opdCode: string
  opdName: string
  opdShortName?: string
  city?: string
  adminUsername: string
  adminName: string
  password: string
  addOpd: boolean
}

export type SetupOpdResult = { ok: true; opdId: number; userId: number } | { ok: false; problems: string[] }

const CLI_ACTOR: AuditActor = { id: null, username: 'cli', role: null }

/** The argument problems found before any password is read (so the CLI can stop early). */
export function setupArgumentProblems(input: Omit<SetupOpdInput, 'password'>): string[] {
  const errors: UnitFieldErrors = {}
  checkTexts({ code: input.opdCode, name: input.opdName, shortName: input.opdShortName ?? '' }, errors)
  const problems: string[] = []
  if (errors.code) problems.push(`--opd-code: ${errors.code}`)
  if (errors.name) problems.push(`--opd-name: ${errors.name.replace('Nama unit', 'Nama OPD')}`)
  if (errors.shortName) problems.push(`--opd-short-name: ${errors.shortName}`)
  if (!USERNAME_PATTERN.test(input.adminUsername)) problems.push('--admin-username: 3–60 karakter huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.')
  const name = cleanText(input.adminName)
  if (!name) problems.push('--admin-name: nama lengkap admin wajib diisi.')
  else if (name.length > 200) problems.push('--admin-name: paling panjang 200 karakter.')
  return problems
}

export async function setupFirstOpd(db: DB, input: SetupOpdInput): Promise<SetupOpdResult> {
  const problems = setupArgumentProblems(input)
  problems.push(...passwordProblems(input.password, input.adminUsername).map((p) => `Kata sandi: ${p}`))
  if (problems.length) return { ok: false, problems }
  const passwordHash = await hashPassword(input.password) // slow on purpose: before the transaction
  const opdName = cleanText(input.opdName)
  const code = cleanText(input.opdCode)
  const shortName = cleanText(input.opdShortName) || null
  const city = cleanText(input.city) || null
  const adminName = cleanText(input.adminName)
  return writeTransaction(db, 'city', async (trx) => {
    const existing = await countOpd(trx)
    if (existing > 0 && !input.addOpd) {
      return {
        ok: false as const,
        problems: [
          `Basis data ini sudah berisi ${existing} OPD; tidak ada yang diubah. Untuk menambah OPD lain jalankan lagi dengan --add-opd, atau tambahkan lewat halaman Admin › Organisasi.`,
        ],
      }
    }
    const tree = await loadTree(trx)
    const taken = codeTakenMessage(tree, code, { opdId: null })
    if (taken) return { ok: false as const, problems: [`--opd-code: ${taken}`] }
    if (await usernameTaken(trx, input.adminUsername)) {
      return { ok: false as const, problems: [`--admin-username: pengguna "${input.adminUsername}" sudah ada.`] }
    }
    const t = toDbTime(now())
    const unit = {
      parent_id: null,
      kind: 'opd' as const,
      code,
      name: opdName,
      short_name: shortName,
      city,
      sort_order: (await maxSortOrder(trx, null)) + 1,
      created_at: t,
      active: 1,
    }
    const opdId = await insertUnit(trx, unit)
    await writeAudit(trx, {
      actor: CLI_ACTOR,
      opdId,
      entity: 'org_unit',
      entityId: opdId,
      action: 'create',
      after: { id: opdId, ...auditView(unit) },
      reason: 'Dibuat lewat npm run setup',
    })
    const userId = await insertUser(trx, {
      username: input.adminUsername,
      full_name: adminName,
      password_hash: passwordHash,
      role: 'admin',
      unit_id: opdId,
      active: 1,
      created_at: t,
      updated_at: t,
      password_changed_at: t,
    })
    await writeAudit(trx, {
      actor: CLI_ACTOR,
      opdId,
      entity: 'user',
      entityId: userId,
      action: 'create',
      after: { username: input.adminUsername, full_name: adminName, role: 'admin', unit_id: opdId, active: 1 },
      reason: 'Dibuat lewat npm run setup',
    })
    return { ok: true as const, opdId, userId }
  })
}
