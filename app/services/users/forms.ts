// The account forms' schemas (ADR 0024): the shape and the per-field rules. The rules that need the
// database or several fields (unit kinds, a taken username, password strength against the
// username) stay in the use cases, which answer with field messages too.
import { z } from 'zod'
import { ROLES } from '../../utils/permissions'
import { USERNAME_PATTERN } from './rules'

const text = () => z.string().default('')
const username = z
  .string()
  .default('')
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(USERNAME_PATTERN, 'Nama pengguna 3–60 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf/angka.'))
const fullName = z.string().default('').pipe(z.string().trim().min(1, 'Nama lengkap wajib diisi.').max(200, 'Nama lengkap maksimal 200 karakter.'))
const role = z
  .string()
  .default('')
  .refine((r) => (ROLES as readonly string[]).includes(r), 'Pilih peran yang tersedia.')
const unitId = z
  .string()
  .default('')
  .pipe(
    z
      .string()
      .trim()
      .regex(/^(\d{1,9})?$/, 'Unit kerja tidak dikenal.'),
  )

/** Account fields of the create and update forms. */
const account = { fullName, role, unitId }

/** /admin/pengguna: the one form (create). */
export const createUserSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('create'), username, ...account, password: text(), passwordConfirm: text() })])

/** /admin/pengguna/:id: its five forms. */
export const userDetailSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('update'), ...account }),
  z.object({ intent: z.literal('reset_password'), password: text(), passwordConfirm: text() }),
  z.object({ intent: z.literal('disable') }),
  z.object({ intent: z.literal('enable') }),
  z.object({ intent: z.literal('unlock_login') }),
])

/** /akun: the own password and the reminder preferences. */
export const accountPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('sandi'), currentPassword: text(), password: text(), passwordConfirm: text() }),
  z.object({
    intent: z.literal('pengingat'),
    email: z.string().default('').pipe(z.string().trim().max(200, 'Alamat e-mail paling panjang 200 karakter.')),
    kirim_email: z
      .string()
      .optional()
      .transform((v) => v === 'ya'),
  }),
])
