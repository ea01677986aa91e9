import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const cliRoot = fileURLToPath(new URL('../../', import.meta.url))
const serviceModule = pathToFileURL(fileURLToPath(new URL('./transform-service.ts', import.meta.url))).href
const dir = mkdtempSync(join(tmpdir(), 'warmflow-transform-'))
writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * Runs a process as `warmflow start` runs: tsx registered, TypeScript that is not in tsx's cache
 * yet imported (so tsx starts esbuild's service), then optionally `stopTransformService()`.
 * Returns the names of its child processes after that.
 */
function childrenAfterStartUp(stop: boolean): string[] {
  const fresh = join(dir, `fresh-${process.pid}-${Date.now()}-${stop}.ts`)
  writeFileSync(
    fresh,
    `export const made: string = ${JSON.stringify(new Date().toISOString() + Math.random())}\n`,
  )
  const script = `
import { readdirSync, readFileSync } from 'node:fs'
import { register } from 'tsx/esm/api'
register()
await import(${JSON.stringify(pathToFileURL(fresh).href)})
if (${stop}) await (await import(${JSON.stringify(serviceModule)})).stopTransformService()
await new Promise((resolve) => setTimeout(resolve, 200))
// Children of every thread: the module hooks thread starts esbuild for an ESM import.
const children = readdirSync('/proc/self/task').flatMap((task) => readFileSync('/proc/self/task/' + task + '/children', 'utf8').trim().split(/\\s+/).filter(Boolean))
process.stdout.write(JSON.stringify(children.map((pid) => { try { return readFileSync('/proc/' + pid + '/comm', 'utf8').trim() } catch { return 'gone' } })))
process.exit(0)
`
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: cliRoot }).toString(),
  )
}

describe('the TypeScript compiler service of a started process', () => {
  it('is running after start-up compiled new code, and gone once stopTransformService ran', () => {
    expect(childrenAfterStartUp(false)).toContain('esbuild')
    expect(childrenAfterStartUp(true)).not.toContain('esbuild')
  })
})
