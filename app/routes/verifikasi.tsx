import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect } from 'react'
import { clearKeptDrafts, KeptTextarea, useKeptScope } from '../components/kept-textarea'
import { getDb } from '../utils/db.server'
import { requireAction, requireUser } from '../services/auth.server'
import {
  closeQuarter,
  reopenQuarter,
  returnRealisasi,
  unlockRealisasi,
  verificationPageData,
  verifyRealisasi,
  type ReviewRowView,
  type RowConflict,
} from '../services/realisasi.server'
import { CsrfInput } from '../components/csrf'
import { PredikatBadge } from '../components/entry/live-capaian'
import { RouteError } from '../components/route-error'
import { formatValue } from '../domain/format'
import { AnggaranReview } from '../components/entry/anggaran-review'
import { anggaranReviewData } from '../services/budget/page-data.server'
import { returnAnggaran, verifyAnggaran } from '../services/budget/review-anggaran.server'
import styles from '../styles/entry.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction = () => [{ title: 'Verifikasi Realisasi — Dasbor Kinerja Strategi' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { permission: 'realisasi:verify' })
  const d = await verificationPageData(getDb(), user, new URL(request.url).searchParams)
  return { ...d, anggaran: await anggaranReviewData(getDb(), d.opdId, d.year, d.quarter) }
}

interface VerifActionData {
  ok: boolean
  message: string
  intent: string
  targetId: number | null
  problems: string[]
  conflicts: RowConflict[]
  values: { catatan?: string; alasan?: string }
}

const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '')
const int = (v: FormDataEntryValue | null): number | null => {
  const s = str(v).trim()
  return /^\d{1,9}$/.test(s) ? Number(s) : null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, { permission: 'realisasi:verify' })
  const db = getDb()
  const requestId = context?.requestId ?? null
  const intent = str(form.get('intent'))
  const id = int(form.get('id'))
  const version = int(form.get('version'))
  const reply = (r: { ok: boolean; message: string; status?: number; problems?: string[]; conflicts?: RowConflict[] }, values: VerifActionData['values'] = {}) => {
    const body: VerifActionData = { ok: r.ok, message: r.message, intent, targetId: id, problems: r.problems ?? [], conflicts: r.conflicts ?? [], values: r.ok ? {} : values }
    return data(body, { status: r.ok ? 200 : (r.status ?? 400) })
  }
  const needId = () => reply({ ok: false, message: 'Baris realisasi tidak dikenal.', status: 400 })

  switch (intent) {
    case 'verify':
      if (id == null) return needId()
      return reply(await verifyRealisasi(db, user, [{ id, version }], requestId))
    case 'verify_selected': {
      const items: { id: number; version: number | null }[] = []
      for (const v of form.getAll('pilih')) {
        const m = /^(\d{1,9}):(\d{1,9})$/.exec(str(v))
        if (!m) return reply({ ok: false, message: 'Pilihan baris tidak valid.', status: 400 })
        items.push({ id: Number(m[1]), version: Number(m[2]) })
      }
      if (!items.length) return reply({ ok: false, message: 'Pilih minimal satu baris berstatus Diajukan.', status: 400 })
      if (items.length > 500) return reply({ ok: false, message: 'Terlalu banyak baris dalam satu kiriman.', status: 400 })
      return reply(await verifyRealisasi(db, user, items, requestId))
    }
    case 'return': {
      if (id == null) return needId()
      const catatan = str(form.get('catatan'))
      return reply(await returnRealisasi(db, user, { id, version }, catatan, requestId), { catatan })
    }
    case 'unlock': {
      if (id == null) return needId()
      const alasan = str(form.get('alasan'))
      const ke = str(form.get('ke')) === 'dikembalikan' ? 'dikembalikan' : 'diajukan'
      return reply(await unlockRealisasi(db, user, { id, version }, alasan, ke, requestId), { alasan })
    }
    case 'close_quarter':
    case 'reopen_quarter': {
      const opdId = user.opdId ?? int(form.get('opd'))
      const tahun = int(form.get('tahun'))
      const triwulan = int(form.get('triwulan'))
      if (opdId == null || tahun == null || triwulan == null) return reply({ ok: false, message: 'Perangkat daerah, tahun atau triwulan tidak valid.', status: 400 })
      if (intent === 'close_quarter') return reply(await closeQuarter(db, user, opdId, tahun, triwulan, requestId))
      const alasan = str(form.get('alasan'))
      return reply(await reopenQuarter(db, user, opdId, tahun, triwulan, alasan, requestId), { alasan })
    }
    case 'anggaran_verify':
      if (id == null) return needId()
      return reply(await verifyAnggaran(db, user, [{ id, version }], requestId))
    case 'anggaran_return': {
      if (id == null) return needId()
      const catatan = str(form.get('catatan'))
      return reply(await returnAnggaran(db, user, { id, version }, catatan, requestId), { catatan })
    }
    default:
      return reply({ ok: false, message: 'Tindakan tidak dikenal.', status: 400 })
  }
}

