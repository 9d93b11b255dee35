// The reminders page's forms: mark one reminder read, or all; bad input is a 400 FormResult that
// changes nothing; another user's reminder is not found and stays unread — on SQLite and MariaDB.
import { describe, expect, it } from 'vitest'
import { DB_KINDS, useTestDb } from '../helpers/db.js'
import { loginAs } from '../helpers/http.js'
import { callAction, dataOf } from '../helpers/call.js'
import { action } from '../../app/routes/notifikasi.js'
import { claimNotification } from '../../app/models/notifications.server.js'
import type { DB } from '../../db/db.server.js'

const userIdOf = async (db: DB, username: string) => (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

async function addReminders(db: DB) {
  for (const [username, subjects] of [
    ['kabid.ikp', ['a', 'b', 'c']],
    ['kabid.infra', ['d']],
  ] as const) {
    const userId = await userIdOf(db, username)
    for (const subject of subjects)
      await claimNotification(
        db,
        { userId, kind: 'tenggat', subject, occursOn: '2026-11-20', opdId: null, title: `Pengingat ${subject}`, body: 'Isi realisasi.', link: '/realisasi' },
        '2026-11-20T01:00:00.000Z',
      )
  }
}

describe.each(DB_KINDS)('Pengingat: tandai sudah dibaca on %s', (kind) => {
  const t = useTestDb(kind, { seed: true, global: true, setup: addReminders })
  const unreadOf = async (username: string) =>
    (
      await t.db
        .selectFrom('notification')
        .select('subject')
        .where('user_id', '=', await userIdOf(t.db, username))
        .where('read_at', 'is', null)
        .orderBy('subject')
        .execute()
    ).map((r) => r.subject)
  const idOf = async (subject: string) => (await t.db.selectFrom('notification').select('id').where('subject', '=', subject).executeTakeFirstOrThrow()).id
  const post = async (username: string, form: Record<string, string>) => callAction(action, '/notifikasi', { session: await loginAs(t.db, username), form })

  it('marks one of his own reminders read, and a second click is still fine', async () => {
    const id = await idOf('b')
    const r = await post('kabid.ikp', { intent: 'baca', id: String(id) })
    expect(r.status).toBe(200)
    expect(dataOf(r)).toEqual({ status: 'success', intent: 'baca', message: 'Pengingat ditandai sudah dibaca.' })
    expect(await unreadOf('kabid.ikp')).toEqual(['a', 'c'])
    const again = await post('kabid.ikp', { intent: 'baca', id: String(id) })
    expect(again.status).toBe(200)
    expect(dataOf(again)).toMatchObject({ status: 'success', message: 'Pengingat ini sudah dibaca.' })
    expect(await unreadOf('kabid.ikp')).toEqual(['a', 'c'])
  })

  it('marks all of his own reminders read and leaves other users’ unread', async () => {
    const r = await post('kabid.ikp', { intent: 'baca-semua' })
    expect(r.status).toBe(200)
    expect(dataOf(r)).toEqual({ status: 'success', intent: 'baca-semua', message: '3 pengingat ditandai sudah dibaca.' })
    expect(await unreadOf('kabid.ikp')).toEqual([])
    expect(await unreadOf('kabid.infra')).toEqual(['d'])
  })

  it('answers another user’s reminder as not found and leaves it unread', async () => {
    const r = await post('kabid.ikp', { intent: 'baca', id: String(await idOf('d')) })
    expect(r.status).toBe(404)
    expect(dataOf(r)).toMatchObject({ status: 'error', intent: 'baca', formErrors: ['Pengingat tidak ditemukan.'] })
    expect(await unreadOf('kabid.infra')).toEqual(['d'])
  })

  it('answers a malformed id or an unknown intent with 400 and an Indonesian message, changing nothing', async () => {
    for (const id of ['', 'abc', '0', '-3', '1.5', '99999999999']) {
      const r = await post('kabid.ikp', { intent: 'baca', id })
      expect(r.status, id).toBe(400)
      expect(dataOf(r), id).toMatchObject({ status: 'error', intent: 'baca', fieldErrors: { id: ['Pengingat tidak dikenal.'] } })
    }
    const unknown = await post('kabid.ikp', { intent: 'hapus' })
    expect(unknown.status).toBe(400)
    expect(dataOf(unknown)).toMatchObject({ status: 'error', intent: null, formErrors: ['Tindakan tidak dikenal.'] })
    expect(await unreadOf('kabid.ikp')).toEqual(['a', 'b', 'c'])
  })
})
