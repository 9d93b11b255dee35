// The data versions (table data_version, db/version.ts) as rows, for views that key a cache per OPD.
import type { Executor } from '../utils/db.server'

/** Every data_version row: id (0 = city-wide, else an OPD's org_unit id) and version (MariaDB may return BIGINT as text). */
export async function listDataVersions(db: Executor) {
  return db.selectFrom('data_version').select(['id', 'version']).execute()
}
