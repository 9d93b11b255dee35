// Benchmarks of the served app (HTTP load, exports, imports, browser vitals) are added here.
import type { DB } from '../../db/db.server.js'
import type { Row } from './run.js'

export async function extraBenchmarks(_ctx: { dbUrl: string; db: DB; rows: Row[] }): Promise<void> {}
