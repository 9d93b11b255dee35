// One entry point for every downloadable workbook (the /laporan resource route and the API):
// which permission each needs, how its scope (OPD, bidang, period) is read from the query, and
// the HTTP response with the right MIME type and Content-Disposition.
import { Readable } from 'node:stream'
import type { Executor } from '../../utils/db.server'
import { can, type Permission } from '../../utils/permissions'
import { currentQuarterOf, isQuarter, type Period, type Quarter } from '../../domain'
import { getSettings } from '../../models/settings.server'
import { resolveOpdId, unitParent, unitParentAndKind } from '../../models/organisation.server'
import { resolvePeriod } from '../scoring.server'
import type { SessionUser } from '../auth.server'
import { auditWorkbookStream } from './audit-workbook.server'
import { buildE80Workbook } from './e80.server'
import { buildE81Workbook } from './e81.server'
import { buildRekapWorkbook } from './rekap.server'
import { buildRealisasiTemplate, buildRenstraTemplate } from './templates.server'
import { attachmentHeaders } from './style.server'

export const EXPORT_KINDS = ['e81', 'e81-kota', 'e80', 'rekap', 'audit', 'templat-realisasi', 'templat-renstra'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

/** "e81.xlsx" / "e81" → 'e81'; anything else → null. */
export function parseExportKind(raw: string | undefined): ExportKind | null {
  const k = (raw ?? '').toLowerCase().replace(/\.xlsx$/, '')
  return (EXPORT_KINDS as readonly string[]).includes(k) ? (k as ExportKind) : null
}

export class ExportInputError extends Error {}

/** A city-only workbook asked for by an OPD-bound user or token (→ 403). */
export class ExportCityOnlyError extends Error {
  constructor() {
    super('Laporan ini hanya untuk akun tingkat kota (Bappeda).')
  }
}

/** City-level access: a session user without an OPD, or a token not tied to one OPD. */
export const cityLevel = (access: ExportAccess): boolean => (access.kind === 'session' ? access.user.opdId == null : access.opdId == null)

/** Who asks: a signed-in user, or an API token (read-only, possibly tied to one OPD). */
export type ExportAccess = { kind: 'session'; user: SessionUser } | { kind: 'token'; opdId: number | null }

export interface ResolvedScope {
  opdId: number | null
  unitId: number | null
  period: Period
}

/**
 * OPD, bidang and period from the query: `opd` (id, or `semua` for city-level users), `unit`
 * (a unit of that OPD), `tahun`, `triwulan`, `periode` (as the dashboard).
 */
export async function resolveScope(db: Executor, access: ExportAccess, params: URLSearchParams, asOf: Date): Promise<ResolvedScope> {
  const ownOpd = access.kind === 'session' ? access.user.opdId : access.opdId
  const rawOpd = params.get('opd')
  let opdId: number | null
  if (ownOpd == null && rawOpd === 'semua') opdId = null
  else {
    const requested = rawOpd && /^\d+$/.test(rawOpd) ? Number(rawOpd) : null
    opdId = await resolveOpdId(db, ownOpd, requested)
    if (opdId == null) throw new ExportInputError('Belum ada perangkat daerah di basis data.')
  }
  let unitId: number | null = null
  const rawUnit = params.get('unit')
  if (rawUnit && rawUnit !== 'semua') {
    if (!/^\d+$/.test(rawUnit)) throw new ExportInputError('Unit tidak valid.')
    unitId = Number(rawUnit)
    const unit = await unitParentAndKind(db, unitId)
    if (!unit || unit.kind === 'opd') throw new ExportInputError('Unit tidak ditemukan.')
    if (opdId != null && unit.parent_id !== opdId) {
      // a unit deeper down still belongs to the OPD when its parent does
      const parent = unit.parent_id == null ? undefined : await unitParent(db, unit.parent_id)
      if (!parent || parent.parent_id !== opdId) throw new ExportInputError('Unit tersebut bukan bagian dari perangkat daerah ini.')
    }
  }
  const settings = (await getSettings(db)).scoring
  const choice = await resolvePeriod(db, opdId, params, settings, asOf)
  if (choice.errors.length) throw new ExportInputError(choice.errors.join('; '))
  return { opdId, unitId, period: choice.period }
}

function xlsx(buffer: Buffer, filename: string): Response {
  return new Response(new Uint8Array(buffer), { status: 200, headers: attachmentHeaders(filename, { 'Content-Length': String(buffer.length) }) })
}

export function textError(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}

/** Year and quarter of a template: `tahun` / `triwulan`, default the current quarter. */
export function templatePeriod(params: URLSearchParams, asOf: Date, timeZone: string): { year: number; quarter: Quarter } {
  const cur = currentQuarterOf(asOf, timeZone)
  const y = params.get('tahun')
  const q = params.get('triwulan')
  if (y && !/^\d{4}$/.test(y)) throw new ExportInputError(`Tahun "${y}" tidak valid; tulis empat angka, misalnya 2026.`)
  const quarter = q ? Number(q) : cur.quarter
  if (!isQuarter(quarter)) throw new ExportInputError(`Triwulan "${q}" tidak valid; pilih 1, 2, 3, atau 4.`)
  return { year: y ? Number(y) : cur.year, quarter }
}

/** What a builder gets: the database, who asks, the query, the clock and the request id. */
export interface ExportRequest {
  db: Executor
  access: ExportAccess
  params: URLSearchParams
  asOf: Date
  requestId: string | null
}

/** Everything the routes need to know about one downloadable workbook. */
export interface ExportSpec {
  /** The session permission it needs (on /laporan and the API). */
  permission: Permission
  /** Served at /api/v1/laporan/<kind>.xlsx (the templates are not: they belong to the import pages). */
  api: boolean
  /** May an API token (read-only, no user) download it? Never for anything beyond the reports. */
  tokenAllowed: boolean
  title: string
  /** A button on /laporan, shown to those holding `permission`; null = offered elsewhere. */
  button: { label: string; description: string; secondary?: boolean } | null
  /** Only for city-level access (a user without an OPD, a token without an OPD): Bappeda's bundles. */
  cityOnly?: boolean
  /** Builds the response; input problems throw ExportInputError (→ 400). */
  build: (req: ExportRequest) => Promise<Response>
}

const sessionUser = (access: ExportAccess, message: string): SessionUser => {
  if (access.kind !== 'session') throw new ExportInputError(message)
  return access.user
}

/**
 * The registry of downloadable workbooks: one entry per kind, each with its own builder. A kind
 * added to EXPORT_KINDS without an entry (or an entry without a builder) does not compile, and
 * nothing falls through to another kind's workbook.
 */
export const EXPORTS = {
  e81: {
    permission: 'export:read',
    api: true,
    tokenAllowed: true,
    title: 'Formulir E.81 — Evaluasi terhadap Hasil Renja Perangkat Daerah',
    button: {
      label: 'Unduh Formulir E.81',
      description:
        'Evaluasi terhadap Hasil Renja Perangkat Daerah (Permendagri 86/2017): kode program/kegiatan, kolom 5–14 dengan K (kinerja) dan Rp (anggaran), keterangan, rata-rata capaian dan predikat per kolom, faktor pendorong/penghambat, tindak lanjut, dan blok tanda tangan. A4 lanskap. Selalu tahun berjalan s.d. triwulan yang dipilih.',
    },
    build: async ({ db, access, params, asOf }) => {
      const scope = await resolveScope(db, access, params, asOf)
      const f = await buildE81Workbook(db, { ...scope, asOf })
      return xlsx(f.buffer, f.filename)
    },
  },
  'e81-kota': {
    permission: 'export:read',
    api: true,
    tokenAllowed: true,
    cityOnly: true,
    title: 'Formulir E.81 seluruh kota — satu lembar per perangkat daerah',
    button: {
      label: 'Unduh E.81 seluruh kota',
      description: 'Formulir E.81 setiap perangkat daerah dalam satu berkas, satu lembar per perangkat daerah, untuk Bappeda. Hanya untuk akun tingkat kota.',
    },
    build: async ({ db, access, params, asOf }) => {
      if (!cityLevel(access)) throw new ExportCityOnlyError()
      const p = new URLSearchParams(params)
      p.set('opd', 'semua')
      p.delete('unit')
      const scope = await resolveScope(db, access, p, asOf)
      // the E.81 builder writes one sheet per OPD when the scope is every OPD
      const f = await buildE81Workbook(db, { ...scope, opdId: null, unitId: null, asOf })
      return xlsx(f.buffer, f.filename.replace(/^E81_[^_]+/, 'E81-Kota'))
    },
  },
  e80: {
    permission: 'export:read',
    api: true,
    tokenAllowed: true,
    title: 'Formulir E.80 — Evaluasi terhadap Hasil Renstra Perangkat Daerah',
    button: {
      label: 'Unduh Formulir E.80',
      description:
        'Evaluasi terhadap Hasil Renstra Perangkat Daerah (Permendagri 86/2017): per tahun Renstra target dan realisasi K/Rp setiap indikator dan program/kegiatan, rasio capaian per tahun dan pada akhir periode, rata-rata dan predikat per kolom. A4 lanskap. Realisasi s.d. triwulan yang dipilih.',
    },
    build: async ({ db, access, params, asOf }) => {
      const scope = await resolveScope(db, access, params, asOf)
      const f = await buildE80Workbook(db, { ...scope, asOf })
      return xlsx(f.buffer, f.filename)
    },
  },
  rekap: {
    permission: 'export:read',
    api: true,
    tokenAllowed: true,
    title: 'Rekap Strategi Osborne untuk rapat evaluasi',
    button: {
      label: 'Unduh Rekap Strategi Osborne',
      description:
        'Matriks aspek × strategi berwarna predikat, satu lembar per aspek, area yang perlu perhatian beserta alasannya, catatan rapat, dan rincian indikator — bahan rapat evaluasi.',
    },
    build: async ({ db, access, params, asOf }) => {
      const scope = await resolveScope(db, access, params, asOf)
      const f = await buildRekapWorkbook(db, { ...scope, asOf })
      return xlsx(f.buffer, f.filename)
    },
  },
  audit: {
    permission: 'audit:read',
    api: true,
    tokenAllowed: false,
    title: 'Buku kerja audit (realisasi, riwayat status, jejak audit, pengguna)',
    button: {
      label: 'Unduh buku kerja audit',
      secondary: true,
      description: 'Semua realisasi dengan riwayat statusnya, seluruh jejak audit (sebelum/sesudah), pengguna dan peran. Tanpa hash kata sandi. Berkas besar dibuat bertahap.',
    },
    build: async ({ db, access, params, asOf, requestId }) => {
      sessionUser(access, 'Buku kerja audit hanya dapat diunduh dengan sesi pengguna yang berhak (audit:read).')
      const scope = await resolveScope(db, access, params, asOf)
      // streamed as it is written
      const settings = (await getSettings(db)).scoring
      const { stream, filename } = await auditWorkbookStream(db, { opdId: scope.opdId, unitId: scope.unitId, asOf, timeZone: settings.timeZone }, (e) => {
        console.error(`[${requestId ?? '-'}] ekspor audit gagal:`, e)
      })
      return new Response(Readable.toWeb(stream) as unknown as ReadableStream, { status: 200, headers: attachmentHeaders(filename) })
    },
  },
  'templat-realisasi': {
    permission: 'realisasi:write',
    api: false,
    tokenAllowed: false,
    title: 'Templat realisasi triwulan',
    button: null,
    build: async ({ db, access, params, asOf }) => {
      const user = sessionUser(access, 'Templat realisasi hanya untuk kepala bidang.')
      if (user.unitId == null) throw new ExportInputError('Templat realisasi hanya untuk kepala bidang.')
      const settings = (await getSettings(db)).scoring
      const { year, quarter } = templatePeriod(params, asOf, settings.timeZone)
      const f = await buildRealisasiTemplate(db, { unitId: user.unitId, year, quarter, asOf })
      return xlsx(f.buffer, f.filename)
    },
  },
  'templat-renstra': {
    permission: 'renstra:manage',
    api: false,
    tokenAllowed: false,
    title: 'Templat Renstra (indikator dan target)',
    button: null,
    build: async ({ db, access, params, asOf }) => {
      const user = sessionUser(access, 'Templat Renstra hanya dari aplikasi.')
      const opdId = await resolveOpdId(db, user.opdId, Number(params.get('opd')) || null)
      if (opdId == null) throw new ExportInputError('Belum ada perangkat daerah di basis data.')
      const settings = (await getSettings(db)).scoring
      const { year } = templatePeriod(params, asOf, settings.timeZone)
      const f = await buildRenstraTemplate(db, { opdId, year, asOf })
      return xlsx(f.buffer, f.filename)
    },
  },
} satisfies Record<ExportKind, ExportSpec>

/** The permission each kind needs (read from the registry). */
export const EXPORT_PERMISSION: Record<ExportKind, Permission> = Object.fromEntries(EXPORT_KINDS.map((k) => [k, EXPORTS[k].permission])) as Record<ExportKind, Permission>

/**
 * Builds the workbook of `kind` for `access` with the kind's own builder (permission already
 * checked by the caller). Input problems → 400 with an Indonesian message.
 */
export async function exportResponse(db: Executor, access: ExportAccess, kind: ExportKind, params: URLSearchParams, asOf: Date, requestId?: string | null): Promise<Response> {
  const spec: ExportSpec = EXPORTS[kind]
  try {
    if (access.kind === 'token' && !spec.tokenAllowed) throw new ExportInputError('Laporan ini tidak dapat diunduh dengan token API.')
    if (spec.cityOnly && !cityLevel(access)) throw new ExportCityOnlyError()
    return await spec.build({ db, access, params, asOf, requestId: requestId ?? null })
  } catch (e) {
    if (e instanceof ExportInputError) return textError(400, e.message)
    if (e instanceof ExportCityOnlyError) return textError(403, e.message)
    throw e
  }
}

/** The /laporan buttons a user may use, in registry order. */
export function downloadButtonsFor(user: SessionUser): { kind: ExportKind; action: string; label: string; description: string; secondary: boolean }[] {
  return EXPORT_KINDS.flatMap((kind) => {
    const spec: ExportSpec = EXPORTS[kind]
    if (!spec.button || !canExport(user, kind)) return []
    return [{ kind, action: `/laporan/${kind}.xlsx`, label: spec.button.label, description: spec.button.description, secondary: spec.button.secondary ?? false }]
  })
}

/** May this session user download `kind`? */
export function canExport(user: SessionUser, kind: ExportKind): boolean {
  const spec: ExportSpec = EXPORTS[kind]
  return can(user.role, EXPORT_PERMISSION[kind]) && (!spec.cityOnly || user.opdId == null)
}