function Evidence({ r }: { r: ReviewRowView }) {
  if (!r.row) return <span className="muted">–</span>
  return (
    <>
      {r.row.buktiText || <span className="muted">tanpa keterangan</span>}
      {r.row.buktiHref ? (
        <>
          {' '}
          <a href={r.row.buktiHref} target="_blank" rel="noopener noreferrer nofollow">
            tautan<span className="sr-only"> bukti {r.code}</span>
          </a>
        </>
      ) : null}
      {r.polaUkur === 'rilis' && r.row.valueShown !== '–' && !r.row.buktiText && !r.row.buktiHref ? <div className="field-error">Bukti rilis belum ada</div> : null}
    </>
  )
}

function RowActions({ r, a, busy }: { r: ReviewRowView; a: VerifActionData | undefined; busy: string | null }) {
  const row = r.row
  if (!row) return <span className="muted">belum diisi</span>
  const mine = a && !a.ok && a.targetId === row.id ? a : undefined
  const isBusy = (intent: string) => busy === `${intent}:${row.id}`
  if (row.status === 'diajukan') {
    return (
      <div className="verif-actions">
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="id" value={row.id} />
          <input type="hidden" name="version" value={row.version} />
          <button type="submit" name="intent" value="verify" className="btn" disabled={isBusy('verify')}>
            {isBusy('verify') ? 'Memverifikasi…' : 'Verifikasi'}
            <span className="sr-only"> {r.code}</span>
          </button>
        </Form>
        <details open={mine?.intent === 'return'}>
          <summary>Kembalikan…</summary>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="id" value={row.id} />
            <input type="hidden" name="version" value={row.version} />
            <label htmlFor={`catatan-${row.id}`}>Catatan untuk kepala bidang (wajib)</label>
            <KeptTextarea
              kept={{ area: 'verif', record: row.id, version: `${row.version}-kembalikan` }}
              id={`catatan-${row.id}`}
              name="catatan"
              required
              maxLength={2000}
              defaultValue={mine?.intent === 'return' ? (mine.values.catatan ?? '') : ''}
              aria-invalid={mine?.intent === 'return' ? true : undefined}
              aria-describedby={mine?.intent === 'return' ? `catatan-${row.id}-error` : undefined}
            />
            {mine?.intent === 'return' ? (
              <div className="field-error" id={`catatan-${row.id}-error`}>
                {mine.message}
              </div>
            ) : null}
            <button type="submit" name="intent" value="return" className="btn btn-danger" disabled={isBusy('return')}>
              {isBusy('return') ? 'Mengembalikan…' : 'Kembalikan'}
              <span className="sr-only"> {r.code}</span>
            </button>
          </Form>
        </details>
      </div>
    )
  }
  if (row.status === 'diverifikasi') {
    return (
      <div className="verif-actions">
        <details open={mine?.intent === 'unlock'}>
          <summary>Buka kunci…</summary>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="id" value={row.id} />
            <input type="hidden" name="version" value={row.version} />
            <label htmlFor={`alasan-${row.id}`}>Alasan membuka kunci (wajib)</label>
            <KeptTextarea
              kept={{ area: 'verif', record: row.id, version: `${row.version}-buka-kunci` }}
              id={`alasan-${row.id}`}
              name="alasan"
              required
              maxLength={2000}
              defaultValue={mine?.intent === 'unlock' ? (mine.values.alasan ?? '') : ''}
              aria-invalid={mine?.intent === 'unlock' ? true : undefined}
              aria-describedby={mine?.intent === 'unlock' ? `alasan-${row.id}-error` : undefined}
            />
            {mine?.intent === 'unlock' ? (
              <div className="field-error" id={`alasan-${row.id}-error`}>
                {mine.message}
              </div>
            ) : null}
            <label htmlFor={`ke-${row.id}`}>Status setelah dibuka</label>
            <select id={`ke-${row.id}`} name="ke" defaultValue="dikembalikan">
              <option value="dikembalikan">Dikembalikan ke kepala bidang (alasan menjadi catatan)</option>
              <option value="diajukan">Diajukan (diperiksa ulang oleh perencanaan)</option>
            </select>
            <button type="submit" name="intent" value="unlock" className="btn btn-danger" disabled={isBusy('unlock')}>
              {isBusy('unlock') ? 'Membuka…' : 'Buka kunci'}
              <span className="sr-only"> {r.code}</span>
            </button>
          </Form>
        </details>
      </div>
    )
  }
  return <span className="muted">{row.status === 'dikembalikan' ? 'menunggu perbaikan kepala bidang' : 'masih draf kepala bidang'}</span>
}

