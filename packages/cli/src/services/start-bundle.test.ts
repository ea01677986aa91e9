import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStartBundle, cachedStartBundle, ensureStartBundle } from './start-bundle.mjs'

const root = fileURLToPath(new URL('../../../../', import.meta.url))
const cacheDir = mkdtempSync(join(tmpdir(), 'warmflow-start-bundle-'))
let entry: string
beforeAll(async () => {
  entry = await buildStartBundle(root, cacheDir)
}, 60_000)
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }))

/** Every file a process loads (statically) when it runs `file`, and the libraries among them. */
function staticImports(file: string, seen = new Set<string>(), libraries = new Set<string>()) {
  if (seen.has(file)) return { seen, libraries }
  seen.add(file)
  const code = readFileSync(file, 'utf8')
  for (const [, specifier] of code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gm)) {
    if (specifier?.startsWith('file:')) libraries.add(specifier.replace(/^.*\/node_modules\//, ''))
    else if (specifier?.startsWith('.')) staticImports(resolve(dirname(file), specifier), seen, libraries)
  }
  return { seen, libraries }
}

describe('the compiled code of warmflow start', () => {
  it('runs the warmflow command without tsx', () => {
    const usage = execFileSync(process.execPath, [entry, 'help'], { cwd: root }).toString()
    expect(usage).toContain('Usage: warmflow <command>')
    // Nothing of tsx in what it runs: our packages are bundled, libraries resolved to files.
    const { libraries } = staticImports(entry)
    expect([...libraries].some((library) => library.startsWith('tsx/'))).toBe(false)
  })

  it('keeps the supervisor free of the engine and its libraries', () => {
    const start = /import\("(\.\/chunks\/start-[^"]+)"\)/.exec(readFileSync(entry, 'utf8'))?.[1]
    expect(start).toBeTruthy()
    const { libraries } = staticImports(resolve(dirname(entry), start as string))
    const names = [...libraries].map((library) => library.split('/lib/')[0]?.split('/index')[0])
    for (const heavy of ['jsonata', 're2js', '@temporalio/common', '@temporalio/worker', 'kysely', 'pg']) {
      expect(names, heavy).not.toContain(heavy)
    }
  })

  it('is used again while its sources are unchanged, and not once one of them changed', async () => {
    expect(cachedStartBundle(root, cacheDir)).toBe(entry)
    expect(await ensureStartBundle(root, { cacheDir, log: () => undefined })).toBe(entry)
    // The manifest names every source with the hash over them; a changed hash is a change.
    const manifestFile = join(cacheDir, 'start-bundle.json')
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    expect(manifest.inputs).toContain('packages/cli/src/start.ts')
    expect(manifest.inputs).toContain('packages/engine/src/errors.ts')
    expect(manifest.inputs).toContain('pnpm-lock.yaml')
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, hash: '0'.repeat(64) }))
    expect(cachedStartBundle(root, cacheDir)).toBeUndefined()
    // A source listed that is no longer there is a change too.
    writeFileSync(
      manifestFile,
      JSON.stringify({ ...manifest, inputs: [...manifest.inputs, 'packages/gone.ts'] }),
    )
    expect(cachedStartBundle(root, cacheDir)).toBeUndefined()
  })
})
