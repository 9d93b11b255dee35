// The organisation-and-users workbook: sheet "Unit" (code, name, short name, kind, parent code)
// and sheet "Pengguna" (username, full name, role, unit code). No passwords: every imported
// account gets a one-time initial password, shown once after saving (ADR 0012).
// The template comes filled with the Dumai demo layout as its example; the column titles are the
// contract with the importer (import-workbook.server.ts), which finds columns by their titles.
import ExcelJS from 'exceljs'
import { DUMAI_EXAMPLE_USERS, DUMAI_LAYOUT } from './dumai-example'
import { exportText } from '../excel/safety.server'
import { FONT, FONT_BOLD, HEADER_FILL, EDITABLE_FILL, BORDER_ALL, stampWorkbook, workbookBuffer } from '../excel/style.server'
import { ROLE_LABELS, ROLES } from '../../utils/permissions'
import { UNIT_KIND_LABELS } from './rules'

export const UNIT_SHEET = 'Unit'
export const USER_SHEET = 'Pengguna'
export const HEADER_ROW = 4

export const UNIT_COLS = { code: 'Kode unit', name: 'Nama unit', shortName: 'Nama singkat', kind: 'Jenis', parentCode: 'Kode induk' } as const
export const USER_COLS = { username: 'Nama pengguna', fullName: 'Nama lengkap', role: 'Peran', unitCode: 'Kode unit' } as const

/** Kinds a workbook may hold (an OPD and a kota are created on the page, by a city-level admin). */
export const IMPORT_KINDS = ['sekretariat', 'bidang', 'upt', 'subbagian', 'seksi'] as const

export interface ExampleUnit {
  code: string
  name: string
  shortName: string | null
  kind: (typeof IMPORT_KINDS)[number]
  parentCode: string | null
}
export interface ExampleUser {
  username: string
  fullName: string
  role: (typeof ROLES)[number]
  unitCode: string | null
}

/** The Dumai layout (Perwako Dumai No. 16/2022) as workbook rows; the OPD's own admin is not in it. */
export function dumaiExample(): { units: ExampleUnit[]; users: ExampleUser[] } {
  const units: ExampleUnit[] = []
  for (const u of DUMAI_LAYOUT) {
    units.push({ code: u.code, name: u.name, shortName: u.short, kind: u.kind, parentCode: null })
    u.children.forEach((c, i) => units.push({ code: `${u.code}-${i + 1}`, name: c, shortName: null, kind: c.startsWith('Subbagian') ? 'subbagian' : 'seksi', parentCode: u.code }))
  }
  // perencanaan and the other non-kabid roles belong to the OPD itself (empty unit code)
  const users = DUMAI_EXAMPLE_USERS.map((u) => ({ ...u }))
  return { units, users }
}

function sheetWithHeader(wb: ExcelJS.Workbook, name: string, title: string, hint: string, headers: string[], widths: number[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] })
  ws.getCell(1, 1).value = title
  ws.getCell(1, 1).font = { ...FONT_BOLD, size: 12 }
  ws.getCell(2, 1).value = hint
  ws.getCell(2, 1).font = { ...FONT, italic: true }
  headers.forEach((h, i) => {
    const c = ws.getCell(HEADER_ROW, i + 1)
    c.value = h
    c.font = FONT_BOLD
    c.fill = HEADER_FILL
    c.border = BORDER_ALL
    ws.getColumn(i + 1).width = widths[i] ?? 20
  })
  return ws
}

function putRow(ws: ExcelJS.Worksheet, row: number, values: (string | null)[]) {
  values.forEach((v, i) => {
    const c = ws.getCell(row, i + 1)
    c.value = exportText(v)
    c.font = FONT
    c.fill = EDITABLE_FILL
    c.border = BORDER_ALL
  })
}

