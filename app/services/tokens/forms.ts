// The token page's forms (ADR 0024): create (name, scope) and revoke (id). Whether the scope is
// allowed and whether the token exists is the use cases' part.
import { z } from 'zod'

export const tokenPageSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    name: z.string().default('').pipe(z.string().trim().min(1, 'Nama token wajib diisi (misalnya nama aplikasi yang memakainya).').max(120, 'Nama token maksimal 120 karakter.')),
    opdId: z
      .string()
      .default('')
      .pipe(
        z
          .string()
          .trim()
          .regex(/^(\d{1,9})?$/, 'Perangkat daerah tidak dikenal.'),
      ),
  }),
  // a malformed id is answered like an unknown token (404), by the route
  z.object({ intent: z.literal('revoke'), id: z.string().default('') }),
])
