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

/** A test as found in the source: its title, and the `-t` pattern that selects it. */
interface Case {
  file: string
  title: string
  /** Anchored at the end: -t matches "describe titles + test title". */
  pattern: string
  /** True when the pattern stands for several tests (a template title or an it.each/for table). */
  group: boolean
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The `it(...)` calls of a file (literal first argument). A template title with `${…}` cannot be
 * matched literally: its literal pieces are kept and each `${…}` becomes `.*`, so the pattern runs
 * every test the template produces (e.g. one per route in a for loop) in one process, apart from the
 * file's other tests. The same goes for `it.each` / `it.for` titles with `%s` or `$name` slots.
 */
function casesOf(file: string): Case[] {
  const src = fs.readFileSync(file, 'utf8')
  const out: Case[] = []
  const re = /\bit(\.each|\.for|\.runIf|\.skipIf)?(?:\(\s*(?:\[[^\]]*\]|[^()]+)\s*\))?\(\s*(['"`])((?:\\.|(?!\2)[\s\S])*?)\2/g
  for (const m of src.matchAll(re)) {
    const raw = m[3]!
    const quote = m[2]!
    const table = m[1] === '.each' || m[1] === '.for'
    const slots = quote === '`' && raw.includes('${')
    if (!slots && !table) {
      const title = raw.replace(/\\(.)/g, '$1')
      out.push({ file, title, pattern: `${escape(title)}$`, group: false })
      continue
    }
    const pieces = (slots ? raw.split(/\$\{(?:[^{}]|\{[^{}]*\})*\}/) : [raw]).flatMap((p) => (table ? p.split(/%[sdifjoO#%]|\$[\w.]+/) : [p]))
    const literal = pieces.map((p) => p.replace(/\\(.)/g, '$1'))
    out.push({ file, title: literal.join('…'), pattern: `${literal.map(escape).join('.*')}$`, group: true })
  }
  return out
}

let cases: Case[] = []
const pool = files.length
  ? files
  : fs
      .readdirSync('test/integration')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join('test/integration', f))
for (const file of pool) cases.push(...casesOf(file))
if (sample > 0) cases = cases.sort(() => Math.random() - 0.5).slice(0, sample)

/** The counts on vitest's summary line ("Tests  2 failed | 3 passed | 40 skipped (45)"). */
function counts(out: string): { passed: number; failed: number; skipped: number } {
  const line = stripVTControlCharacters(out)
    .split('\n')
    .find((l) => /^\s*Tests\s/.test(l))
  const n = (word: string) => Number(line?.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0)
  return { passed: n('passed'), failed: n('failed'), skipped: n('skipped') + n('todo') }
}

const failed: string[] = []
const unmatched: string[] = []
let passed = 0
for (const [i, c] of cases.entries()) {
  const r = spawnSync('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', c.file, '-t', c.pattern], { encoding: 'utf8', env: process.env })
  const n = counts(`${r.stdout}\n${r.stderr}`)
  // a run in which no test executed proves nothing: it is "not matched", never "ok"
  const verdict = n.failed > 0 || (r.status !== 0 && n.passed > 0) ? 'FAIL' : n.passed === 0 ? 'NONE' : r.status === 0 ? 'ok  ' : 'FAIL'
  const name = `${c.file} › ${c.title}${c.group ? ` (${n.passed + n.failed} tests by pattern)` : ''}`
  if (verdict === 'ok  ') passed++
  else if (verdict === 'NONE') unmatched.push(`${name} (exit ${r.status})`)
  else failed.push(name)
  console.log(`${verdict} [${i + 1}/${cases.length}] ${name}`)
}
const lines = [`\n${passed} of ${cases.length} tests pass alone`]
if (failed.length) lines.push(`failing alone (${failed.length}):\n  ${failed.join('\n  ')}`)
if (unmatched.length) lines.push(`not matched — no test ran (${unmatched.length}):\n  ${unmatched.join('\n  ')}`)
console.log(lines.join('\n'))
process.exit(failed.length || unmatched.length ? 1 : 0)
