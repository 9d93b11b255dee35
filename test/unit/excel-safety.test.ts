// Upload checks (zip signature, parts, macros, sizes), cell normalisation and export text safety.
import { crc32, deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import {
  cellAsNumber,
  cellAsText,
  cellAsYesNo,
  columnLetter,
  exportNumber,
  exportText,
  inspectXlsx,
  loadWorkbook,
  readCell,
  EXCEL_CELL_MAX_CHARS,
} from '../../app/services/excel/safety.server.js'
import { hasZipSignature, listZipEntries, readZipEntry } from '../../app/services/excel/zip.server.js'
import { issueText, locateColumns } from '../../app/services/excel/import-common.server.js'

/** A small zip writer (deflate), enough to craft hostile uploads. */
function zip(files: Record<string, string | Buffer>, opts: { encrypt?: string[] } = {}): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content)
    const comp = deflateRawSync(data)
    const nameBuf = Buffer.from(name)
    const crc = crc32(data)
    const flags = opts.encrypt?.includes(name) ? 1 : 0
    const lh = Buffer.alloc(30)
    lh.writeUInt32LE(0x04034b50, 0)
    lh.writeUInt16LE(20, 4)
    lh.writeUInt16LE(flags, 6)
    lh.writeUInt16LE(8, 8)
    lh.writeUInt32LE(crc, 14)
    lh.writeUInt32LE(comp.length, 18)
    lh.writeUInt32LE(data.length, 22)
    lh.writeUInt16LE(nameBuf.length, 26)
    locals.push(lh, nameBuf, comp)
    const ch = Buffer.alloc(46)
    ch.writeUInt32LE(0x02014b50, 0)
    ch.writeUInt16LE(20, 4)
    ch.writeUInt16LE(20, 6)
    ch.writeUInt16LE(flags, 8)
    ch.writeUInt16LE(8, 10)
    ch.writeUInt32LE(crc, 16)
    ch.writeUInt32LE(comp.length, 20)
    ch.writeUInt32LE(data.length, 24)
    ch.writeUInt16LE(nameBuf.length, 28)
    ch.writeUInt32LE(offset, 42)
    centrals.push(ch, nameBuf)
    offset += 30 + nameBuf.length + comp.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(Object.keys(files).length, 8)
  eocd.writeUInt16LE(Object.keys(files).length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}

const CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'

