// The meeting-note form of a heatmap cell (/beranda/sel/…): its schema, and its answers in the one
// form convention (ADR 0024). A stale version answers 409 with the note as it now stands, so the
// meeting sees what it would overwrite; what was typed is always sent back.
import { z } from 'zod'
import { JUDGEMENTS } from '../../domain/types'
import { formatDbTime } from '../../presenters/dashboard-views.server'
import { fields, formError, parseForm, type FormError } from '../../utils/forms'
import { JUDGEMENT_TEXT, NOTE_TEXT_MAX } from '../../utils/notes'
import type { NoteRow } from '../../models/notes.server'

export const noteFormSchema = z.object({
  judgement: z.enum(JUDGEMENTS, { errorMap: () => ({ message: 'Pilih penilaian rapat: baik, cukup baik, atau kurang.' }) }),
  kendala: fields.optionalText('Kendala', NOTE_TEXT_MAX),
  rekomendasi: fields.optionalText('Rekomendasi', NOTE_TEXT_MAX),
  version: z
    .string({ required_error: 'Formulir tidak lengkap (versi catatan). Muat ulang halaman lalu coba lagi.' })
    .trim()
    .regex(/^\d{1,9}$/, 'Formulir tidak lengkap (versi catatan). Muat ulang halaman lalu coba lagi.')
    .transform(Number),
})

export type NoteForm = z.infer<typeof noteFormSchema>

/** The note as it stands when a save met a newer version. */
export interface NoteConflict {
  judgement: string
  kendala: string | null
  rekomendasi: string | null
  version: number
}

/** What the note form's action answers on a refusal: a FormError, with the current note on a conflict. */
export type NoteFormAnswer = FormError & { conflict: NoteConflict | null }

export function parseNoteForm(form: FormData): { ok: true; value: NoteForm } | { ok: false; answer: NoteFormAnswer } {
  const parsed = parseForm(form, noteFormSchema, { summary: 'Catatan belum disimpan: periksa isian yang ditandai.' })
  return parsed.ok ? parsed : { ok: false, answer: { ...parsed.result, conflict: null } }
}

/** A refusal about the whole form (the period, say), with what was typed. */
export function noteFormRefusal(message: string, values: Record<string, string>): NoteFormAnswer {
  return { ...formError(message, { values }), conflict: null }
}

/** Someone saved first: who and when, the typed values kept, and the version to overwrite knowingly. */
export function noteConflictAnswer(c: NoteRow, values: Record<string, string>, timeZone: string): NoteFormAnswer {
  const message = `Catatan sudah diubah oleh ${c.updatedByName ?? 'pengguna lain'} pada ${formatDbTime(c.updatedAt, timeZone)}. Isian Anda belum disimpan; periksa catatan terbaru di atas, lalu simpan lagi bila perlu.`
  return {
    ...formError(message, { values: { ...values, version: String(c.version) } }),
    conflict: { judgement: JUDGEMENT_TEXT[c.judgement], kendala: c.kendala, rekomendasi: c.rekomendasi, version: c.version },
  }
}
