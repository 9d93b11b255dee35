// The Renstra tree of the kelola page: tujuan → sasaran → program → kegiatan → sub kegiatan, with the
// indicators hung where they belong, and small forms (in <details>, so they work without JavaScript)
// to add, rename, delete and restore each node.
import type { ReactNode } from 'react'
import { Form, Link } from '@remix-run/react'
import { CsrfInput } from '../csrf'
import { SelectField, TextAreaField, TextField } from './controls'
import { FormMessages } from '../form-result'
import { fieldError, typedValue, type FormResult } from '../../utils/forms'
import type { IndicatorLeaf, ProgramNode, SasaranNode, TujuanNode } from '../../presenters/renstra-kelola.server'
import { kelolaFormKey, PROGRAM_KIND_LABELS, type KelolaIntent, type ProgramKind } from '../../utils/renstra-fields'

export interface TreeContext {
  periodId: number
  /** `?opd=…` for city-level users (kept on every form action), else ''. */
  search: string
  closed: boolean
  units: { id: number; label: string }[]
  /** The kelola action's answer; each form shows it when its `intent` is the form's key. */
  answer: FormResult | undefined
  busyKey: string | null
}

type FieldName = 'code' | 'name' | 'unit_id' | 'reason'

interface NodeFormProps {
  ctx: TreeContext
  intent: KelolaIntent
  summary: string
  hidden: Record<string, string>
  fields: FieldName[]
  defaults?: Partial<Record<FieldName, string>>
  submit: string
  busyLabel: string
  danger?: boolean
  note?: string
  reasonRequired?: boolean
  reasonLabel?: string
}

