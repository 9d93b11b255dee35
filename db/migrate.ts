import { Migrator, type Kysely, type MigrationResultSet } from 'kysely'
import { migrations } from './migrations/index.js'

function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

function check(result: MigrationResultSet): string[] {
  if (result.error) throw result.error
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => `${r.direction} ${r.migrationName}`)
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return check(await migrator(db).migrateToLatest())
}

/** Rolls every migration back (tests; never run on production data). */
export async function migrateDownAll(db: Kysely<any>): Promise<string[]> {
  const m = migrator(db)
  const done: string[] = []
  for (;;) {
    const result = await m.migrateDown()
    const steps = check(result)
    if (steps.length === 0) break
    done.push(...steps)
  }
  return done
}
