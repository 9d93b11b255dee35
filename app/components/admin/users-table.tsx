// The account list of /admin/pengguna.
import { Link } from '@remix-run/react'
import { ColumnHeads, ACTIONS_HEAD } from '../data-table'

export interface UserListRow {
  id: number
  username: string
  fullName: string
  roleLabel: string
  unitName: string | null
  active: boolean
  passwordChangedAtText: string
}

export function UsersTable({ users, meId }: { users: UserListRow[]; meId: number }) {
  return (
    <div className="table-wrap card" tabIndex={0}>
      <table>
        <caption className="sr-only">Daftar pengguna</caption>
        <ColumnHeads labels={['Nama pengguna', 'Nama lengkap', 'Peran', 'Unit kerja', 'Status', 'Kata sandi diganti', ACTIONS_HEAD]} />
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.active ? undefined : 'admin-inactive'}>
              <td>
                {u.username}
                {u.id === meId ? <span className="muted"> (Anda)</span> : null}
              </td>
              <td>{u.fullName}</td>
              <td>{u.roleLabel}</td>
              <td>{u.unitName ?? <span className="muted">Tingkat kota</span>}</td>
              <td>{u.active ? <span className="badge admin-badge-on">Aktif</span> : <span className="badge admin-badge-off">Nonaktif</span>}</td>
              <td>{u.passwordChangedAtText}</td>
              <td>
                <Link to={`/admin/pengguna/${u.id}`} aria-label={`Kelola ${u.username}`}>
                  Kelola
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
