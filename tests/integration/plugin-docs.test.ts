// Keeps docs/custom-nodes.md from rotting: every TypeScript block in it must be preceded by a
// marker saying where it comes from, and must equal that source exactly:
//   <!-- region: <file>#<name> -->  the lines between `// #region <name>` and `// #endregion <name>`
//   <!-- scaffold: <file> -->       the file as `warmflow create-node client-lookup` generates it
// The sources are compiled and tested themselves (the example's typecheck and tests, the
// scaffold acceptance test), so the tutorial's code is too.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createNodePlugin } from '@warmflow/cli/create-node'
import { afterAll, describe, expect, it } from 'vitest'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const doc = readFileSync(join(repo, 'docs/custom-nodes.md'), 'utf8')
const scaffoldDir = mkdtempSync(join(tmpdir(), 'warmflow-docs-'))
afterAll(() => rmSync(scaffoldDir, { recursive: true, force: true }))

interface Block {
  line: number
  marker: string | undefined
  code: string
}

function typescriptBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'))
    let before = i - 1
    while (before >= 0 && lines[before]!.trim() === '') before--
    const marker = /^<!-- (region|scaffold): (.+?) -->$/.exec(lines[before] ?? '')?.[0]
    blocks.push({ line: i + 1, marker, code: lines.slice(i + 1, end).join('\n') })
    i = end
  }
  return blocks
}

function region(file: string, name: string): string {
  const lines = readFileSync(join(repo, file), 'utf8').split('\n')
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`)
  const end = lines.findIndex((line) => line.trim() === `// #endregion ${name}`)
  if (start === -1 || end <= start) throw new Error(`${file} has no region "${name}"`)
  return lines.slice(start + 1, end).join('\n')
}

function scaffoldFile(file: string): string {
  const dir = join(scaffoldDir, 'client-lookup')
  try {
    return readFileSync(join(dir, file), 'utf8')
  } catch {
    createNodePlugin({ name: 'client-lookup', dir, configFile: false, cwd: scaffoldDir, warmflowRoot: repo })
    return readFileSync(join(dir, file), 'utf8')
  }
}

const blocks = typescriptBlocks(doc)

describe('docs/custom-nodes.md', () => {
  it('has TypeScript blocks, each marked with its source', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8)
    const unmarked = blocks.filter((block) => !block.marker).map((block) => `line ${block.line}`)
    expect(unmarked, 'TypeScript blocks without a <!-- region: … --> or <!-- scaffold: … --> marker').toEqual(
      [],
    )
  })

  it.each(blocks.filter((block) => block.marker).map((block) => [block.marker!, block] as const))(
    '%s matches its source',
    (marker, block) => {
      const [, kind, target] = /^<!-- (region|scaffold): (.+?) -->$/.exec(marker)!
      const source =
        kind === 'scaffold' ? scaffoldFile(target!) : region(target!.split('#')[0]!, target!.split('#')[1]!)
      expect(block.code.trimEnd()).toBe(source.trimEnd())
    },
  )

  it('names commands that exist', () => {
    const rootPkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
    expect(rootPkg.scripts['create-node']).toContain('create-node')
    expect(doc).toContain('pnpm create-node client-lookup')
    const generated = JSON.parse(scaffoldFile('package.json'))
    expect(generated.name).toBe('warmflow-plugin-client-lookup')
    expect(Object.keys(generated.scripts).sort()).toEqual(['build', 'test', 'typecheck'])
    expect(doc).toContain(`pnpm --filter ${generated.name} test`)
  })
})
