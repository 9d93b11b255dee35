// Roles and what each may do. Deny by default: a permission not listed is refused.
export const ROLES = ['admin', 'perencanaan', 'kepala_bidang', 'pimpinan', 'auditor'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  perencanaan: 'Subbagian Perencanaan',
  kepala_bidang: 'Kepala Bidang',
  pimpinan: 'Pimpinan',
  auditor: 'Auditor',
}

export const PERMISSIONS = [
  'dashboard:read', // beranda, drill-down, presentasi, API
  'realisasi:write', // own bidang's quarterly entries
  'realisasi:verify', // verify / return / unlock, close a quarter
  'renstra:manage', // tujuan, sasaran, program, indicators, targets, Renstra import
  'note:write', // meeting notes
  'export:read', // Excel exports
  'audit:read', // audit trail
  'users:manage',
  'settings:manage',
  'tokens:manage',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['dashboard:read', 'users:manage', 'settings:manage', 'tokens:manage', 'audit:read'],
  perencanaan: ['dashboard:read', 'realisasi:verify', 'renstra:manage', 'note:write', 'export:read', 'audit:read'],
  kepala_bidang: ['dashboard:read', 'realisasi:write', 'export:read'],
  pimpinan: ['dashboard:read', 'note:write', 'export:read'],
  auditor: ['dashboard:read', 'export:read', 'audit:read'],
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role]?.includes(permission) ?? false
}

export function permissionsOf(role: Role): Permission[] {
  return [...(GRANTS[role] ?? [])]
}

/** Only same-site relative paths: a single leading '/', no '//' or '/\\'. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f]/.test(to)) return fallback
  return to
}
