import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  appUrlFor,
  createScratchDatabase,
  ensurePostgres,
  freePort,
  type ScratchDatabase,
} from './services/index.js'

// `pnpm start` runs `exec node …warmflow.mjs start`: on Ctrl+C the supervisor gets SIGINT from
// the terminal and once more from pnpm, which passes it on to the process it runs.
const root = fileURLToPath(new URL('../../../', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'warmflow-signals-'))
let scratch: ScratchDatabase
let supervisor: ChildProcess | undefined

beforeAll(async () => {
  scratch = await createScratchDatabase(await ensurePostgres(process.env), 'warmflow_signals')
})
afterAll(async () => {
  if (supervisor && supervisor.exitCode === null && supervisor.signalCode === null) {
    const exited = new Promise((resolve) => supervisor?.once('exit', resolve))
    supervisor.kill('SIGKILL')
    await exited
  }
  await scratch?.drop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** The supervisor's child processes whose command line holds `needle` (Linux /proc). */
function childrenOf(pid: number, needle: string): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((child) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes(needle)
      } catch {
        return false
      }
    })
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}

describe('Ctrl+C on warmflow start', () => {
  it('stops everything in order and exits 0, also when SIGINT comes twice', async () => {
    const { TEMPORAL_ADDRESS: _, WARMFLOW_TEMPORAL_UI_PORT: __, WARMFLOW_VERBOSE: ___, ...rest } = process.env
    const port = await freePort()
    const child = spawn(process.execPath, ['packages/cli/bin/warmflow.mjs', 'start'], {
      cwd: root,
      env: {
        ...rest,
        HOST: '127.0.0.1',
        PORT: String(port),
        WARMFLOW_DATA_DIR: dataDir,
        WARMFLOW_TEMPORAL_PORT: String(await freePort()),
        DATABASE_URL: appUrlFor(scratch.url, {}),
        DATABASE_MIGRATION_URL: scratch.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    supervisor = child
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (code, signal) => resolve([code, signal])),
    )
    const deadline = Date.now() + 180_000
    while (!output.includes('Warmflow is running')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no start:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const pid = child.pid as number
    const [devServer] = childrenOf(pid, 'start-dev')
    const [platform] = childrenOf(pid, 'warmflow.mjs')
    expect(devServer).toBeTypeOf('number')
    expect(platform).toBeTypeOf('number')

    child.kill('SIGINT')
    await new Promise((resolve) => setTimeout(resolve, 100))
    child.kill('SIGINT')
    expect(await exited).toEqual([0, null])
    expect(alive(platform as number)).toBe(false)
    expect(alive(devServer as number)).toBe(false)
  }, 240_000)
})