async function realXlsx(fill?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Data')
  ws.getCell('A1').value = 'Kode indikator'
  fill?.(ws)
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

describe('zip reader', () => {
  it('lists and reads the parts of a workbook ExcelJS wrote', async () => {
    const buf = await realXlsx()
    expect(hasZipSignature(buf)).toBe(true)
    const names = listZipEntries(buf).map((e) => e.name)
    expect(names).toContain('xl/workbook.xml')
    expect(names).toContain('[Content_Types].xml')
    expect(readZipEntry(buf, 'xl/workbook.xml')!.toString('utf8')).toContain('<sheet ')
    expect(readZipEntry(buf, 'nope.xml')).toBeNull()
  })

  it('reads stored and deflated entries of a hand-made zip', () => {
    const z = zip({ 'a.txt': 'halo dunia', 'b/c.xml': '<x/>' })
    expect(readZipEntry(z, 'a.txt')!.toString()).toBe('halo dunia')
    expect(readZipEntry(z, 'b/c.xml')!.toString()).toBe('<x/>')
  })
})

describe('inspectXlsx: checks before parsing', () => {
  it('accepts a real .xlsx', async () => {
    expect(inspectXlsx(await realXlsx())).toEqual([])
  })

  it('refuses an empty file, a non-zip (CSV, PDF, HTML) and a truncated zip', async () => {
    expect(inspectXlsx(new Uint8Array())).toEqual(['Berkas kosong.'])
    for (const text of ['kode;nilai\nIKP-01;12,5', '%PDF-1.7\n...', '<html><body>x</body></html>']) {
      const r = inspectXlsx(Buffer.from(text))
      expect(r).toHaveLength(1)
      expect(r[0]).toMatch(/bukan buku kerja Excel/)
    }
    const good = await realXlsx()
    const r = inspectXlsx(good.subarray(0, Math.floor(good.length / 2)))
    expect(r[0]).toMatch(/rusak/)
  })

  it('refuses a zip without xl/workbook.xml (e.g. a .docx or any zip)', () => {
    const r = inspectXlsx(zip({ '[Content_Types].xml': CT, 'word/document.xml': '<w/>' }))
    expect(r.join(' ')).toMatch(/xl\/workbook\.xml tidak ada/)
  })

  it('refuses macros: vbaProject.bin, XLM macro sheets, ActiveX, a macro-enabled content type', () => {
    const base = { '[Content_Types].xml': CT, 'xl/workbook.xml': '<workbook/>' }
    const extras: Record<string, string | Buffer>[] = [{ 'xl/vbaProject.bin': Buffer.from([1, 2, 3]) }, { 'xl/VBAPROJECT.BIN': Buffer.from([1]) }, { 'xl/macrosheets/sheet1.xml': '<x/>' }, { 'xl/activeX/activeX1.xml': '<x/>' }]
    for (const extra of extras) {
      const r = inspectXlsx(zip({ ...base, ...extra }))
      expect(r.join(' ')).toMatch(/makro/)
    }
    const macroCt = CT.replace('</Types>', '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>')
    expect(inspectXlsx(zip({ '[Content_Types].xml': macroCt, 'xl/workbook.xml': '<workbook/>' })).join(' ')).toMatch(/makro/)
  })

  it('refuses encrypted parts, path tricks and a zip bomb', () => {
    const base = { '[Content_Types].xml': CT, 'xl/workbook.xml': '<workbook/>' }
    expect(inspectXlsx(zip({ ...base, 'xl/x.xml': '<x/>' }, { encrypt: ['xl/x.xml'] })).join(' ')).toMatch(/terenkripsi/)
    expect(inspectXlsx(zip({ ...base, '../evil.xml': '<x/>' })).join(' ')).toMatch(/tidak sah/)
    // 120 MB of zeros deflates to ~120 KB: over the uncompressed cap and a wild ratio
    const bomb = zip({ ...base, 'xl/worksheets/sheet1.xml': Buffer.alloc(120 * 1024 * 1024) })
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const r = inspectXlsx(bomb)
    expect(r.join(' ')).toMatch(/Isi berkas terlalu besar setelah diekstrak/)
    // one 45 MB sheet: under the total cap, over the per-sheet cap
    const wide = inspectXlsx(zip({ ...base, 'xl/worksheets/sheet1.xml': Buffer.alloc(45 * 1024 * 1024, 0x20) }))
    expect(wide.join(' ')).toMatch(/Salah satu lembar kerja terlalu besar/)
  })

  it('refuses a file over the size cap before looking inside', () => {
    const r = inspectXlsx(Buffer.alloc(5 * 1024 * 1024 + 1, 0x50))
    expect(r).toEqual(['Ukuran berkas melebihi batas 5 MB.'])
  })

  it('ExcelJS load errors come back as a message, not an exception', async () => {
    const r = await loadWorkbook(zip({ '[Content_Types].xml': CT, 'xl/workbook.xml': 'not xml <<<' }))
    expect(r.ok).toBe(false)
  })
})

describe('reading cells', () => {
  it('normalises rich text and hyperlinks to their text, refuses formulas and errors', async () => {
    const buf = await realXlsx((ws) => {
      ws.getCell('A2').value = { richText: [{ text: 'Bukti ', font: { bold: true } }, { text: 'lengkap' }] }
      ws.getCell('A3').value = { text: 'Laporan SKM', hyperlink: 'https://contoh.go.id/skm.pdf' }
      ws.getCell('A4').value = { formula: 'SUM(1,2)', result: 3 }
      ws.getCell('A5').value = { error: '#N/A' }
      ws.getCell('A6').value = '  12,5  '
      ws.getCell('A7').value = 40.3
      ws.getCell('A8').value = true
      ws.getCell('A9').value = new Date(Date.UTC(2026, 0, 2))
      ws.getCell('A10').value = '1.234'
      ws.getCell('A11').value = 'tidak'
      ws.getCell('A12').value = 'teks\u0007dengan kontrol'
    })
    const loaded = await loadWorkbook(buf)
    if (!loaded.ok) throw new Error(loaded.error)
    const ws = loaded.workbook.getWorksheet('Data')!
    expect(cellAsText(ws.getCell('A2'))).toEqual({ value: 'Bukti lengkap' })
    expect(cellAsText(ws.getCell('A3'))).toEqual({ value: 'Laporan SKM' })
    expect(readCell(ws.getCell('A4')).kind).toBe('refused')
    expect(cellAsNumber(ws.getCell('A4'))).toEqual({ error: expect.stringMatching(/rumus/) })
    expect(cellAsText(ws.getCell('A4'))).toEqual({ error: expect.stringMatching(/rumus/) })
    expect(cellAsNumber(ws.getCell('A5'))).toEqual({ error: expect.stringMatching(/galat #N\/A/) })
    expect(cellAsNumber(ws.getCell('A6'))).toEqual({ value: 12.5 })
    expect(cellAsNumber(ws.getCell('A7'))).toEqual({ value: 40.3 })
    expect(cellAsNumber(ws.getCell('A8'))).toEqual({ error: expect.stringMatching(/bukan angka/) })
    expect(cellAsNumber(ws.getCell('A9'))).toEqual({ error: expect.stringMatching(/tanggal/) })
    expect(cellAsNumber(ws.getCell('A10'))).toEqual({ error: expect.stringMatching(/ambigu/) })
    expect(cellAsYesNo(ws.getCell('A11'))).toEqual({ value: false })
    expect(cellAsYesNo(ws.getCell('A8'))).toEqual({ value: true })
    expect(cellAsYesNo(ws.getCell('A6'))).toEqual({ error: expect.stringMatching(/Ya/) })
    expect(cellAsText(ws.getCell('A12'))).toEqual({ value: 'teksdengan kontrol' })
    expect(cellAsText(ws.getCell('B99'))).toEqual({ value: null })
  })

  it('finds columns by their titles and names missing ones', async () => {
    const buf = await realXlsx((ws) => {
      ws.getCell('B1').value = 'Nilai realisasi TW IV 2026'
      ws.getCell('D1').value = 'Kendala'
    })
    const loaded = await loadWorkbook(buf)
    if (!loaded.ok) throw new Error(loaded.error)
    const ws = loaded.workbook.getWorksheet('Data')!
    const { headerRow, cols, issues } = locateColumns(ws, 'Kode indikator', [
      { key: 'code', match: (t) => t === 'kode indikator', required: true, label: 'Kode indikator' },
      { key: 'value', match: (t) => t.startsWith('nilai realisasi'), required: true, label: 'Nilai realisasi' },
      { key: 'kendala', match: (t) => t === 'kendala', required: true, label: 'Kendala' },
      { key: 'tl', match: (t) => t === 'tindak lanjut', required: true, label: 'Tindak lanjut' },
    ])
    expect(headerRow).toBe(1)
    expect(cols.value?.letter).toBe('B')
    expect(cols.kendala?.letter).toBe('D')
    expect(issues).toHaveLength(1)
    expect(issues[0]!.message).toMatch(/Kolom "Tindak lanjut" tidak ada/)
  })

  it('column letters and issue text', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'])
    expect(issueText({ row: 12, column: 'J', columnName: 'Nilai realisasi TW IV 2026', message: '"abc" bukan angka.' })).toBe('Baris 12, kolom J (Nilai realisasi TW IV 2026): "abc" bukan angka.')
    expect(issueText({ row: null, column: null, columnName: null, message: 'Berkas kosong.' })).toBe('Berkas kosong.')
  })
})

describe('export text', () => {
  it('is always a plain string: a formula-looking value stays text', async () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '=cmd|\' /C calc\'!A0']) expect(exportText(s)).toBe(s)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('S')
    ws.getCell('A1').value = exportText('=HYPERLINK("http://x","y")')
    ws.getCell('A2').value = exportText('+1+1')
    const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
    const xml = readZipEntry(buf, 'xl/worksheets/sheet1.xml')!.toString('utf8')
    expect(xml).not.toMatch(/<f[ >]/)
    const sst = readZipEntry(buf, 'xl/sharedStrings.xml')!.toString('utf8')
    expect(sst).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)')
  })

  it('strips characters XML cannot hold and cuts to the Excel cell limit', () => {
    expect(exportText('a\u0000b\u001Fc\r\nd')).toBe('abc\nd')
    const long = exportText('x'.repeat(40_000))!
    expect(long.length).toBe(EXCEL_CELL_MAX_CHARS)
    expect(long.endsWith('[dipotong: melebihi batas sel Excel]')).toBe(true)
    expect(exportText('   ')).toBeNull()
    expect(exportText(null)).toBeNull()
    expect(exportNumber(Number.NaN)).toBeNull()
    expect(exportNumber(Infinity)).toBeNull()
    expect(exportNumber('12.5')).toBe(12.5)
    expect(exportNumber(0)).toBe(0)
  })
})