/** One small form in a <details>; opened again, with what was typed and its problems, when refused. */
export function NodeForm(p: NodeFormProps) {
  const key = kelolaFormKey(p.intent, p.hidden)
  const a = p.ctx.answer
  const failed = a?.status === 'error' && a.intent === key
  const val = (f: FieldName) => typedValue(a, f, p.defaults?.[f] ?? '', key)
  const err = (f: FieldName) => fieldError(a, f, key)
  const prefix = key.replace(/[^A-Za-z0-9_-]/g, '-')
  const busy = p.ctx.busyKey === key
  return (
    <details className="renstra-details" open={failed}>
      <summary>{p.summary}</summary>
      <Form method="post" action={`/renstra/kelola${p.ctx.search}`} className="stack renstra-node-form" noValidate preventScrollReset>
        <CsrfInput />
        <input type="hidden" name="intent" value={p.intent} />
        {Object.entries(p.hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {failed ? <FormMessages result={a} intent={key} /> : null}
        {p.note ? <p className="muted renstra-hint">{p.note}</p> : null}
        {p.fields.includes('code') ? <TextField idPrefix={prefix} name="code" label="Kode" required defaultValue={val('code')} error={err('code')} maxLength={60} /> : null}
        {p.fields.includes('name') ? (
          <TextAreaField idPrefix={prefix} name="name" label="Nama" required defaultValue={val('name')} error={err('name')} maxLength={500} rows={2} />
        ) : null}
        {p.fields.includes('unit_id') ? (
          <SelectField
            idPrefix={prefix}
            name="unit_id"
            label="Unit pelaksana"
            defaultValue={val('unit_id')}
            error={err('unit_id')}
            options={p.ctx.units.map((u) => ({ value: String(u.id), label: u.label }))}
            emptyLabel="— tidak ditentukan —"
          />
        ) : null}
        {p.fields.includes('reason') ? (
          <TextAreaField
            idPrefix={prefix}
            name="reason"
            label={p.reasonLabel ?? 'Alasan (opsional)'}
            required={p.reasonRequired}
            defaultValue={val('reason')}
            error={err('reason')}
            maxLength={500}
            rows={2}
          />
        ) : null}
        <div>
          <button type="submit" className={`btn ${p.danger ? 'btn-danger' : 'btn-secondary'}`} disabled={busy}>
            {busy ? p.busyLabel : p.submit}
          </button>
        </div>
      </Form>
    </details>
  )
}

function NodeActions({
  ctx,
  entity,
  node,
  extra,
}: {
  ctx: TreeContext
  entity: 'tujuan' | 'sasaran' | 'program'
  node: { id: number; code: string; name: string; deleted: boolean; unitId?: number | null }
  extra?: ReactNode
}) {
  if (ctx.closed) return null
  if (node.deleted) {
    return (
      <div className="renstra-node-actions">
        <NodeForm
          ctx={ctx}
          intent={`${entity}.pulihkan` as const}
          summary="Pulihkan"
          hidden={{ id: String(node.id) }}
          fields={['reason']}
          submit="Pulihkan"
          busyLabel="Memulihkan…"
        />
      </div>
    )
  }
  return (
    <div className="renstra-node-actions">
      <NodeForm
        ctx={ctx}
        intent={`${entity}.ubah` as const}
        summary="Ubah"
        hidden={{ id: String(node.id), before_code: node.code, before_name: node.name }}
        fields={entity === 'program' ? ['code', 'name', 'unit_id'] : ['code', 'name']}
        defaults={{ code: node.code, name: node.name, unit_id: node.unitId == null ? '' : String(node.unitId) }}
        submit="Simpan"
        busyLabel="Menyimpan…"
      />
      {extra}
      <NodeForm
        ctx={ctx}
        intent={`${entity}.hapus` as const}
        summary="Hapus"
        hidden={{ id: String(node.id) }}
        fields={['reason']}
        submit="Hapus"
        busyLabel="Menghapus…"
        danger
        note="Hapus lunak: data tetap tersimpan dalam riwayat dan dapat dipulihkan. Hanya bisa bila tidak ada lagi turunan atau indikator aktif di bawahnya."
      />
    </div>
  )
}

function Leaves({ items }: { items: IndicatorLeaf[] }) {
  if (!items.length) return null
  return (
    <ul className="renstra-leaves">
      {items.map((i) => (
        <li key={i.id}>
          <Link to={`/renstra/indikator/${i.id}`}>
            <span className="renstra-code">{i.code}</span> {i.name}
          </Link>{' '}
          <span className="muted">
            · {i.unit} · {i.satuan}
          </span>
        </li>
      ))}
    </ul>
  )
}

function DeletedBadge({ show }: { show: boolean }) {
  return show ? <span className="badge renstra-deleted-badge">dihapus</span> : null
}

function addIndicatorHref(ctx: TreeContext, q: string) {
  return `/renstra/indikator/baru?periode=${ctx.periodId}&${q}`
}

function ProgramItem({ ctx, p }: { ctx: TreeContext; p: ProgramNode }) {
  const childKind: ProgramKind | null = p.kind === 'program' ? 'kegiatan' : p.kind === 'kegiatan' ? 'subkegiatan' : null
  return (
    <li className={p.deleted ? 'renstra-is-deleted' : undefined}>
      <div className="renstra-node">
        <span className="renstra-kind">{PROGRAM_KIND_LABELS[p.kind]}</span> <span className="renstra-code">{p.code}</span> {p.name}
        {p.unitName ? <span className="muted"> · {p.unitName}</span> : null} <DeletedBadge show={p.deleted} />
      </div>
      <NodeActions
        ctx={ctx}
        entity="program"
        node={p}
        extra={
          childKind && !p.deleted ? (
            <NodeForm
              ctx={ctx}
              intent="program.tambah"
              summary={`+ ${PROGRAM_KIND_LABELS[childKind]}`}
              hidden={{ parent_id: String(p.id) }}
              fields={['code', 'name', 'unit_id']}
              defaults={{ unit_id: p.unitId == null ? '' : String(p.unitId) }}
              submit={`Tambah ${PROGRAM_KIND_LABELS[childKind].toLowerCase()}`}
              busyLabel="Menambahkan…"
            />
          ) : null
        }
      />
      {p.children.length ? (
        <ul className="renstra-tree-level">
          {p.children.map((c) => (
            <ProgramItem key={c.id} ctx={ctx} p={c} />
          ))}
        </ul>
      ) : null}
      <Leaves items={p.indicators} />
      {!ctx.closed && !p.deleted ? (
        <Link className="renstra-add-link" to={addIndicatorHref(ctx, `program=${p.id}`)}>
          + Indikator untuk {p.code}
        </Link>
      ) : null}
    </li>
  )
}

function SasaranItem({ ctx, s }: { ctx: TreeContext; s: SasaranNode }) {
  return (
    <li className={s.deleted ? 'renstra-is-deleted' : undefined}>
      <div className="renstra-node renstra-node-sasaran">
        <span className="renstra-kind">Sasaran</span> <span className="renstra-code">{s.code}</span> {s.name} <DeletedBadge show={s.deleted} />
      </div>
      <NodeActions
        ctx={ctx}
        entity="sasaran"
        node={s}
        extra={
          !s.deleted ? (
            <NodeForm
              ctx={ctx}
              intent="program.tambah"
              summary="+ Program"
              hidden={{ sasaran_id: String(s.id) }}
              fields={['code', 'name', 'unit_id']}
              submit="Tambah program"
              busyLabel="Menambahkan…"
            />
          ) : null
        }
      />
      {s.programs.length ? (
        <ul className="renstra-tree-level">
          {s.programs.map((p) => (
            <ProgramItem key={p.id} ctx={ctx} p={p} />
          ))}
        </ul>
      ) : null}
      <Leaves items={s.indicators} />
      {!ctx.closed && !s.deleted ? (
        <Link className="renstra-add-link" to={addIndicatorHref(ctx, `sasaran=${s.id}`)}>
          + Indikator untuk sasaran {s.code}
        </Link>
      ) : null}
    </li>
  )
}

function TujuanItem({ ctx, t }: { ctx: TreeContext; t: TujuanNode }) {
  return (
    <li className={t.deleted ? 'renstra-is-deleted' : undefined}>
      <div className="renstra-node renstra-node-tujuan">
        <span className="renstra-kind">Tujuan</span> <span className="renstra-code">{t.code}</span> {t.name} <DeletedBadge show={t.deleted} />
      </div>
      <NodeActions
        ctx={ctx}
        entity="tujuan"
        node={t}
        extra={
          !t.deleted ? (
            <NodeForm
              ctx={ctx}
              intent="sasaran.tambah"
              summary="+ Sasaran"
              hidden={{ tujuan_id: String(t.id) }}
              fields={['code', 'name']}
              submit="Tambah sasaran"
              busyLabel="Menambahkan…"
            />
          ) : null
        }
      />
      {t.sasaran.length ? (
        <ol className="renstra-tree-level">
          {t.sasaran.map((s) => (
            <SasaranItem key={s.id} ctx={ctx} s={s} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}

export function RenstraTree({ ctx, tree, loosePrograms, unplaced }: { ctx: TreeContext; tree: TujuanNode[]; loosePrograms: ProgramNode[]; unplaced: IndicatorLeaf[] }) {
  return (
    <div className="renstra-tree">
      {tree.length === 0 ? <p className="empty">Belum ada tujuan pada periode ini.</p> : null}
      <ol className="renstra-tree-level">
        {tree.map((t) => (
          <TujuanItem key={t.id} ctx={ctx} t={t} />
        ))}
      </ol>
      {!ctx.closed ? (
        <NodeForm
          ctx={ctx}
          intent="tujuan.tambah"
          summary="+ Tambah tujuan"
          hidden={{ period_id: String(ctx.periodId) }}
          fields={['code', 'name']}
          submit="Tambah tujuan"
          busyLabel="Menambahkan…"
        />
      ) : null}
      {loosePrograms.length ? (
        <>
          <h3>Program/kegiatan tanpa sasaran</h3>
          <ul className="renstra-tree-level">
            {loosePrograms.map((p) => (
              <ProgramItem key={p.id} ctx={ctx} p={p} />
            ))}
          </ul>
        </>
      ) : null}
      {unplaced.length ? (
        <>
          <h3>Indikator tanpa sasaran</h3>
          <Leaves items={unplaced} />
        </>
      ) : null}
    </div>
  )
}
