// The shape of the code (ADR 0025), checked: imports run one way, modules and functions stay
// readable in one sitting. A new exception needs its line in ALLOWED_* below and an ADR saying why.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const APP = join(ROOT, 'app')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    if (statSync(p).isDirectory()) return walk(p)
    return /\.(ts|tsx)$/.test(n) && !n.endsWith('.d.ts') ? [p] : []
  })
}

const FILES = walk(APP)
const rel = (p: string) => relative(ROOT, p).split('\\').join('/')

/** Layers from the top; a file may import its own layer or any layer below it. */
const LAYERS = ['routes', 'root', 'components', 'presenters', 'services', 'models', 'utils', 'domain'] as const
type Layer = (typeof LAYERS)[number] | 'entry' | 'cli' | 'db'

function layerOf(file: string): Layer {
  const r = rel(file)
  if (r.startsWith('db/')) return 'db'
  const top = r.split('/')[1]!
  if (top === 'root.tsx') return 'root'
  if (['entry.server.tsx', 'entry.client.tsx', 'server.ts'].includes(top)) return 'entry'
  if (top === 'cli') return 'cli'
  return (LAYERS as readonly string[]).includes(top) ? (top as Layer) : 'utils'
}

/** Which layers each layer may import (runtime and type imports alike). */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  entry: ['entry', 'root', 'routes', 'components', 'presenters', 'services', 'models', 'utils', 'domain', 'db'],
  cli: ['cli', 'services', 'models', 'utils', 'domain', 'db'],
  routes: ['routes', 'components', 'presenters', 'services', 'models', 'utils', 'domain', 'db'],
  root: ['components', 'presenters', 'services', 'models', 'utils', 'domain', 'db'],
  components: ['components', 'utils', 'domain'],
  presenters: ['presenters', 'services', 'models', 'utils', 'domain', 'db'],
  services: ['services', 'presenters', 'models', 'utils', 'domain', 'db'],
  models: ['models', 'utils', 'domain', 'db'],
  utils: ['utils', 'domain', 'db'],
  domain: ['domain'],
  db: ['db'],
}

/**
 * The one known exception: the chart images drawn on the server render the Recharts components
 * (they are view code that presenters and the Excel export call); ADR 0025.
 */
const ALLOWED_UPWARD = new Set<string>([])