export default function VerifikasiPage() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>() as VerifActionData | undefined
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' ? `${navigation.formData?.get('intent') ?? ''}:${navigation.formData?.get('id') ?? ''}` : null
  const qs = (extra: Record<string, string | number>) => {
    const p = new URLSearchParams({ tahun: String(d.year), triwulan: String(d.quarter), ...(d.opdId && d.opds.length ? { opd: String(d.opdId) } : {}) })
    for (const [k, v] of Object.entries(extra)) p.set(k, String(v))
    return `?${p.toString()}`
  }
  const anySubmitted = d.bidang.some((b) => b.rows.some((r) => r.row?.status === 'diajukan'))
  // the server accepted a return or an unlock: its note no longer needs the copy on this device
  const keptScope = useKeptScope()
  useEffect(() => {
    if (a?.ok && a.targetId != null) clearKeptDrafts(keptScope, 'verif', a.targetId)
  }, [a, keptScope])

  return (
    <div>
      <h1>Verifikasi Realisasi — {d.quarterTitle}</h1>
      {d.notices.map((n) => (
        <div key={n} className="banner banner-warn" role="note">
          {n}
        </div>
      ))}

      <Form method="get" className="toolbar" aria-label="Pilih periode dan bidang">
        {d.opds.length > 1 ? (
          <div>
            <label htmlFor="f-opd">Perangkat daerah</label>
            <select id="f-opd" name="opd" defaultValue={d.opdId ?? ''}>
              {d.opds.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="f-tahun">Tahun</label>
          <input id="f-tahun" name="tahun" type="text" inputMode="numeric" maxLength={4} size={5} defaultValue={d.year} />
        </div>
        <div>
          <label htmlFor="f-tw">Triwulan</label>
          <select id="f-tw" name="triwulan" defaultValue={d.quarter}>
            <option value="1">TW I</option>
            <option value="2">TW II</option>
            <option value="3">TW III</option>
            <option value="4">TW IV</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-bidang">Bidang</label>
          <select id="f-bidang" name="bidang" defaultValue={d.bidangFilter ?? ''}>
            <option value="">Semua bidang</option>
            {d.allBidang.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">
          Tampilkan
        </button>
      </Form>

      {a ? (
        <div className={`banner ${a.ok ? 'banner-ok' : 'banner-error'}`} role={a.ok ? 'status' : 'alert'}>
          <strong>{a.message}</strong>
          {a.conflicts.length ? (
            <ul>
              {a.conflicts.map((c) => (
                <li key={c.indicatorId}>
                  {c.code}: {c.message}
                  {c.current.statusLabel ? ` — status sekarang: ${c.current.statusLabel}` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          {a.problems.length > 1 ? (
            <ul>
              {a.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <div className="grid grid-2">
        <section className="card" aria-labelledby="h-deadline">
          <h2 id="h-deadline">Batas waktu</h2>
          <p>
            Batas pengisian {d.quarterTitle}: <strong>{d.deadline.dueLabel}</strong> — <strong>{d.deadline.countdown}</strong>
          </p>
          {d.future ? <p className="muted">Triwulan ini belum dimulai.</p> : null}
        </section>
        <section className="card" aria-labelledby="h-closure">
          <h2 id="h-closure">Penutupan triwulan</h2>
          {d.closure ? (
            <>
              <p>
                Ditutup oleh {d.closure.by ?? 'perencanaan'} pada {d.closure.at}. Kepala bidang tidak dapat lagi mengisi; baris yang dikembalikan masih dapat diperbaiki.
              </p>
              <details open={a?.intent === 'reopen_quarter' && !a.ok}>
                <summary>Buka kembali triwulan…</summary>
                <Form method="post" className="stack">
                  <CsrfInput />
                  <input type="hidden" name="opd" value={d.opdId ?? ''} />
                  <input type="hidden" name="tahun" value={d.year} />
                  <input type="hidden" name="triwulan" value={d.quarter} />
                  <label htmlFor="alasan-buka">Alasan (wajib)</label>
                  <textarea id="alasan-buka" name="alasan" required maxLength={2000} defaultValue={a?.intent === 'reopen_quarter' ? (a.values.alasan ?? '') : ''} />
                  <button type="submit" name="intent" value="reopen_quarter" className="btn btn-secondary" disabled={busy === 'reopen_quarter:'}>
                    {busy === 'reopen_quarter:' ? 'Membuka…' : 'Buka kembali'}
                  </button>
                </Form>
              </details>
            </>
          ) : d.canClose ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="opd" value={d.opdId ?? ''} />
              <input type="hidden" name="tahun" value={d.year} />
              <input type="hidden" name="triwulan" value={d.quarter} />
              <p className="muted">Setelah ditutup, kepala bidang tidak dapat lagi mengisi realisasi {d.quarterTitle}.</p>
              <button type="submit" name="intent" value="close_quarter" className="btn btn-danger" disabled={busy === 'close_quarter:'}>
                {busy === 'close_quarter:' ? 'Menutup…' : `Tutup ${d.quarterTitle}`}
              </button>
            </Form>
          ) : (
            <p className="muted">Triwulan belum berakhir; dapat ditutup setelah berakhir.</p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="h-ringkasan">
        <h2 id="h-ringkasan">Ringkasan per bidang</h2>
        {d.bidang.length === 0 ? (
          <p className="empty">
            Tidak ada indikator pada periode ini. Tambahkan di <Link to="/renstra/kelola">Kelola Renstra</Link> atau impor di <Link to="/impor/renstra">Impor Renstra</Link>.
          </p>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table className="verif-summary">
              <thead>
                <tr>
                  <th scope="col">Bidang</th>
                  <th scope="col" className="num">Diajukan</th>
                  <th scope="col" className="num">Diverifikasi</th>
                  <th scope="col" className="num">Dikembalikan</th>
                  <th scope="col" className="num">Draf</th>
                  <th scope="col" className="num">Belum diisi</th>
                  <th scope="col" className="num">Terlambat</th>
                  <th scope="col">Belum diajukan</th>
                </tr>
              </thead>
              <tbody>
                {d.bidang.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      <Link to={qs({ bidang: b.id })}>{b.name}</Link>
                    </th>
                    <td className="num">{b.counts.diajukan}</td>
                    <td className="num">{b.counts.diverifikasi}</td>
                    <td className="num">{b.counts.dikembalikan}</td>
                    <td className="num">{b.counts.draft}</td>
                    <td className="num">{b.counts.belum}</td>
                    <td className="num">{b.counts.terlambat}</td>
                    <td>
                      {b.rows.filter((r) => r.notSubmitted).length ? (
                        <ul className="verif-missing">
                          {b.rows
                            .filter((r) => r.notSubmitted)
                            .map((r) => (
                              <li key={r.indicatorId}>
                                {r.code} {r.row?.status === 'draft' ? '(draf)' : r.row?.status === 'dikembalikan' ? '(dikembalikan)' : ''}
                                {d.pastDeadline ? <span className="badge entry-late">terlambat</span> : null}
                              </li>
                            ))}
                        </ul>
                      ) : (
                        <span className="muted">lengkap</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {anySubmitted ? (
        <Form method="post" id="verif-bulk" className="toolbar">
          <CsrfInput />
          <button type="submit" name="intent" value="verify_selected" className="btn" disabled={busy === 'verify_selected:'}>
            {busy === 'verify_selected:' ? 'Memverifikasi…' : 'Verifikasi baris yang dipilih'}
          </button>
          <span className="muted">Centang baris berstatus Diajukan di tabel di bawah.</span>
        </Form>
      ) : null}

      {d.bidang.map((b) => (
        <section key={b.id} className="card verif-bidang" aria-labelledby={`h-b-${b.id}`}>
          <h2 id={`h-b-${b.id}`}>
            {b.name} <span className="muted verif-note">{b.counts.diajukan} menunggu verifikasi</span>
          </h2>
          <div className="table-wrap" tabIndex={0}>
            <table className="verif-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">Pilih</span>
                  </th>
                  <th scope="col">Indikator</th>
                  <th scope="col" className="num">Target TW</th>
                  <th scope="col" className="num">Realisasi</th>
                  <th scope="col">Capaian</th>
                  <th scope="col">Bukti dukung</th>
                  <th scope="col">Kendala / tindak lanjut</th>
                  <th scope="col">Status</th>
                  <th scope="col">Tindakan</th>
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r) => (
                  <tr key={r.indicatorId} className={r.row ? `status-${r.row.status}` : undefined}>
                    <td>
                      {r.row?.status === 'diajukan' ? (
                        <input type="checkbox" form="verif-bulk" name="pilih" value={`${r.row.id}:${r.row.version}`} aria-label={`Pilih ${r.code}`} />
                      ) : null}
                    </td>
                    <td>
                      <strong>{r.code}</strong> {r.name}
                      <div className="muted verif-note">{r.satuan}</div>
                    </td>
                    <td className="num">{formatValue(r.targetQuarter)}</td>
                    <td className="num">{r.row ? r.row.valueShown : r.waitingRelease ? <span className="muted">menunggu rilis</span> : <span className="muted">belum diisi</span>}</td>
                    <td>
                      {r.capaian ? (
                        <>
                          {r.capaian.text} <PredikatBadge band={r.capaian.predikatKey ? { key: r.capaian.predikatKey, label: r.capaian.predikatLabel ?? '' } : null} />
                        </>
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                    <td>
                      <Evidence r={r} />
                    </td>
                    <td className="verif-note">
                      {r.row?.kendala ? (
                        <div>
                          <strong>Kendala:</strong> {r.row.kendala}
                        </div>
                      ) : null}
                      {r.row?.tindakLanjut ? (
                        <div>
                          <strong>Tindak lanjut:</strong> {r.row.tindakLanjut}
                        </div>
                      ) : null}
                      {r.row?.returnNote ? (
                        <div className="muted">
                          <strong>Catatan pengembalian:</strong> {r.row.returnNote}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {r.row ? <span className={`badge status-${r.row.status}`}>{r.row.statusLabel}</span> : null}
                      {r.row?.isLate ? <span className="badge entry-late">Terlambat</span> : null}
                      {r.row ? (
                        <div className="muted verif-note">
                          {r.row.enteredBy ?? '–'}, {r.row.enteredAt}
                          {r.row.verifiedAt ? (
                            <>
                              <br />
                              diverifikasi {r.row.verifiedBy ?? '–'}, {r.row.verifiedAt}
                            </>
                          ) : null}
                          <br />
                          <Link to={`/realisasi/${r.row.id}/riwayat`}>
                            Riwayat<span className="sr-only"> {r.code}</span>
                          </Link>
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <RowActions r={r} a={a} busy={busy} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <AnggaranReview lines={d.anggaran} quarterTitle={d.quarterTitle} />
    </div>
  )
}

export function ErrorBoundary() {
  return <RouteError />
}
