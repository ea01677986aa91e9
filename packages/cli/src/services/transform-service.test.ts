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
// Every running child (a collected or zombie process holds no memory): the thread that started
// esbuild may be the main thread, the module hooks thread or one of esbuild's own.
const running = []
for (const entry of readdirSync('/proc')) {
  if (!/^\\d+$/.test(entry)) continue
  try {
    const stat = readFileSync('/proc/' + entry + '/stat', 'utf8')
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(ppid) === process.pid && state !== 'Z') running.push(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))
  } catch {}
}
process.stdout.write(JSON.stringify(running))
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
