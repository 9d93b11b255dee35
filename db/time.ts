// One timestamp format for both databases: UTC 'YYYY-MM-DD HH:MM:SS.mmm'.
// SQLite stores it as text; MySQL/MariaDB as DATETIME(3) read back with dateStrings.

export function toDbTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '')
}

export function nowUtc(): string {
  return toDbTime(new Date())
}

/** Parses a stored timestamp (with or without milliseconds) as UTC. */
export function fromDbTime(value: string | Date | null | undefined): Date | null {
  if (value == null || value === '') return null
  if (value instanceof Date) return value
  const iso = value.includes('T') ? value : value.replace(' ', 'T')
  const d = new Date(iso.endsWith('Z') ? iso : `${iso}Z`)
  return Number.isNaN(d.getTime()) ? null : d
}
