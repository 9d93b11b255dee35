// The Renstra sources an OPD already holds (domain.md §8): the Renstra document's tables T-C.27
// and T-C.28 exported to Excel, and SIPD-RI's Renstra lists. This module knows their columns:
// it finds the header row, recognises the source from its titles and proposes a mapping from
// each field to a column by synonyms (case-, spacing- and underscore-insensitive).
import type ExcelJS from 'exceljs'
import { cellAsText, columnLetter } from '../safety.server'

export type SourceKind = 'tc27' | 'tc28' | 'sipd'
export const SOURCE_KINDS: readonly SourceKind[] = ['tc27', 'tc28', 'sipd']
export const SOURCE_LABELS: Record<SourceKind, string> = {
  tc27: 'Tabel T-C.27 (Rencana Program, Kegiatan, dan Pendanaan)',
  tc28: 'Tabel T-C.28 (Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD)',
  sipd: 'Ekspor daftar Renstra SIPD-RI',
}

/** How many year slots a source may carry (a Renstra lasts at most six years). */
export const MAX_SLOTS = 6
const SLOTS = [1, 2, 3, 4, 5, 6] as const
type Slot = (typeof SLOTS)[number]

export type FieldKey =
  | 'kodeSkpd'
  | 'tahunAwal'
  | 'tahunAkhir'
  | 'tujuan'
  | 'sasaran'
  | 'kode'
  | 'uraian'
  | 'kodeProgram'
  | 'namaProgram'
  | 'kodeKegiatan'
  | 'namaKegiatan'
  | 'kodeSub'
  | 'namaSub'
  | 'kodeIndikator'
  | 'indikator'
  | 'satuan'
  | 'unit'
  | 'baseline'
  | 'targetAkhir'
  | `target${Slot}`
  | `pagu${Slot}`

export interface FieldDef {
  key: FieldKey
  label: string
  /** Normalised titles naming this field. */
  synonyms: string[]
  /** Slot number of a target/pagu field. */
  slot?: number
}

