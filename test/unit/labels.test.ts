// The one label module (app/domain/labels): each meaning has its own name.
import { describe, expect, it } from 'vitest'
import { ASPECT_NAMES, ASPECT_SHORT, quarterName, quarterShort, romanQuarter, WORKFLOW_STATUS_LABELS } from '../../app/domain/labels'
import { STATUS_LABELS as INDICATOR_STATUS_LABELS } from '../../app/domain'

describe('labels', () => {
  it('a quarter in a sentence and in a tight column', () => {
    expect([1, 2, 3, 4].map(quarterName)).toEqual(['Triwulan I', 'Triwulan II', 'Triwulan III', 'Triwulan IV'])
    expect([1, 2, 3, 4].map(quarterShort)).toEqual(['TW I', 'TW II', 'TW III', 'TW IV'])
    expect(() => quarterShort(5)).toThrow(RangeError)
    expect(romanQuarter(4)).toBe('IV')
  })
  it('short and full aspect names are two names', () => {
    expect(ASPECT_SHORT.layanan).toBe('Layanan')
    expect(ASPECT_NAMES.layanan).toBe('Layanan informasi dan komunikasi publik')
  })
  it('the workflow status and the indicator status are two names', () => {
    expect(WORKFLOW_STATUS_LABELS.dikembalikan).toBe('Dikembalikan')
    expect(Object.keys(INDICATOR_STATUS_LABELS)).not.toContain('dikembalikan')
  })
})
