// Which Warmflow package may import which (all of them, not only the CLI: the CLI is the one
// package allowed to import every other, so the rules for the whole repository live here). The engine owns the ports; storage, nodes, the API and
// the worker are adapters around it; the CLI puts them together. Each package's package.json and
// each of its source files must keep to this, so the worker never pulls in the HTTP stack again.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const packagesDir = join(root, 'packages')

/** The Warmflow packages each package may import; `'*'`: any of them. */
const allowed: Record<string, readonly string[] | '*'> = {
  engine: [],
  nodes: ['engine'],
  store: ['engine'],
  // The API reaches the nodes only through the registry (hooks, checks, credential forms).
  api: ['engine', 'store'],
  worker: ['engine', 'nodes', 'store'],
  cli: '*',
  // The designer runs the engine's pure modules (validation, expressions) in the browser.
  editor: ['engine'],
}

/**
 * What a package's own tests and build scripts (`scripts/`) may import on top of that (as
 * devDependencies): the nodes' tests run against the real PostgreSQL record store; the API's tests
 * and its OpenAPI generator load the built-in plugin.
 */
const allowedInTests: Record<string, readonly string[]> = {
  nodes: ['store'],
  api: ['nodes'],
}

const testFile = /\.test(-d)?\.tsx?$/

/** True for a package's tests and build scripts: they may use its devDependencies. */
function isDevFile(file: string, dir: string): boolean {
  return testFile.test(file) || relative(dir, file).split(sep)[0] === 'scripts'
}
const sourceFile = /\.(ts|tsx|mts|cts|js|mjs)$/

interface Violation {
  from: string
  imports: string
  where: string
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && sourceFile.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.split(sep).includes('node_modules') && !path.split(sep).includes('dist'))
}

/** Every module a source file names in an import, export … from, dynamic import or require. */
export function importedSpecifiers(source: string): string[] {
  const found: string[] = []
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1] as string)
  return found
}

/** The Warmflow package a specifier reaches, by name or by a relative path into its folder. */
function targetPackage(specifier: string, file: string): string | undefined {
  const named = /^@warmflow\/([^/]+)/.exec(specifier)
  if (named) return named[1]
  if (!specifier.startsWith('.')) return undefined
  const path = relative(packagesDir, resolve(dirname(file), specifier))
  if (path.startsWith('..')) return undefined
  return path.split(sep)[0]
}

function mayImport(from: string, target: string, inTest: boolean): boolean {
  if (from === target) return true
  const rule = allowed[from]
  if (rule === '*') return true
  if (rule?.includes(target)) return true
  return inTest && (allowedInTests[from]?.includes(target) ?? false)
}

/** Everything in one package that breaks the rules: package.json entries and source imports. */
export function violationsOf(name: string, dir = join(packagesDir, name)): Violation[] {
  const violations: Violation[] = []
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const dependency of Object.keys(manifest[field] ?? {})) {
      const target = targetPackage(dependency, dir)
      if (target && !mayImport(name, target, field === 'devDependencies')) {
        violations.push({ from: name, imports: target, where: `package.json ${field}` })
      }
    }
  }
  for (const file of sourceFiles(dir)) {
    const inTest = isDevFile(file, dir)
    for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
      const target = targetPackage(specifier, file)
      if (target && !mayImport(name, target, inTest)) {
        violations.push({ from: name, imports: target, where: `${relative(root, file)}: '${specifier}'` })
      }
    }
  }
  return violations
}

const packageNames = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'package.json')),
)

describe('package dependency rules', () => {
  it('has a rule for every package', () => {
    expect(packageNames.filter((name) => !Object.hasOwn(allowed, name))).toEqual([])
    // The rules cover the packages the architecture names; none of them may be missing.
    expect(packageNames).toEqual(expect.arrayContaining(Object.keys(allowed)))
  })

  for (const name of Object.keys(allowed)) {
    it(`${name} imports only ${JSON.stringify(allowed[name])}`, () => {
      expect(violationsOf(name)).toEqual([])
    })
  }

  it('finds imports in every form a source file can write them', () => {
    const source = [
      "import { createDb } from '@warmflow/store'",
      "import type { AppDeps } from '@warmflow/api'",
      "export { startServer } from '@warmflow/api/server'",
      "import '@warmflow/worker'",
      "const lazy = await import('@warmflow/cli')",
      "import {\n  a,\n  b,\n} from '@warmflow/nodes'",
    ].join('\n')
    expect(importedSpecifiers(source)).toEqual(
      expect.arrayContaining([
        '@warmflow/store',
        '@warmflow/api',
        '@warmflow/api/server',
        '@warmflow/worker',
        '@warmflow/cli',
        '@warmflow/nodes',
      ]),
    )
  })

  it('refuses a built-in node import in the API source, but allows it in its tests and scripts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmflow-rules-'))
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true })
        writeFileSync(join(dir, path), text)
      }
      write('package.json', JSON.stringify({ devDependencies: { '@warmflow/nodes': 'workspace:*' } }))
      write('src/credentials/types.ts', "import { smtpCredentialSchema } from '@warmflow/nodes'\n")
      write('src/credentials/types.test.ts', "import { builtinPlugin } from '@warmflow/nodes'\n")
      write('scripts/gen-api-types.ts', "import { builtinPlugin } from '@warmflow/nodes'\n")
      expect(violationsOf('api', dir)).toEqual([
        { from: 'api', imports: 'nodes', where: expect.stringContaining("types.ts: '@warmflow/nodes'") },
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('sees a relative path into another package as an import of it', () => {
    const file = join(packagesDir, 'worker', 'src', 'main.ts')
    expect(targetPackage('../../api/src/config.js', file)).toBe('api')
    expect(targetPackage('./config.js', file)).toBe('worker')
    expect(targetPackage('../../../tests/support/platform.js', file)).toBeUndefined()
  })
})
