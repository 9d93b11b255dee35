// Brings a database to a usable state: migrations, then (when asked) the Dumai demo.
import type { DB } from './db.server.js'
import { migrateToLatest } from './migrate.js'
import { seedDemo, type SeedReport } from '../seeds/demo.js'

export interface SetupReport {
  migrations: string[]
  seed: SeedReport | null
}

export async function setupDatabase(db: DB, opts: { demo: boolean }): Promise<SetupReport> {
  const migrations = await migrateToLatest(db)
  const seed = opts.demo ? await seedDemo(db) : null
  return { migrations, seed }
}

/** Demo data on by default on the embedded SQLite; on MySQL only with SEED_DEMO=true. */
export function wantsDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SEED_DEMO === 'true' || env.SEED_DEMO === '1') return true
  if (env.SEED_DEMO === 'false' || env.SEED_DEMO === '0') return false
  return !env.DATABASE_URL || !/^mysql:/i.test(env.DATABASE_URL)
}
