// The reminders page's forms (ADR 0024): mark one reminder read (its id) or all of them.
import { z } from 'zod'

export const notificationPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('baca-semua') }),
  z.object({
    intent: z.literal('baca'),
    id: z
      .string()
      .default('')
      .pipe(
        z
          .string()
          .trim()
          .regex(/^[1-9]\d{0,9}$/, 'Pengingat tidak dikenal.')
          .transform(Number),
      ),
  }),
])

export type NotificationPageInput = z.infer<typeof notificationPageSchema>