/** The template, filled with the Dumai example; `opdName` names the OPD the upload will go into. */
export async function buildOrganisationTemplate(opts: { opdName: string; asOf: Date }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  stampWorkbook(wb, 'Templat organisasi dan pengguna', opts.asOf)
  const ex = dumaiExample()

  const help = wb.addWorksheet('Petunjuk')
  help.getColumn(1).width = 110
  const lines = [
    'Templat organisasi dan pengguna',
    `Diunggah ke: ${opts.opdName}. Isi lembar "${UNIT_SHEET}" dan "${USER_SHEET}", lalu unggah di Admin › Organisasi.`,
    'Contoh yang sudah terisi adalah susunan Diskominfotiksan Kota Dumai (Perwako Dumai No. 16/2022); ganti dengan unit dan pengguna Anda.',
    '',
    `Lembar "${UNIT_SHEET}": satu baris per unit di bawah OPD. Kode unit unik dalam OPD (huruf, angka, titik, garis bawah, tanda hubung).`,
    `  Jenis: ${IMPORT_KINDS.map((k) => k).join(', ')}. Kode induk kosong = langsung di bawah OPD.`,
    '  Di bawah OPD: sekretariat, bidang, UPT. Di bawah sekretariat: subbagian. Di bawah bidang: seksi. Di bawah UPT: subbagian atau seksi.',
    '  Unit yang kodenya sudah ada dengan isi yang sama dilewati; mengubah unit yang sudah ada dilakukan di halaman Organisasi.',
    `Lembar "${USER_SHEET}": nama pengguna (huruf kecil, angka, titik, garis bawah, tanda hubung), nama lengkap, peran, kode unit.`,
    `  Peran: ${ROLES.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ')}.`,
    '  Kepala bidang wajib diisi kode bidang atau sekretariatnya; peran lain: kosongkan kode unit (ditempatkan pada OPD).',
    '  Tidak ada kolom kata sandi: setiap akun baru mendapat kata sandi awal acak yang ditampilkan SEKALI setelah disimpan.',
    '  Sampaikan kepada masing-masing pengguna secara langsung; pengguna menggantinya di halaman Akun.',
    '',
    'Unggahan diperiksa dulu (pratinjau). Bila ada satu saja kesalahan, tidak ada yang disimpan; setiap kesalahan disebut baris dan kolomnya.',
  ]
  lines.forEach((l, i) => {
    const c = help.getCell(i + 1, 1)
    c.value = l
    c.font = i === 0 ? { ...FONT_BOLD, size: 12 } : FONT
  })

  const units = sheetWithHeader(
    wb,
    UNIT_SHEET,
    'Unit organisasi',
    'Contoh: susunan Diskominfotiksan Kota Dumai. Kode induk kosong = langsung di bawah OPD.',
    Object.values(UNIT_COLS),
    [16, 60, 28, 14, 16],
  )
  ex.units.forEach((u, i) => putRow(units, HEADER_ROW + 1 + i, [u.code, u.name, u.shortName, u.kind, u.parentCode]))
  const kindList = `"${IMPORT_KINDS.join(',')}"`
  for (let r = HEADER_ROW + 1; r <= HEADER_ROW + 300; r++)
    units.getCell(r, 4).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [kindList],
      showErrorMessage: true,
      errorTitle: 'Jenis unit',
      error: `Pilih salah satu: ${IMPORT_KINDS.join(', ')}`,
    }

  const users = sheetWithHeader(
    wb,
    USER_SHEET,
    'Pengguna',
    'Tanpa kata sandi: kata sandi awal dibuat aplikasi dan ditampilkan sekali setelah disimpan.',
    Object.values(USER_COLS),
    [22, 44, 18, 16],
  )
  ex.users.forEach((u, i) => putRow(users, HEADER_ROW + 1 + i, [u.username, u.fullName, u.role, u.unitCode]))
  const roleList = `"${ROLES.join(',')}"`
  for (let r = HEADER_ROW + 1; r <= HEADER_ROW + 300; r++)
    users.getCell(r, 3).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [roleList],
      showErrorMessage: true,
      errorTitle: 'Peran',
      error: `Pilih salah satu: ${ROLES.join(', ')}`,
    }

  const kinds = wb.addWorksheet('Jenis unit')
  kinds.getColumn(1).width = 16
  kinds.getColumn(2).width = 34
  ;(['sekretariat', 'bidang', 'upt', 'subbagian', 'seksi'] as const).forEach((k, i) => {
    kinds.getCell(i + 1, 1).value = k
    kinds.getCell(i + 1, 2).value = UNIT_KIND_LABELS[k]
  })
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }]
  return workbookBuffer(wb)
}