/** "Target_1", " TARGET  tahun-1 " → "target tahun 1". */
export const normHeader = (s: string) =>
  s
    .toLowerCase()
    .replace(/[_\-–/:().,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

const slotSyn = (word: string, k: number) => [`${word} ${k}`, `${word} tahun ${k}`, `${word} tahun ke ${k}`, `${word} th ${k}`]

export const FIELDS: FieldDef[] = [
  { key: 'kodeSkpd', label: 'Kode SKPD', synonyms: ['kode skpd', 'kode opd', 'kode perangkat daerah'] },
  { key: 'tahunAwal', label: 'Tahun awal', synonyms: ['tahun awal', 'tahun awal renstra', 'tahun awal periode'] },
  { key: 'tahunAkhir', label: 'Tahun akhir', synonyms: ['tahun akhir', 'tahun akhir renstra', 'tahun akhir periode'] },
  { key: 'tujuan', label: 'Tujuan', synonyms: ['tujuan', 'tujuan teks', 'uraian tujuan', 'nama tujuan'] },
  { key: 'sasaran', label: 'Sasaran', synonyms: ['sasaran', 'sasaran teks', 'uraian sasaran', 'nama sasaran'] },
  { key: 'kode', label: 'Kode (program/kegiatan/sub kegiatan)', synonyms: ['kode', 'kode rekening', 'kode program kegiatan'] },
  {
    key: 'uraian',
    label: 'Uraian program/kegiatan/sub kegiatan',
    synonyms: ['uraian', 'program dan kegiatan', 'program kegiatan dan sub kegiatan', 'program kegiatan sub kegiatan', 'nama program kegiatan'],
  },
  { key: 'kodeProgram', label: 'Kode program', synonyms: ['kode program'] },
  { key: 'namaProgram', label: 'Nama program', synonyms: ['nama program', 'program', 'program teks', 'nama program teks'] },
  { key: 'kodeKegiatan', label: 'Kode kegiatan', synonyms: ['kode kegiatan', 'kode giat'] },
  { key: 'namaKegiatan', label: 'Nama kegiatan', synonyms: ['nama kegiatan', 'kegiatan', 'kegiatan teks', 'nama giat'] },
  { key: 'kodeSub', label: 'Kode sub kegiatan', synonyms: ['kode sub kegiatan', 'kode subkegiatan', 'kode sub giat', 'kode subgiat'] },
  { key: 'namaSub', label: 'Nama sub kegiatan', synonyms: ['nama sub kegiatan', 'sub kegiatan', 'subkegiatan', 'sub kegiatan teks', 'nama sub giat'] },
  { key: 'kodeIndikator', label: 'Kode indikator', synonyms: ['kode indikator', 'kode iku', 'kode ik'] },
  {
    key: 'indikator',
    label: 'Indikator',
    synonyms: [
      'indikator',
      'indikator teks',
      'indikator kinerja',
      'indikator kinerja utama',
      'uraian indikator',
      'nama indikator',
      'indikator kinerja tujuan dan sasaran',
      'indikator kinerja program outcome kegiatan output',
      'indikator sasaran',
    ],
  },
  { key: 'satuan', label: 'Satuan', synonyms: ['satuan', 'satuan indikator', 'satuan teks'] },
  { key: 'unit', label: 'Kode unit (bidang)', synonyms: ['kode unit', 'unit', 'kode bidang', 'bidang', 'unit penanggung jawab'] },
  {
    key: 'baseline',
    label: 'Kondisi awal (baseline)',
    synonyms: [
      'target awal',
      'kondisi awal',
      'baseline',
      'capaian awal',
      'kondisi kinerja awal',
      'kondisi kinerja pada awal periode',
      'kondisi kinerja pada awal periode rpjmd',
      'kondisi kinerja pada awal periode renstra',
      'kondisi kinerja awal rpjmd',
    ],
  },
  {
    key: 'targetAkhir',
    label: 'Kondisi akhir (target akhir)',
    synonyms: [
      'target akhir',
      'kondisi akhir',
      'kondisi kinerja akhir',
      'kondisi kinerja pada akhir periode',
      'kondisi kinerja pada akhir periode rpjmd',
      'kondisi kinerja pada akhir periode renstra',
      'kondisi kinerja akhir rpjmd',
    ],
  },
  ...SLOTS.map((k): FieldDef => ({ key: `target${k}`, label: `Target tahun ke-${k}`, slot: k, synonyms: [...slotSyn('target', k), `tahun ${k}`, `target capaian tahun ${k}`] })),
  ...SLOTS.map((k): FieldDef => ({
    key: `pagu${k}`,
    label: `Pagu tahun ke-${k} (Rp)`,
    slot: k,
    synonyms: [...slotSyn('pagu', k), `pagu indikatif tahun ${k}`, `rp tahun ${k}`, `anggaran tahun ${k}`],
  })),
]
export const FIELD_BY_KEY = new Map(FIELDS.map((f) => [f.key, f]))

/** Fields every source must map (plus at least one target or pagu slot). */
export const REQUIRED: Record<SourceKind, FieldKey[]> = {
  tc28: ['indikator', 'satuan'],
  tc27: ['indikator', 'satuan'],
  sipd: ['indikator', 'satuan', 'tahunAwal'],
}

export interface Header {
  index: number
  letter: string
  title: string
  norm: string
  /** A calendar year named in the title ("Target 2022", "Pagu 2023"). */
  year: number | null
}

/** Which field a title names, with a calendar-year title ("Target 2022", "2022") as a target. */
export function fieldOfTitle(n: string, firstYear: number | null): FieldKey | null {
  for (const f of FIELDS) if (f.synonyms.includes(n)) return f.key
  const y = /^(target|pagu|pagu indikatif|rp|tahun|target tahun|pagu tahun)? ?(\d{4})$/.exec(n)
  if (y && firstYear !== null) {
    const slot = Number(y[2]) - firstYear + 1
    const word = y[1]?.startsWith('pagu') || y[1] === 'rp' ? 'pagu' : 'target'
    if (slot >= 1 && slot <= MAX_SLOTS) return `${word}${slot as Slot}`
  }
  if (n.startsWith('kondisi kinerja pada awal')) return 'baseline'
  if (n.startsWith('kondisi kinerja pada akhir')) return 'targetAkhir'
  if (n.startsWith('indikator')) return 'indikator'
  return null
}

export interface SheetHeaders {
  headerRow: number
  headers: Header[]
  /** Text of the rows above the header ("T-C.28 …" titles). */
  caption: string
}

/** The header row: of the first 20 rows, the one whose titles name the most known fields. */
export function readHeaders(ws: ExcelJS.Worksheet): SheetHeaders | null {
  const maxCol = Math.min(ws.columnCount, 120)
  let best: SheetHeaders | null = null
  let bestScore = 1
  const captionParts: string[] = []
  for (let r = 1; r <= Math.min(20, ws.rowCount); r++) {
    const headers: Header[] = []
    for (let c = 1; c <= maxCol; c++) {
      const t = cellAsText(ws.getCell(r, c))
      if (!('value' in t) || !t.value) continue
      const title = t.value.replace(/\s+/g, ' ').trim()
      const y = /(?:^|\D)((?:19|20)\d{2})$/.exec(title)
      headers.push({ index: c, letter: columnLetter(c), title, norm: normHeader(title), year: y ? Number(y[1]) : null })
    }
    const years = headers.map((h) => h.year).filter((y): y is number => y !== null)
    const firstYear = years.length ? Math.min(...years) : null
    const score = headers.filter((h) => fieldOfTitle(h.norm, firstYear) !== null).length
    if (score > bestScore) {
      best = { headerRow: r, headers, caption: captionParts.join(' ') }
      bestScore = score
    }
    captionParts.push(headers.map((h) => h.title).join(' '))
  }
  return best
}

/** True for the app's own Renstra template (handled by the template importer). */
export function isAppTemplate(h: SheetHeaders): boolean {
  const titles = new Set(h.headers.map((x) => x.norm))
  return titles.has('kode') && titles.has('nama indikator') && titles.has('pola ukur') && titles.has('polaritas')
}

/** Recognises the source from its caption and titles; null = not a known source. */
export function detectSource(h: SheetHeaders): SourceKind | null {
  const cap = h.caption.toLowerCase().replace(/\s+/g, '')
  if (cap.includes('t-c.27') || cap.includes('tc.27') || cap.includes('t-c27')) return 'tc27'
  if (cap.includes('t-c.28') || cap.includes('tc.28') || cap.includes('t-c28')) return 'tc28'
  const raw = new Set(h.headers.map((x) => x.title.toLowerCase().trim()))
  const mapped = proposeMapping(h, null)
  if (raw.has('indikator_teks') || raw.has('tahun_awal') || raw.has('kode_skpd') || mapped.tahunAwal) return 'sipd'
  const hasPagu = SLOTS.some((k) => mapped[`pagu${k}`])
  const hasCode = !!(mapped.kode || mapped.kodeProgram || mapped.kodeKegiatan || mapped.kodeSub)
  if (hasPagu && hasCode) return 'tc27'
  const hasTarget = SLOTS.some((k) => mapped[`target${k}`])
  if (mapped.indikator && hasTarget) return hasCode ? 'tc27' : 'tc28'
  return null
}

export type Mapping = Partial<Record<FieldKey, string>>

/**
 * Proposes field → column title. A remembered mapping (from the last import of this OPD and source)
 * wins for every field whose column still exists; the others are proposed by synonyms.
 */
export function proposeMapping(h: SheetHeaders, remembered: Mapping | null): Mapping {
  const out: Mapping = {}
  const years = h.headers.map((x) => x.year).filter((y): y is number => y !== null)
  const firstYear = years.length ? Math.min(...years) : null
  const used = new Set<number>()
  if (remembered) {
    for (const [k, title] of Object.entries(remembered) as [FieldKey, string][]) {
      const col = h.headers.find((x) => x.norm === normHeader(title) && !used.has(x.index))
      if (col && FIELD_BY_KEY.has(k)) {
        out[k] = col.title
        used.add(col.index)
      }
    }
  }
  for (const col of h.headers) {
    if (used.has(col.index)) continue
    const k = fieldOfTitle(col.norm, firstYear)
    if (k && !out[k] && !(remembered && k in remembered)) {
      out[k] = col.title
      used.add(col.index)
    }
  }
  return out
}

/** Reads a mapping posted by the mapping form (`kolom_<field>` = column title, empty = none). */
export function mappingFromForm(form: FormData | URLSearchParams): Mapping | null {
  let any = false
  const out: Mapping = {}
  for (const f of FIELDS) {
    const v = form.get(`kolom_${f.key}`)
    if (v === null) continue
    any = true
    const s = String(v).trim()
    if (s) out[f.key] = s
  }
  return any ? out : null
}
