// Command line: npm run db:migrate | db:seed | user:create | setup
//   npm run setup -- --opd-code KODE --opd-name "Nama OPD" --admin-username U --admin-name "Nama" [--add-opd]
//     [--opd-short-name "Singkatan"] [--city "Kota"]; the admin's password from the first line of stdin.
//   npm run user:create -- --username admin --name "Nama Lengkap" [--role admin] [--unit KODE-UNIT]
//   The password is asked at the prompt (hidden) or read from the first line of standard input.
import readline from 'node:readline'
import { createDatabase, describeUrl } from './db.server.js'
import { writeTransaction } from './version.js'
import { migrateDownAll, migrateToLatest } from './migrate.js'
import { migrationPrivilegeHint, openMigrationDatabase } from './setup.js'
import { seedDemo } from '../seeds/demo.js'
import { hashPassword, passwordProblems } from '../app/utils/password.server.js'
import { nowUtc } from './time.js'
import { countOpd } from '../app/models/organisation.server.js'
import { setupArgumentProblems, setupFirstOpd } from '../app/services/organisation/setup-first-opd.server.js'

const ROLES = ['admin', 'perencanaan', 'kepala_bidang', 'pimpinan', 'auditor'] as const

const flag = (name: string) => process.argv.includes(`--${name}`)

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = readline.createInterface({ input: process.stdin })
    for await (const line of rl) {
      rl.close()
      return line
    }
    return ''
  }
  process.stdout.write(prompt)
  return new Promise((resolve) => {
    const stdin = process.stdin
    stdin.setRawMode(true)
    stdin.resume()
    let value = ''
    stdin.on('data', function onData(buf) {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false)
          stdin.pause()
          stdin.off('data', onData)
          process.stdout.write('\n')
          return resolve(value)
        }
        if (ch === '\u0003') process.exit(130)
        if (ch === '\u007f') value = value.slice(0, -1)
        else value += ch
      }
    })
  })
}

async function main() {
  const command = process.argv[2]
  const db = createDatabase()
  /** Runs schema work with the owner account (DATABASE_MIGRATE_URL) when one is configured. */
  const withOwner = async <T>(fn: (owner: typeof db) => Promise<T>): Promise<T> => {
    const owner = openMigrationDatabase(process.env, db)
    try {
      return await fn(owner.db)
    } catch (e) {
      const hint = migrationPrivilegeHint(e)
      throw hint ? new Error(`${(e as Error).message}\n${hint}`) : e
    } finally {
      await owner.close()
    }
  }
  const where = describeUrl(process.env.DATABASE_URL)
  try {
    if (command === 'migrate') {
      const done = await withOwner((owner) => migrateToLatest(owner))
      console.log(`Migrasi (${where.dialect} ${where.target}): ${done.length ? done.join(', ') : 'sudah terbaru'}`)
    } else if (command === 'migrate:down') {
      // Drops every table: only on purpose, never in production.
      if (!process.argv.includes('--hapus-semua-data')) {
        throw new Error('migrate:down menghapus SEMUA tabel dan data. Jika memang itu maksudnya (basis data uji), ulangi dengan --hapus-semua-data.')
      }
      if (process.env.NODE_ENV === 'production') throw new Error('migrate:down ditolak saat NODE_ENV=production.')
      console.log((await withOwner((owner) => migrateDownAll(owner))).join('\n') || 'tidak ada migrasi')
    } else if (command === 'seed') {
      await withOwner((owner) => migrateToLatest(owner))
      const r = await seedDemo(db)
      console.log(r.seeded ? `Data demo dimuat: ${r.indicators} indikator, ${r.realisasi} realisasi, ${r.users} pengguna.` : 'Data demo sudah ada; tidak ada yang diubah.')
    } else if (command === 'user:create') {
      await withOwner((owner) => migrateToLatest(owner))
      const username = arg('username')
      const fullName = arg('name') ?? username
      const role = (arg('role') ?? 'admin') as (typeof ROLES)[number]
      if (!username || !/^[a-z0-9._-]{3,60}$/i.test(username)) throw new Error('Nama pengguna wajib (--username), 3–60 huruf/angka/titik/garis.')
      if (!ROLES.includes(role)) throw new Error(`Peran tidak dikenal: ${role}. Pilihan: ${ROLES.join(', ')}`)
      let unitId: number | null = null
      const unitCode = arg('unit')
      if (unitCode) {
        // codes are unique within one OPD (migration 0006): a code used in two OPD is ambiguous here
        const units = await db.selectFrom('org_unit').select('id').where('code', '=', unitCode).where('active', '=', 1).execute()
        if (units.length === 0) throw new Error(`Unit aktif dengan kode ${unitCode} tidak ditemukan.`)
        if (units.length > 1) throw new Error(`Kode unit ${unitCode} dipakai di ${units.length} OPD; buat pengguna ini di halaman Admin › Pengguna.`)
        unitId = units[0]!.id
      }
      if (role === 'kepala_bidang' && !unitId) throw new Error('Kepala bidang wajib punya unit (--unit KODE).')
      // the audit row carries the account's OPD (walk up from the unit; none = city level)
      let opdId: number | null = null
      for (let id = unitId, i = 0; id != null && i < 10; i++) {
        const u = await db.selectFrom('org_unit').select(['id', 'kind', 'parent_id']).where('id', '=', id).executeTakeFirst()
        if (!u) break
        if (u.kind === 'opd' || u.parent_id == null) {
          opdId = u.id
          break
        }
        id = u.parent_id
      }
      const exists = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()
      if (exists) throw new Error(`Pengguna ${username} sudah ada.`)
      const password = await readPassword('Kata sandi: ')
      const problems = passwordProblems(password, username)
      if (problems.length) throw new Error(problems.join(' '))
      const now = nowUtc()
      await writeTransaction(db, 'city', async (trx) => {
        const r = await trx
          .insertInto('app_user')
          .values({
            username,
            full_name: fullName!,
            password_hash: await hashPassword(password),
            role,
            unit_id: unitId,
            active: 1,
            created_at: now,
            updated_at: now,
            password_changed_at: now,
          })
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('audit_log')
          .values({
            occurred_at: now,
            actor_id: null,
            actor_username: 'cli',
            actor_role: null,
            opd_id: opdId,
            entity: 'user',
            entity_id: String(Number(r.insertId)),
            action: 'create',
            reason: 'Dibuat lewat npm run user:create',
            before_json: null,
            after_json: JSON.stringify({ username, full_name: fullName, role, unit_id: unitId }),
            request_id: null,
          })
          .execute()
      })
      console.log(`Pengguna ${username} (${role}) dibuat.`)
    } else if (command === 'setup') {
      await setup(db, where)
    } else {
      console.log(
        'Perintah: setup --opd-code KODE --opd-name "Nama OPD" --admin-username U --admin-name "Nama" [--add-opd] | migrate | migrate:down --hapus-semua-data | seed | user:create --username U --name "Nama" [--role admin] [--unit KODE]',
      )
      process.exitCode = 2
    }
  } catch (e) {
    console.error(`Gagal: ${(e as Error).message}`)
    process.exitCode = 1
  } finally {
    await db.destroy()
  }
}

