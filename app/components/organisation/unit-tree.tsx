// Admin › Organisasi: the organisation tree (units under their parents, active or not).
import { Link } from '@remix-run/react'
import { ColumnHeads, ACTIONS_HEAD } from '../data-table'

export interface UnitTreeRow {
  id: number
  depth: number
  code: string
  name: string
  kindLabel: string
  active: boolean
}

export function UnitTree({ tree, unitCount }: { tree: UnitTreeRow[]; unitCount: number }) {
  return (
    <section className="card" aria-labelledby="h-pohon">
      <h2 id="h-pohon">Pohon organisasi</h2>
      {tree.length === 0 ? (
        <div className="empty">
          <p>
            <strong>Belum ada OPD.</strong> Tambahkan OPD pertama dengan formulir <a href="#tambah-unit">Tambah unit</a> di bawah (jenis: OPD), atau jalankan{' '}
            <code>npm run setup</code> di server.
          </p>
        </div>
      ) : (
        <>
          {unitCount === 0 ? (
            <div className="banner banner-warn" role="note">
              Belum ada unit di bawah OPD. Tambahkan sekretariat dan bidang lewat <a href="#tambah-unit">Tambah unit</a>, atau{' '}
              <a href="#impor-organisasi">impor buku kerja organisasi</a>.
            </div>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Unit organisasi, tersusun menurut induknya</caption>
              <ColumnHeads labels={['Nama unit', 'Kode', 'Jenis', 'Status', ACTIONS_HEAD]} />
              <tbody>
                {tree.map((u) => (
                  <tr key={u.id} className={u.active ? undefined : 'admin-inactive'}>
                    <td>
                      <span style={{ paddingLeft: `${u.depth * 1.5}rem` }}>{u.name}</span>
                    </td>
                    <td>
                      <code>{u.code}</code>
                    </td>
                    <td>{u.kindLabel}</td>
                    <td>{u.active ? <span className="badge admin-badge-on">Aktif</span> : <span className="badge admin-badge-off">Nonaktif</span>}</td>
                    <td>
                      <Link to={`/admin/organisasi/${u.id}`} aria-label={`Kelola ${u.name}`}>
                        Kelola
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
