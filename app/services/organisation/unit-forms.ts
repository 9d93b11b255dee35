// The unit edit page's forms (/admin/organisasi/:id, ADR 0024): rename, move, deactivate, activate.
// The schema holds the shape and the simple limits; codes, kinds and cycles are the use cases' part.
import { z } from 'zod'

const text = () => z.string().default('')

export const unitPageSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('rename'),
    code: z.string().default('').pipe(z.string().trim().min(1, 'Kode wajib diisi.')),
    name: z.string().default('').pipe(z.string().trim().min(1, 'Nama unit wajib diisi.').max(255, 'Nama unit paling panjang 255 karakter.')),
    shortName: z.string().default('').pipe(z.string().trim().max(100, 'Nama singkat paling panjang 100 karakter.')),
    city: z.string().default('').pipe(z.string().trim().max(100, 'Nama kota paling panjang 100 karakter.')),
  }),
  z.object({ intent: z.literal('move'), parentId: text() }),
  z.object({ intent: z.literal('deactivate') }),
  z.object({ intent: z.literal('activate') }),
])
