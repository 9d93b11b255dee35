import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fieldError, fields, formError, formValues, parseForm, typedValue } from '../../app/utils/forms'

const fd = (pairs: [string, string][]) => {
  const f = new FormData()
  for (const [k, v] of pairs) f.append(k, v)
  return f
}

describe('the one form convention', () => {
  const schema = z.object({ name: fields.text('Nama unit', 10), version: fields.id('Versi'), aktif: fields.checkbox() })

  it('parses a valid form into typed values', () => {
    const r = parseForm(
      fd([
        ['_csrf', 'x'],
        ['name', '  Bidang IKP '],
        ['version', '3'],
        ['aktif', 'on'],
      ]),
      schema,
    )
    expect(r).toEqual({ ok: true, value: { name: 'Bidang IKP', version: 3, aktif: true } })
  })

  it('a failed parse keeps what was typed (never the CSRF token) with one Indonesian message per field', () => {
    const r = parseForm(
      fd([
        ['_csrf', 'x'],
        ['name', 'Bidang yang terlalu panjang'],
        ['version', 'abc'],
      ]),
      schema,
      { intent: 'rename' },
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.result.intent).toBe('rename')
    expect(r.result.formErrors).toEqual(['Periksa isian yang ditandai.'])
    expect(r.result.fieldErrors).toEqual({ name: ['Nama unit paling panjang 10 karakter.'], version: ['Versi tidak valid. Muat ulang halaman lalu coba lagi.'] })
    expect(r.result.values).toEqual({ name: 'Bidang yang terlalu panjang', version: 'abc' })
    expect(fieldError(r.result, 'name')).toBe('Nama unit paling panjang 10 karakter.')
    expect(fieldError(r.result, 'name', 'other-form')).toBeUndefined()
    expect(typedValue(r.result, 'name', 'lama')).toBe('Bidang yang terlalu panjang')
    expect(typedValue(r.result, 'missing', 'lama')).toBe('lama')
    expect(typedValue(undefined, 'name', 'lama')).toBe('lama')
  })

  it('an empty required field says it is required', () => {
    const r = parseForm(
      fd([
        ['name', '   '],
        ['version', '1'],
      ]),
      schema,
    )
    expect(r.ok ? null : r.result.fieldErrors).toEqual({ name: ['Nama unit wajib diisi.'] })
  })

  it('repeated names are kept, joined by a line break; formError drops empty messages', () => {
    expect(
      formValues(
        fd([
          ['ind', '1'],
          ['ind', '2'],
          ['_csrf', 'x'],
        ]),
      ),
    ).toEqual({ ind: '1\n2' })
    expect(formError(['', 'Gagal.'], { fieldErrors: { a: 'x', b: undefined, c: [] } })).toEqual({
      status: 'error',
      intent: null,
      formErrors: ['Gagal.'],
      fieldErrors: { a: ['x'] },
      values: {},
    })
  })
})
