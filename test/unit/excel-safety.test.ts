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
import { hasZipSignature, inflateStats, listZipEntries, readZipEntry } from '../../app/services/excel/zip.server.js'
import { checkInflatedXlsx, IMPORT_ROW_CAP, loadStats, SheetRowCounter } from '../../app/services/excel/safety.server.js'
import { linesNeeded, numFmtFor } from '../../app/services/excel/style.server.js'
import { issueText, locateColumns, openUpload } from '../../app/services/excel/import-common.server.js'
import { CONTENT_TYPES, entry, lyingZipBomb, rawZip, replaceParts, sheetXmlWithRows } from '../helpers/zip.js'

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
    const extras: Record<string, string | Buffer>[] = [
      { 'xl/vbaProject.bin': Buffer.from([1, 2, 3]) },
      { 'xl/VBAPROJECT.BIN': Buffer.from([1]) },
      { 'xl/macrosheets/sheet1.xml': '<x/>' },
      { 'xl/activeX/activeX1.xml': '<x/>' },
    ]
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
  }, 30_000) // deflating 165 MB of test data takes seconds on a busy machine

  it('refuses a file over the size cap before looking inside', () => {
    const r = inspectXlsx(Buffer.alloc(5 * 1024 * 1024 + 1, 0x50))
    expect(r).toEqual(['Ukuran berkas melebihi batas 5 MB.'])
  })

  it('ExcelJS load errors come back as a message, not an exception', async () => {
    const r = await loadWorkbook(zip({ '[Content_Types].xml': CT, 'xl/workbook.xml': 'not xml <<<' }))
    expect(r.ok).toBe(false)
  })
})

describe('zip bombs whose headers lie, and the row cap while reading', () => {
  it('a sheet declaring 1,000 bytes that inflates to 200 MB passes the header checks but is stopped at the limit, before ExcelJS', async () => {
    const bomb = await lyingZipBomb(200 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(1024 * 1024)
    // the headers say: three small parts — the declared-size checks cannot see the bomb
    expect(
      listZipEntries(bomb)
        .map((e) => e.uncompressedSize)
        .reduce((a, b) => a + b, 0),
    ).toBeLessThan(2_000)
    expect(inspectXlsx(bomb)).toEqual([])
    const inflated0 = inflateStats.bytes
    const loads0 = loadStats.workbooks
    const r = await checkInflatedXlsx(bomb)
    expect(r).toEqual(['Isi berkas lebih besar daripada ukuran yang tercatat di dalamnya (ciri bom zip); berkas ditolak dan tidak diproses.'])
    // inflating stopped a chunk after the declared 1,000 bytes, not after 200 MB
    expect(inflateStats.bytes - inflated0).toBeLessThan(256 * 1024)
    const opened = await openUpload(bomb)
    expect(opened.ok).toBe(false)
    if (!opened.ok) expect(opened.issues[0]!.message).toMatch(/bom zip/)
    expect(loadStats.workbooks).toBe(loads0) // ExcelJS never saw it
  }, 60_000)

  it('a part smaller than declared, a truncated deflate stream, extra directory records and prepended bytes are refused', async () => {
    const base = [entry('[Content_Types].xml', CONTENT_TYPES), entry('xl/workbook.xml', '<workbook/>')]
    const small = { ...entry('xl/x.xml', '<x/>'), declaredSize: 10 }
    expect((await checkInflatedXlsx(rawZip([...base, small]))).join(' ')).toMatch(/tidak sesuai dengan ukuran yang tercatat/)
    const big = entry('xl/y.xml', Buffer.alloc(100_000, 0x61))
    const cut = { ...big, data: big.data.subarray(0, Math.floor(big.data.length / 2)) }
    expect((await checkInflatedXlsx(rawZip([...base, cut]))).join(' ')).toMatch(/rusak/)
    // JSZip reads directory records while the signature repeats: a record the count leaves out
    // would be inflated by ExcelJS and never checked here
    const z = rawZip([...base, entry('xl/z.xml', '<z/>')])
    const eocd = z.length - 22
    const hidden = Buffer.from(z)
    hidden.writeUInt16LE(2, eocd + 8)
    hidden.writeUInt16LE(2, eocd + 10)
    expect(() => listZipEntries(hidden)).toThrow(/rusak/)
    expect(inspectXlsx(hidden).join(' ')).toMatch(/rusak/)
    // bytes before the archive: JSZip would shift every offset, we would read other bytes
    const shifted = Buffer.from(z)
    shifted.writeUInt32LE(shifted.readUInt32LE(eocd + 16) - 7, eocd + 16)
    expect(() => listZipEntries(shifted)).toThrow(/rusak/)
  })

  it('counts rows with content while the XML streams in, whatever the chunk boundaries', () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2" ht="30" customHeight="1"><c r="A2" s="3"/></row>' +
      '<row r="3"/><x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row><row r="5"><c r="A5"><f>1+1</f><v>2</v></c></row>' +
      '<rowBreaks count="1"/><row r="6"><c r="A6" t="inlineStr"><is><t>&lt;row&gt; &lt;v&gt;</t></is></c></row></sheetData></worksheet>'
    // rows 1, 4, 5, 6 hold something; 2 and 3 carry only a format
    for (const size of [1, 2, 3, 7, 13, 40, 41, 1000]) {
      const c = new SheetRowCounter()
      for (let i = 0; i < xml.length; i += size) c.push(Buffer.from(xml.slice(i, i + size), 'latin1'))
      expect(c.end(), `chunks of ${size}`).toBe(4)
    }
  })

  it('a 100,000-row sheet is refused by the row cap while inflating: ExcelJS never parses it', async () => {
    const base = await realXlsx()
    const xml = sheetXmlWithRows(100_000, { headerRow: 6 })
    const many = replaceParts(base, { 'xl/worksheets/sheet1.xml': xml })
    expect(many.length).toBeLessThan(5 * 1024 * 1024)
    expect(inspectXlsx(many)).toEqual([])
    const inflated0 = inflateStats.bytes
    const loads0 = loadStats.workbooks
    const opened = await openUpload(many)
    expect(opened.ok).toBe(false)
    if (!opened.ok)
      expect(opened.issues.map((i) => i.message)).toEqual(['Berkas berisi lebih dari 5.000 baris data; paling banyak 5.000 baris per unggahan. Pecah menjadi beberapa berkas.'])
    expect(loadStats.workbooks).toBe(loads0)
    // stopped soon after row 5,020: far less than the sheet's XML was inflated
    expect(inflateStats.bytes - inflated0).toBeLessThan(xml.length / 5)
    // at the cap (5,000 data rows under a header at row 6) the file goes on to ExcelJS
    const atCap = replaceParts(base, { 'xl/worksheets/sheet1.xml': sheetXmlWithRows(IMPORT_ROW_CAP, { headerRow: 6 }) })
    expect(await checkInflatedXlsx(atCap)).toEqual([])
    const ok = await openUpload(atCap)
    expect(ok.ok).toBe(true)
    expect(loadStats.workbooks).toBe(loads0 + 1)
  }, 60_000)
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
    expect(issueText({ row: 12, column: 'J', columnName: 'Nilai realisasi TW IV 2026', message: '"abc" bukan angka.' })).toBe(
      'Baris 12, kolom J (Nilai realisasi TW IV 2026): "abc" bukan angka.',
    )
    expect(issueText({ row: null, column: null, columnName: null, message: 'Berkas kosong.' })).toBe('Berkas kosong.')
  })
})

