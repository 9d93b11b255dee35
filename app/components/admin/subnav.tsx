import { NavLink } from '@remix-run/react'

/** Links between the admin pages (the main nav has Pengguna and Pengaturan; Token API lives here). */
export function AdminSubnav() {
  return (
    <nav className="admin-subnav" aria-label="Menu administrasi">
      <NavLink to="/admin/organisasi">Organisasi</NavLink>
      <NavLink to="/admin/pengguna" end>
        Pengguna
      </NavLink>
      <NavLink to="/admin/pengaturan">Pengaturan</NavLink>
      <NavLink to="/admin/token">Token API</NavLink>
    </nav>
  )
}