/** The relative imports of a file; `typeOnly` when nothing of it exists at run time. */
function importsOf(file: string): { spec: string; line: number; typeOnly: boolean }[] {
  const src = readFileSync(file, 'utf8')
  const out: { spec: string; line: number; typeOnly: boolean }[] = []
  const re = /(?:^|\n)\s*(import|export)\s([^'"]*?)from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const clause = (m[2] ?? '').trim()
    const names = /^\{([\s\S]*)\}$/
      .exec(clause)?.[1]
      ?.split(',')
      .map((n) => n.trim())
      .filter(Boolean)
    const typeOnly = clause.startsWith('type ') || (names !== undefined && names.length > 0 && names.every((n) => n.startsWith('type ')))
    out.push({ spec: (m[3] ?? m[4])!, line: src.slice(0, m.index).split('\n').length, typeOnly })
  }
  return out
}

/** The size an exception was recorded at ("ADR 0034 (431 lines)"): it may shrink, never grow. */
const allowedLines = (entry: string | undefined) => Number(/\((\d+) lines\)/.exec(entry ?? '')?.[1] ?? 0)

describe('the shape of the code', () => {
  it('imports run one way: no runtime import from a layer above, and no app code imports seeds/', () => {
    const wrong: string[] = []
    for (const file of FILES) {
      const from = layerOf(file)
      for (const { spec, line, typeOnly } of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = resolve(dirname(file), spec)
        const t = rel(target)
        if (t.startsWith('seeds/')) {
          wrong.push(`${rel(file)}:${line} imports ${spec} (seeds/ is the demo, not app code)`)
          continue
        }
        // a type-only import leaves nothing at run time (a view's props typed by its loader's data)
        if (typeOnly || (!t.startsWith('app/') && !t.startsWith('db/'))) continue
        const to = layerOf(target)
        if (!MAY_IMPORT[from].includes(to) && !ALLOWED_UPWARD.has(`${rel(file)} -> ${t}`)) wrong.push(`${rel(file)}:${line} (${from}) imports ${spec} (${to})`)
      }
    }
    expect(wrong).toEqual([])
  }, 60_000)

  /** Modules over 400 lines, each with the ADR that says why ("path": 'ADR NNNN (N lines)'). Empty since ADR 0034's third pass. */
  const ALLOWED_LONG_MODULES: Record<string, string> = {}

  it('modules stay within 400 lines', () => {
    const long = FILES.map((f) => ({ f: rel(f), n: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.n > 400 && !(x.n <= allowedLines(ALLOWED_LONG_MODULES[x.f])))
      .map((x) => `${x.f}: ${x.n} lines`)
    expect(long).toEqual([])
  }, 60_000)

  /** Functions over 80 lines, each with the ADR that says why ("file:function"). Empty since ADR 0034's third pass. */
  const ALLOWED_LONG_FUNCTIONS: Record<string, string> = {}

  it('functions stay within 80 lines', () => {
    const long: string[] = []
    for (const file of FILES) {
      const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
      const visit = (node: ts.Node, owner: string) => {
        let name = owner
        if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) name = node.name?.getText(src) ?? owner
        else if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent)) name = node.parent.name.getText(src)
        const isFn = ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)
        if (isFn && name) {
          const lines = src.getLineAndCharacterOfPosition(node.getEnd()).line - src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1
          const key = `${rel(file)}:${name}`
          if (lines > 80 && !(lines <= allowedLines(ALLOWED_LONG_FUNCTIONS[key])) && (name !== owner || !ts.isArrowFunction(node))) long.push(`${key}: ${lines} lines`)
        }
        ts.forEachChild(node, (c) => visit(c, isFn ? name : owner))
      }
      visit(src, '')
    }
    expect(long).toEqual([])
  }, 60_000)

  /**
   * Code that runs in the browser (components, and a route's views, meta and links) may not use a
   * value from a `.server` module: the browser build drops those modules and the name is undefined
   * there, so the page renders on the server and then fails on hydration ("… is not a function").
   */
  it('browser code uses nothing from a .server module at run time', () => {
    const wrong: string[] = []
    for (const file of FILES) {
      const r = rel(file)
      const layer = layerOf(file)
      if (!['components', 'routes', 'root'].includes(layer) || r.includes('.server.')) continue
      const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
      const serverNames = new Set<string>()
      for (const st of src.statements) {
        if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !/\.server(\.[jt]sx?)?$/.test(st.moduleSpecifier.text)) continue
        const clause = st.importClause
        if (!clause || clause.isTypeOnly) continue
        if (clause.name) serverNames.add(clause.name.text)
        const nb = clause.namedBindings
        if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (!el.isTypeOnly) serverNames.add(el.name.text)
        if (nb && ts.isNamespaceImport(nb)) serverNames.add(nb.name.text)
      }
      if (!serverNames.size) continue
      if (layer === 'components') {
        wrong.push(...[...serverNames].map((n) => `${r} imports ${n} from a .server module`))
        continue
      }
      // in a route: any function or top-level value that draws JSX, and meta / links / handle
      const hasJsx = (n: ts.Node): boolean => ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n) || (ts.forEachChild(n, hasJsx) ?? false)
      const browserParts: ts.Node[] = []
      for (const st of src.statements) {
        const name = ts.isFunctionDeclaration(st) ? st.name?.text : ts.isVariableStatement(st) ? st.declarationList.declarations[0]?.name.getText(src) : undefined
        if (!name || name === 'loader' || name === 'action' || name === 'headers') continue
        if (['meta', 'links', 'handle', 'shouldRevalidate'].includes(name) || hasJsx(st)) browserParts.push(st)
      }
      const visit = (n: ts.Node) => {
        if (
          ts.isIdentifier(n) &&
          serverNames.has(n.text) &&
          !ts.isImportSpecifier(n.parent) &&
          !ts.isJsxAttribute(n.parent) &&
          !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) &&
          !ts.isTypeReferenceNode(n.parent) &&
          !ts.isTypeQueryNode(n.parent)
        )
          wrong.push(`${r}:${src.getLineAndCharacterOfPosition(n.getStart(src)).line + 1} uses ${n.text} (from a .server module) in browser code`)
        ts.forEachChild(n, visit)
      }
      browserParts.forEach(visit)
    }
    expect(wrong).toEqual([])
  }, 60_000)
})
