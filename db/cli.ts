// Command line: npm run db:migrate | db:seed | user:create
//   npm run user:create -- --username admin --name "Nama Lengkap" [--role admin] [--unit KODE-UNIT]
//   The password is asked at the prompt (hidden) or read from the first line of standard input.
import readline from 'node:readline'
import { createDatabase, describeUrl } from './db.server.js'
import { writeTransaction } from './version.js'
import { migrateDownAll, migrateToLatest } from './migrate.js'
import { seedDemo } from '../seeds/demo.js'
import { hashPassword, passwordProblems } from '../app/utils/password.server.js'
import { nowUtc } from './time.js'

const ROLES = ['admin', 'perencanaan', 'kepala_bidang', 'pimpinan', 'auditor'] as const

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
  const where = describeUrl(process.env.DATABASE_URL)
  try {
    if (command === 'migrate') {
      const done = await migrateToLatest(db)
      console.log(`Migrasi (${where.dialect} ${where.target}): ${done.length ? done.join(', ') : 'sudah terbaru'}`)
    } else if (command === 'migrate:down') {
      console.log((await migrateDownAll(db)).join('\n') || 'tidak ada migrasi')
    } else if (command === 'seed') {
      await migrateToLatest(db)
      const r = await seedDemo(db)
      console.log(r.seeded ? `Data demo dimuat: ${r.indicators} indikator, ${r.realisasi} realisasi, ${r.users} pengguna.` : 'Data demo sudah ada; tidak ada yang diubah.')
    } else if (command === 'user:create') {
      await migrateToLatest(db)
      const username = arg('username')
      const fullName = arg('name') ?? username
      const role = (arg('role') ?? 'admin') as (typeof ROLES)[number]
      if (!username || !/^[a-z0-9._-]{3,60}$/i.test(username)) throw new Error('Nama pengguna wajib (--username), 3–60 huruf/angka/titik/garis.')
      if (!ROLES.includes(role)) throw new Error(`Peran tidak dikenal: ${role}. Pilihan: ${ROLES.join(', ')}`)
      let unitId: number | null = null
      const unitCode = arg('unit')
      if (unitCode) {
        const unit = await db.selectFrom('org_unit').select('id').where('code', '=', unitCode).executeTakeFirst()
        if (!unit) throw new Error(`Unit dengan kode ${unitCode} tidak ditemukan.`)
        unitId = unit.id
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
      await writeTransaction(db, async (trx) => {
        const r = await trx
          .insertInto('app_user')
          .values({ username, full_name: fullName!, password_hash: await hashPassword(password), role, unit_id: unitId, active: 1, created_at: now, updated_at: now, password_changed_at: now })
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('audit_log')
          .values({ occurred_at: now, actor_id: null, actor_username: 'cli', actor_role: null, opd_id: opdId, entity: 'user', entity_id: String(Number(r.insertId)), action: 'create', reason: 'Dibuat lewat npm run user:create', before_json: null, after_json: JSON.stringify({ username, full_name: fullName, role, unit_id: unitId }), request_id: null })
          .execute()
      })
      console.log(`Pengguna ${username} (${role}) dibuat.`)
    } else {
      console.log('Perintah: migrate | migrate:down | seed | user:create --username U --name "Nama" [--role admin] [--unit KODE]')
      process.exitCode = 2
    }
  } catch (e) {
    console.error(`Gagal: ${(e as Error).message}`)
    process.exitCode = 1
  } finally {
    await db.destroy()
  }
}

await main()
