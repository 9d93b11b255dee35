// Brings a database to a usable state: migrations, then (when asked) the Dumai demo.
import { createDatabase, type DB } from './db.server.js'
import { migrateToLatest } from './migrate.js'
import { demoLoginLines, seedDemo, type SeedReport } from '../seeds/demo.js'

export interface SetupReport {
  migrations: string[]
  seed: SeedReport | null
  /** Lines naming the demo logins, for the start-up banner (empty without the demo). */
  demoLogins: string[]
}

export async function setupDatabase(db: DB, opts: { demo: boolean }): Promise<SetupReport> {
  const migrations = await migrateToLatest(db)
  const seed = opts.demo ? await seedDemo(db) : null
  return { migrations, seed, demoLogins: opts.demo ? demoLoginLines() : [] }
}

/** Demo data on by default on the embedded SQLite; on MySQL only with SEED_DEMO=true. */
export function wantsDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SEED_DEMO === 'true' || env.SEED_DEMO === '1') return true
  if (env.SEED_DEMO === 'false' || env.SEED_DEMO === '0') return false
  return !env.DATABASE_URL || !/^mysql:/i.test(env.DATABASE_URL)
}

/**
 * The database handle migrations (and the demo seed) run with: DATABASE_MIGRATE_URL names an owner
 * account that may create, alter and drop tables and create triggers, so the app's own account
 * (DATABASE_URL) needs only SELECT, INSERT, UPDATE and DELETE. Without it, DATABASE_URL does both.
 */
export function openMigrationDatabase(env: NodeJS.ProcessEnv = process.env, appDb?: DB): { db: DB; close: () => Promise<void> } {
  const url = env.DATABASE_MIGRATE_URL?.trim()
  if (!url) {
    const db = appDb ?? createDatabase(env.DATABASE_URL)
    return { db, close: async () => (appDb ? undefined : db.destroy()) }
  }
  const db = createDatabase(url)
  return { db, close: () => db.destroy() }
}

/** An Indonesian hint for a migration refused for lack of privileges. */
export function migrationPrivilegeHint(error: unknown): string | null {
  const code = (error as { code?: string } | null)?.code ?? ''
  const errno = (error as { errno?: number } | null)?.errno ?? 0
  if (code === 'ER_BINLOG_CREATE_ROUTINE_NEED_SUPER' || errno === 1419) {
    return 'Server basis data menulis binary log: membuat trigger jejak audit butuh pengaturan server log_bin_trust_function_creators=1 (atau hak SUPER untuk akun pemilik). Lihat README, "Running on MySQL / MariaDB".'
  }
  if (/ACCESS_DENIED|TABLEACCESS_DENIED|SPECIFIC_ACCESS_DENIED/.test(code) || [1044, 1142, 1227].includes(errno)) {
    return 'Akun basis data aplikasi tidak berhak mengubah struktur tabel. Jalankan migrasi dengan akun pemilik: setel DATABASE_MIGRATE_URL (lihat README, "Running on MySQL / MariaDB").'
  }
  return null
}