/** npm run setup: migrations, then the first OPD and its admin, then what to do next. */
async function setup(db: ReturnType<typeof createDatabase>, where: { dialect: string; target: string }) {
  const done = await migrateToLatest(db)
  console.log(`Migrasi (${where.dialect} ${where.target}): ${done.length ? done.join(', ') : 'sudah terbaru'}`)
  const input = {
    opdCode: arg('opd-code') ?? '',
    opdName: arg('opd-name') ?? '',
    opdShortName: arg('opd-short-name'),
    city: arg('city'),
    adminUsername: (arg('admin-username') ?? '').toLowerCase(),
    adminName: arg('admin-name') ?? '',
    addOpd: flag('add-opd'),
  }
  const problems = setupArgumentProblems(input)
  if (problems.length) throw new Error(`argumen tidak lengkap atau tidak sah:\n  - ${problems.join('\n  - ')}`)
  const existing = await countOpd(db)
  if (existing > 0 && !input.addOpd) {
    throw new Error(
      `basis data ini sudah berisi ${existing} OPD; tidak ada yang diubah. Untuk menambah OPD lain jalankan lagi dengan --add-opd, atau tambahkan lewat halaman Admin › Organisasi.`,
    )
  }
  const password = await readPassword(`Kata sandi untuk ${input.adminUsername}: `)
  const result = await setupFirstOpd(db, { ...input, password })
  if (!result.ok) throw new Error(result.problems.join('\n  '))
  console.log(
    [
      `OPD "${input.opdName.trim()}" (kode ${input.opdCode.trim()}) dan admin ${input.adminUsername} dibuat.`,
      '',
      'Langkah berikutnya:',
      '  1. Jalankan aplikasi: npm run build, lalu npm start dengan DATABASE_URL yang sama, NODE_ENV=production,',
      '     SESSION_SECRET terisi dan SEED_DEMO=false (tanpa itu SQLite memuat data demo Dumai).',
      `  2. Masuk sebagai ${input.adminUsername} di /login dengan kata sandi yang baru Anda ketik.`,
      '  3. Buka Admin › Organisasi (/admin/organisasi): unduh templat organisasi dan pengguna, isi unit dan pengguna,',
      '     unggah, periksa pratinjau, lalu simpan. Kata sandi awal pengguna tampil sekali setelah disimpan.',
      '  4. Pengguna perencanaan lalu menyusun Renstra di /renstra/kelola atau mengimpornya di /impor/renstra.',
      `  Untuk OPD berikutnya: npm run setup -- --add-opd --opd-code ... (atau admin tingkat kota di /admin/organisasi).`,
    ].join('\n'),
  )
}

await main()
