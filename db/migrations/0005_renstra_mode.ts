// Renstra mode per indicator (domain §4): how the Renstra-to-date value (E.81 columns 13–14) is
// read against the end-of-period target — `akumulasi` (the sum over the period) or `tahun_akhir`
// (the latest year's value, a level to reach by the final year). Nullable: null means the default
// of the pola ukur (akumulasi for kumulatif, tahun_akhir for the others), which existing rows get
// written out explicitly here. Frozen in time: never import app code here.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('indicator')
    .addColumn('renstra_mode', 'varchar(20)', (c) => c.check(sql`renstra_mode in ('akumulasi', 'tahun_akhir')`))
    .execute()
  await db
    .updateTable('indicator')
    .set({ renstra_mode: sql`case when pola_ukur = 'kumulatif' then 'akumulasi' else 'tahun_akhir' end` })
    .where('renstra_mode', 'is', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicator').dropColumn('renstra_mode').execute()
}