describe('export layout', () => {
  it('number formats show a number exactly with no bare separator: #,##0 for whole numbers, fixed decimals otherwise', () => {
    expect([0, 92, 1234, -5, 87.5, 5.2, 0.125, 12.3456].map(numFmtFor)).toEqual(['#,##0', '#,##0', '#,##0', '#,##0', '#,##0.0', '#,##0.0', '#,##0.000', '#,##0.0000'])
    expect(numFmtFor(1 / 3)).toBe('#,##0.000000')
    expect(numFmtFor(null)).toBe('#,##0')
  })

  it('lines of wrapped text: word by word, long words cut, never fewer than characters ÷ line length', () => {
    // a width of 10 holds 11 characters of Calibri 10
    expect(linesNeeded('abc', 10)).toBe(1)
    expect(linesNeeded('a'.repeat(11), 10)).toBe(1)
    expect(linesNeeded('a'.repeat(12), 10)).toBe(2)
    expect(linesNeeded('a'.repeat(23), 10)).toBe(3)
    expect(linesNeeded('aaaa bbbb cccc', 10)).toBe(2) // 14 characters, but "cccc" does not fit after "aaaa bbbb"
    expect(linesNeeded('aaaaaaa bbbbbbb ccccccc dddddd', 10)).toBe(4) // 30 characters would fit 3 lines, but no two words share one
    expect(linesNeeded('aaaaaaaaa bbbbbbbbb', 10)).toBe(2)
    expect(linesNeeded('x\ny\n\nz', 10)).toBe(4)
    expect(linesNeeded(null, 10)).toBe(1)
  })
})

describe('export text', () => {
  it('is always a plain string: a formula-looking value stays text', async () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', "=cmd|' /C calc'!A0"]) expect(exportText(s)).toBe(s)
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
