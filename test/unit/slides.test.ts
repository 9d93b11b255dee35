// The presentation's keys: which slide each key shows, where the ends stop, Esc leaves.
import { describe, expect, it } from 'vitest'
import { slideKeyAction } from '../../app/components/dashboard/presentasi/use-slides'

describe('slide keys', () => {
  it('moves one slide with the arrows and PageUp/PageDown, to the ends with Home/End', () => {
    expect(slideKeyAction('ArrowRight', 3, 7)).toBe(4)
    expect(slideKeyAction('PageDown', 3, 7)).toBe(4)
    expect(slideKeyAction('ArrowLeft', 3, 7)).toBe(2)
    expect(slideKeyAction('PageUp', 3, 7)).toBe(2)
    expect(slideKeyAction('Home', 3, 7)).toBe(1)
    expect(slideKeyAction('End', 3, 7)).toBe(7)
  })
  it('leaves with Escape and ignores other keys', () => {
    expect(slideKeyAction('Escape', 3, 7)).toBe('exit')
    expect(slideKeyAction('a', 3, 7)).toBeNull()
    expect(slideKeyAction('Enter', 3, 7)).toBeNull()
  })
})
