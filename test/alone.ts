// Runs tests one at a time, each alone with `-t`, and reports those that fail alone (ADR 0027).
//   npm run test:alone -- test/integration/realisasi.test.ts [more files]
//   npm run test:alone -- --sample 10          (10 random tests across the integration project)
// TEST_MYSQL_URL is passed on, so each test runs alone on SQLite and, when set, on MariaDB too.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'

const args = process.argv.slice(2)
const sampleAt = args.indexOf('--sample')
const sample = sampleAt >= 0 ? Number(args[sampleAt + 1]) : 0
const files = args.filter((a, i) => (sampleAt < 0 || (i !== sampleAt && i !== sampleAt + 1)) && a.endsWith('.ts'))

/** The titles of a file's `it(...)` calls (literal first argument). */
function titles(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of src.matchAll(/\bit(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) out.push(m[2]!.replace(/\\(.)/g, '$1'))
  return out
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

let cases: { file: string; title: string }[] = []
const pool = files.length
  ? files
  : fs
      .readdirSync('test/integration')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join('test/integration', f))
for (const file of pool) for (const title of titles(file)) cases.push({ file, title })
if (sample > 0) cases = cases.sort(() => Math.random() - 0.5).slice(0, sample)

const failed: string[] = []
let passed = 0
for (const [i, c] of cases.entries()) {
  // -t matches "describe title + test title": anchor the test's own title at the end
  const r = spawnSync('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', c.file, '-t', `${escape(c.title)}$`], { encoding: 'utf8', env: process.env })
  const out = `${r.stdout}\n${r.stderr}`
  const ok = r.status === 0 && /Tests\s.*\d+ passed/.test(stripVTControlCharacters(out))
  if (ok) passed++
  else failed.push(`${c.file} › ${c.title}`)
  console.log(`${ok ? 'ok  ' : 'FAIL'} [${i + 1}/${cases.length}] ${c.file} › ${c.title}`)
}
console.log(`\n${passed} of ${cases.length} tests pass alone${failed.length ? `; failing alone:\n  ${failed.join('\n  ')}` : ''}`)
process.exit(failed.length ? 1 : 0)
