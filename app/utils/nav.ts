// The main navigation: each entry shows only to roles holding its permission.
import { can, type Permission } from './permissions'

export interface NavItem {
  to: string
  label: string
  permission: Permission
  /** Only for city-level accounts (no OPD: Bappeda, the city admin). */
  cityOnly?: boolean
}

/** The entries a user sees: his role holds the permission, and city-only entries need a city-level account. */
export function navFor(user: { role: Parameters<typeof can>[0]; cityLevel: boolean }): NavItem[] {
  return NAV.filter((n) => can(user.role, n.permission) && (!n.cityOnly || user.cityLevel))
}

export const NAV: NavItem[] = [
  { to: '/', label: 'Beranda', permission: 'dashboard:read' },
  { to: '/kota', label: 'Kota', permission: 'dashboard:read', cityOnly: true },
  { to: '/perlu-perhatian', label: 'Perlu Perhatian', permission: 'dashboard:read' },
  { to: '/aksi', label: 'Rencana Aksi', permission: 'dashboard:read' },
  { to: '/renstra', label: 'Renstra & IKU', permission: 'dashboard:read' },
  { to: '/realisasi', label: 'Input Realisasi', permission: 'realisasi:write' },
  { to: '/verifikasi', label: 'Verifikasi', permission: 'realisasi:verify' },
  { to: '/laporan', label: 'Laporan Excel', permission: 'export:read' },
  { to: '/presentasi', label: 'Presentasi', permission: 'dashboard:read' },
  { to: '/audit', label: 'Jejak Audit', permission: 'audit:read' },
  { to: '/admin/pengguna', label: 'Pengguna', permission: 'users:manage' },
  { to: '/admin/pengaturan', label: 'Pengaturan', permission: 'settings:manage' },
]
