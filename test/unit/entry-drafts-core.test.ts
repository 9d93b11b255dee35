// The pure rules of the entry page's device drafts (ADR 0014): which stored copy a row takes,
// what survives new page data, what a save accepted, and the resend backoff.
import { describe, expect, it } from 'vitest'
import { acceptSaved, dirtyIdsOf, mergeDrafts, retryDelay, serverFields, sortStored, type RowDraft } from '../../app/components/entry/entry-drafts-core'
import type { EntryRowView } from '../../app/presenters/entry.server'
import type { TypedRow } from '../../app/utils/entry-fields'

const typed = (value: string, kendala = ''): TypedRow => ({ value, tidakDiukur: false, buktiText: 'Rekap', buktiLink: '', kendala, tindakLanjut: '' })
const view = (id: number, version: number | null, value = '', editable = true) =>
  ({
    indicatorId: id,
    editable,
    row: version == null ? null : { version, valueText: value, tidakDiukur: false, buktiText: 'Rekap', buktiLink: '', kendala: '', tindakLanjut: '' },
  }) as unknown as EntryRowView
const draft = (fields: TypedRow, base: string, saved = false, at = 1): RowDraft => ({ fields, base, saved, at })

describe('sortStored: the copies of one row on this device', () => {
  it('one on the current version is the draft, one on an older version is stale, one equal to the server is obsolete', () => {
    const v = view(7, 3, '10')
    const sorted = sortStored(v, [
      { key: 'k-now', fields: typed('12'), version: '3', at: 30 },
      { key: 'k-old', fields: typed('11'), version: '2', at: 20 },
      { key: 'k-same', fields: typed('10'), version: '2', at: 10 },
    ])
    expect(sorted.draft).toEqual({ fields: typed('12'), base: '3', saved: false, at: 30 })
    expect(sorted.stale).toEqual({ fields: typed('11'), version: '2', at: 20, key: 'k-old' })
    expect(sorted.obsolete).toEqual(['k-same'])
  })
  it('a new row: a copy typed before the row existed (version "") is its draft; the newest copy wins', () => {
    const sorted = sortStored(view(7, null), [
      { key: 'a', fields: typed('5'), version: '', at: 9 },
      { key: 'b', fields: typed('4'), version: '', at: 8 },
    ])
    expect(sorted.draft?.fields.value).toBe('5')
    expect(sorted.stale).toBeUndefined()
    expect(serverFields(view(7, null))).toEqual({ value: '', tidakDiukur: false, buktiText: '', buktiLink: '', kendala: '', tindakLanjut: '' })
  })
})

describe('mergeDrafts: new page data', () => {
  it('keeps unsaved input, drops a saved draft the page now shows, takes storage otherwise, skips read-only rows', () => {
    const rows = [view(1, 2, '8'), view(2, 5, '9'), view(3, 1), view(4, 1, '', false)]
    const prev = { 1: draft(typed('8'), '2', true), 2: draft(typed('99'), '4'), 4: draft(typed('1'), '1') }
    const next = mergeDrafts(prev, rows, { 3: draft(typed('3'), '1'), 2: draft(typed('x'), '5') })
    expect(next).toEqual({ 2: prev[2], 3: draft(typed('3'), '1') })
  })
})

describe('acceptSaved: the server accepted a save', () => {
  it('a row as sent is saved on its new version; a row typed on since stays unsaved on the new version and is stored again', () => {
    const drafts = { 1: draft(typed('8'), ''), 2: draft(typed('9', 'typed after sending'), '4'), 3: draft(typed('1'), '1') }
    const p = { covered: [1, 2, 5], sent: { 1: typed('8'), 2: typed('9') }, versions: { 1: '', 2: '4' } }
    const { next, touched, rewrite } = acceptSaved(drafts, p, { 1: 1, 2: 5 })
    expect(next[1]).toEqual(draft(typed('8'), '1', true))
    expect(next[2]).toEqual(draft(typed('9', 'typed after sending'), '5', false))
    expect(next[3]).toBe(drafts[3]) // not covered by this save
    expect(touched).toEqual([1, 2])
    expect(rewrite).toEqual([2])
    expect(dirtyIdsOf(next)).toEqual([2, 3])
  })
  it('a row the answer has no version for keeps the version it was sent on', () => {
    const { next } = acceptSaved({ 1: draft(typed('8'), '2') }, { covered: [1], sent: { 1: typed('8') }, versions: { 1: '3' } }, {})
    expect(next[1]!.base).toBe('3')
  })
})

describe('retryDelay', () => {
  it('backs off 2, 4, 8, 16, 30, 60 s and then stays at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay)).toEqual([2000, 4000, 8000, 16000, 30000, 60000, 60000, 60000])
  })
})
