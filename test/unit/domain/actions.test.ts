// Rencana aksi rules (domain §8) and flag 5 (domain §4), hand-computed.
import { describe, expect, it } from 'vitest'
import { actionFlags, daysBetween, followThroughOf, isIsoDay, isOverdue, type ActionForFlag } from '../../../app/domain/actions'

const action = (over: Partial<ActionForFlag>): ActionForFlag => ({
  id: 1,
  title: 'Latih operator',
  status: 'berjalan',
  dueDate: '2026-12-10',
  ownerName: 'Kepala Bidang IKP',
  cells: [{ aspect: 'kemitraan', strategy: 'budaya' }],
  ...over,
})

describe('rencana aksi', () => {
  it('overdue: open and due before today; due today is not yet; done or cancelled never', () => {
    expect(isOverdue(action({}), '2026-12-11')).toBe(true)
    expect(isOverdue(action({}), '2026-12-10')).toBe(false)
    expect(isOverdue(action({ status: 'direncanakan' }), '2027-01-01')).toBe(true)
    expect(isOverdue(action({ status: 'selesai' }), '2027-01-01')).toBe(false)
    expect(isOverdue(action({ status: 'batal' }), '2027-01-01')).toBe(false)
    expect(followThroughOf(action({}), '2026-12-10')).toBe('berjalan')
    expect(followThroughOf(action({}), '2026-12-11')).toBe('terlambat')
    expect(followThroughOf(action({ status: 'selesai' }), '2027-12-11')).toBe('selesai')
  })
  it('days and calendar days', () => {
    expect(daysBetween('2026-12-10', '2027-01-06')).toBe(27)
    expect(daysBetween('2027-01-06', '2026-12-10')).toBe(-27)
    expect(isIsoDay('2026-02-28')).toBe(true)
    expect(isIsoDay('2026-02-29')).toBe(false)
    expect(isIsoDay('2028-02-29')).toBe(true)
    expect(isIsoDay('2026-13-01')).toBe(false)
    expect(isIsoDay('10-12-2026')).toBe(false)
  })
  it('flag 5: one flag per overdue action and cell it serves (duplicates once), with the reason in words', () => {
    const flags = actionFlags(
      [
        action({
          cells: [
            { aspect: 'kemitraan', strategy: 'budaya' },
            { aspect: 'kemitraan', strategy: 'budaya' },
            { aspect: 'layanan', strategy: 'inti' },
          ],
        }),
        action({ id: 2, status: 'selesai' }),
        action({ id: 3, dueDate: '2026-12-20' }),
      ],
      '2026-12-15',
    )
    expect(flags).toEqual([
      {
        kind: 'aksi_terlambat',
        aspect: 'kemitraan',
        strategy: 'budaya',
        reason: 'Rencana aksi "Latih operator" (penanggung jawab Kepala Bidang IKP) lewat tenggat 10 Desember 2026 (5 hari), status berjalan',
      },
      {
        kind: 'aksi_terlambat',
        aspect: 'layanan',
        strategy: 'inti',
        reason: 'Rencana aksi "Latih operator" (penanggung jawab Kepala Bidang IKP) lewat tenggat 10 Desember 2026 (5 hari), status berjalan',
      },
    ])
  })
})
