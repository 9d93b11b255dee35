// Read model of /renstra/kelola: the OPD's periods, the chosen period's tujuan → sasaran → program →
// kegiatan → sub kegiatan tree with the live indicators hung where they belong, the deleted
// indicators, and the OPD choice for city-level users.
import type { Executor } from '../utils/db.server'
import type { SessionUser } from '../services/auth.server'
import { now } from '../utils/clock.server'
import { yearInZone } from '../utils/time'
import { listOpd, resolveOpdId } from '../models/organisation.server'
import {
  getOpd,
  indicatorsOfPeriod,
  periodsOfOpd,
  programsOfPeriod,
  responsibleUnitsOf,
  sasaranOfPeriod,
  tujuanOfPeriod,
  type IndicatorListRow,
  type ProgramRow,
  type SasaranRow,
  type TujuanRow,
} from '../models/renstra.server'
import type { ProgramKind } from '../utils/renstra-fields'
import { optionalId } from '../services/renstra/common.server'

export interface IndicatorLeaf {
  id: number
  code: string
  name: string
  unit: string
  satuan: string
  deleted: boolean
}

export interface ProgramNode {
  id: number
  kind: ProgramKind
  code: string
  name: string
  unitId: number | null
  unitName: string | null
  deleted: boolean
  children: ProgramNode[]
  indicators: IndicatorLeaf[]
}

export interface SasaranNode {
  id: number
  code: string
  name: string
  deleted: boolean
  programs: ProgramNode[]
  indicators: IndicatorLeaf[]
}

export interface TujuanNode {
  id: number
  code: string
  name: string
  deleted: boolean
  sasaran: SasaranNode[]
}

function leafOf(i: IndicatorListRow): IndicatorLeaf {
  return { id: i.id, code: i.code, name: i.name, unit: i.unit_short ?? i.unit_name, satuan: i.satuan, deleted: !!i.deleted_at }
}

/** tujuan → sasaran → program → kegiatan → sub kegiatan, with the live indicators hung where they belong. */
export function buildTree(
  tujuan: TujuanRow[],
  sasaran: SasaranRow[],
  programs: ProgramRow[],
  indicators: IndicatorListRow[],
  unitNames: Map<number, string>,
  showDeleted: boolean,
) {
  const live = indicators.filter((i) => !i.deleted_at)
  const programNode = (p: ProgramRow): ProgramNode => ({
    id: p.id,
    kind: p.kind,
    code: p.code,
    name: p.name,
    unitId: p.unit_id,
    unitName: p.unit_id == null ? null : (unitNames.get(p.unit_id) ?? null),
    deleted: !!p.deleted_at,
    children: programs
      .filter((c) => c.parent_id === p.id)
      .map(programNode)
      .filter(keep),
    indicators: live.filter((i) => i.program_id === p.id).map(leafOf),
  })
  // A deleted node is shown when asked, or when something live still hangs below it.
  function keep(n: { deleted: boolean; indicators?: IndicatorLeaf[]; children?: ProgramNode[]; programs?: ProgramNode[]; sasaran?: SasaranNode[] }): boolean {
    if (!n.deleted || showDeleted) return true
    return !!(n.indicators?.length || n.children?.some((c) => !c.deleted) || n.programs?.some((c) => !c.deleted) || n.sasaran?.some((c) => !c.deleted))
  }
  const placed = new Set<number>()
  const programIds = new Set(programs.map((p) => p.id))
  for (const i of live) if (i.program_id != null && programIds.has(i.program_id)) placed.add(i.id)
  const sasaranNode = (s: SasaranRow): SasaranNode => {
    const inds = live.filter((i) => !placed.has(i.id) && i.sasaran_id === s.id)
    for (const i of inds) placed.add(i.id)
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      deleted: !!s.deleted_at,
      programs: programs
        .filter((p) => p.parent_id == null && p.sasaran_id === s.id)
        .map(programNode)
        .filter(keep),
      indicators: inds.map(leafOf),
    }
  }
  const tree: TujuanNode[] = tujuan
    .map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      deleted: !!t.deleted_at,
      sasaran: sasaran
        .filter((s) => s.tujuan_id === t.id)
        .map(sasaranNode)
        .filter(keep),
    }))
    .filter(keep)
  const sasaranIds = new Set(sasaran.map((s) => s.id))
  const looseProgramRows = programs.filter((p) => p.parent_id == null && (p.sasaran_id == null || !sasaranIds.has(p.sasaran_id)))
  const loosePrograms = looseProgramRows.map(programNode).filter(keep)
  const unplaced = live.filter((i) => !placed.has(i.id)).map(leafOf)
  return { tree, loosePrograms, unplaced }
}

/** The kelola page: the OPD's periods, the chosen one's tree, deleted indicators, the OPD choice for city-level users. */
export async function kelolaPageData(db: Executor, user: SessionUser, url: URL) {
  const requestedOpd = optionalId(url.searchParams.get('opd') ?? '')
  const opdId = await resolveOpdId(db, user.opdId, requestedOpd)
  const opdOptions = user.opdId == null ? (await listOpd(db)).map((o) => ({ id: o.id, name: o.name })) : []
  if (opdId == null)
    return { opd: null, opdOptions, periods: [], period: null, showDeleted: false, tree: [], loosePrograms: [], unplaced: [], deletedIndicators: [], units: [], indicatorCount: 0 }
  const opd = (await getOpd(db, opdId))!
  const periods = await periodsOfOpd(db, opdId)
  const year = yearInZone(now())
  const wanted = optionalId(url.searchParams.get('periode') ?? '')
  const period = periods.find((p) => p.id === wanted) ?? periods.find((p) => p.start_year <= year && year <= p.end_year) ?? periods[0] ?? null
  const showDeleted = url.searchParams.get('tampilkan') === 'semua'
  const units = await responsibleUnitsOf(db, opdId)
  const unitNames = new Map(units.map((u) => [u.id, u.short_name ?? u.name]))
  if (!period)
    return {
      opd,
      opdOptions,
      periods,
      period: null,
      showDeleted,
      tree: [],
      loosePrograms: [],
      unplaced: [],
      deletedIndicators: [],
      units: units.map((u) => ({ id: u.id, label: u.name })),
      indicatorCount: 0,
    }
  const [tujuan, sasaran, programs, indicators] = await Promise.all([
    tujuanOfPeriod(db, period.id),
    sasaranOfPeriod(db, period.id),
    programsOfPeriod(db, period.id),
    indicatorsOfPeriod(db, period.id),
  ])
  const { tree, loosePrograms, unplaced } = buildTree(tujuan, sasaran, programs, indicators, unitNames, showDeleted)
  return {
    opd,
    opdOptions,
    periods,
    period,
    showDeleted,
    tree,
    loosePrograms,
    unplaced,
    deletedIndicators: indicators.filter((i) => i.deleted_at).map((i) => ({ ...leafOf(i), reason: i.deleted_reason, deletedAt: i.deleted_at })),
    units: units.map((u) => ({ id: u.id, label: u.name })),
    indicatorCount: indicators.filter((i) => !i.deleted_at).length,
  }
}
