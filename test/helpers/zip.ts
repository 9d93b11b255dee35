// Hand-made zips for hostile-upload tests: entries with any declared size (headers that lie),
// a deflate stream of many zeros made without holding them, and a real workbook with one part
// replaced (e.g. a sheet of 100,000 rows written as XML).
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'
import { listZipEntries, readZipEntry } from '../../app/services/excel/zip.server.js'

export interface RawEntry {
  name: string
  /** The bytes stored in the zip (already deflated when method = 8). */
  data: Buffer
  /** The uncompressed size the headers declare — true or not. */
  declaredSize: number
  crc: number
  method?: 0 | 8
}

/** A deflated entry whose headers tell the truth. */
export function entry(name: string, content: string | Buffer): RawEntry {
  const b = Buffer.isBuffer(content) ? content : Buffer.from(content)
  return { name, data: deflateRawSync(b), declaredSize: b.length, crc: crc32(b) }
}

/** Local headers, data, central directory and end record, exactly as declared by the entries. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const method = e.method ?? 8
    const lh = Buffer.alloc(30)
    lh.writeUInt32LE(0x04034b50, 0)
    lh.writeUInt16LE(20, 4)
    lh.writeUInt16LE(method, 8)
    lh.writeUInt32LE(e.crc >>> 0, 14)
    lh.writeUInt32LE(e.data.length, 18)
    lh.writeUInt32LE(e.declaredSize, 22)
    lh.writeUInt16LE(name.length, 26)
    locals.push(lh, name, e.data)
    const ch = Buffer.alloc(46)
    ch.writeUInt32LE(0x02014b50, 0)
    ch.writeUInt16LE(20, 4)
    ch.writeUInt16LE(20, 6)
    ch.writeUInt16LE(method, 10)
    ch.writeUInt32LE(e.crc >>> 0, 16)
    ch.writeUInt32LE(e.data.length, 20)
    ch.writeUInt32LE(e.declaredSize, 24)
    ch.writeUInt16LE(name.length, 28)
    ch.writeUInt32LE(offset, 42)
    centrals.push(ch, name)
    offset += 30 + name.length + e.data.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(entries.length, 8)
  eocd.writeUInt16LE(entries.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}

/** Raw deflate (level 9) of `bytes` zero bytes, fed 1 MB at a time: the zeros are never held. */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  d.on('data', (c: Buffer) => out.push(c))
  const done = new Promise<void>((resolve, reject) => {
    d.on('end', resolve)
    d.on('error', reject)
  })
  const mb = Buffer.alloc(1024 * 1024)
  for (let sent = 0; sent < bytes; sent += mb.length) {
    const chunk = bytes - sent >= mb.length ? mb : mb.subarray(0, bytes - sent)
    if (!d.write(chunk)) await new Promise((r) => d.once('drain', r))
  }
  d.end()
  await done
  return Buffer.concat(out)
}

export const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'

/**
 * An .xlsx-looking zip whose sheet declares `declaredSize` bytes but inflates to `realBytes`
 * zeros: every check that reads the headers passes it.
 */
export async function lyingZipBomb(realBytes: number, declaredSize = 1_000): Promise<Buffer> {
  const zeros = await deflatedZeros(realBytes)
  return rawZip([
    entry('[Content_Types].xml', CONTENT_TYPES),
    entry(
      'xl/workbook.xml',
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Realisasi" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>',
    ),
    { name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize, crc: 0 },
  ])
}

/** The same workbook with some parts replaced (every entry re-deflated, sizes true). */
export function replaceParts(xlsx: Buffer, parts: Record<string, string | Buffer>): Buffer {
  const names = listZipEntries(xlsx).map((e) => e.name)
  return rawZip(names.map((n) => entry(n, parts[n] ?? readZipEntry(xlsx, n)!)))
}

/** Sheet XML with a header row at `headerRow` and `rows` data rows below it (inline strings). */
export function sheetXmlWithRows(rows: number, opts: { headerRow?: number; header?: string[] } = {}): string {
  const headerRow = opts.headerRow ?? 1
  const header = opts.header ?? ['Kode indikator']
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
  const col = (i: number) => String.fromCharCode(65 + i)
  parts.push(`<row r="${headerRow}">${header.map((h, i) => `<c r="${col(i)}${headerRow}" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`)
  for (let n = 1; n <= rows; n++) {
    const r = headerRow + n
    parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>X-${n}</t></is></c><c r="B${r}"><v>${n}</v></c></row>`)
  }
  parts.push('</sheetData></worksheet>')
  return parts.join('')
}
