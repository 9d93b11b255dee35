// App-side entry to the database module (the `.server` name keeps it out of the browser bundle).
export { getDb, setDb, createDatabase, dialectOf } from '../../db/db.server'
export type { DB, Trx, Executor, DialectName } from '../../db/db.server'
export { writeTransaction, bumpDataVersion, readDataVersion, hasRaisedVersion, scopeOfOpds, type WriteScope } from '../../db/version'
