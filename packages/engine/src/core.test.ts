import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))

/** Packages code in the core entry may load at run time: all of them run in a browser. */
const browserSafePackages = new Set(['zod', 'jsonata', 're2js'])

/** The modules a file loads at run time: type-only imports and exports are left out. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text)
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const [argument] = node.arguments
      found.push(argument && ts.isStringLiteral(argument) ? argument.text : '<computed>')
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Every file and package reachable at run time from `entry`, following relative imports. */
function reachable(entry: string): { files: string[]; packages: Map<string, string> } {
  const files = new Set<string>()
  const packages = new Map<string, string>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (files.has(file)) continue
    files.add(file)
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) {
        queue.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')))
      } else if (!packages.has(specifier)) {
        packages.set(specifier, relative(here, file))
      }
    }
  }
  return { files: [...files].map((file) => relative(here, file)).sort(), packages }
}

describe('@warmflow/engine/core', () => {
  it('loads no Node built-in, no Temporal package and no module outside the pure set', () => {
    const { files, packages } = reachable(join(here, 'core.ts'))
    const outside = [...packages].filter(([name]) => !browserSafePackages.has(name))
    expect(outside.map(([name, from]) => `${name} (from ${from})`)).toEqual([])
    expect(files).toContain('validate.ts')
    expect(files.some((file) => file.startsWith('workflows/') || file === 'activities.ts')).toBe(false)
  })

  it('gives the designer the switch ports from the engine, one per case plus default and error', async () => {
    const { outputPortsOf, switchNode } = await import('./core.js')
    const config = switchNode.config.parse({ cases: [{ id: 'young', when: 'age < 18' }] })
    expect(outputPortsOf(switchNode, config).map((port) => port.id)).toEqual(['young', 'default', 'error'])
  })

  it('finds a Node built-in when a file of the graph imports one', () => {
    // The walker itself: the package index reaches http.ts, which imports node:dns/promises.
    const { packages } = reachable(join(here, 'index.ts'))
    expect([...packages.keys()].some((name) => name.startsWith('node:'))).toBe(true)
  })
})
