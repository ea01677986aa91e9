import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  appUrlFor,
  createScratchDatabase,
  ensurePostgres,
  freePort,
  type ScratchDatabase,
} from '@warmflow/cli/services'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// `warmflow start` as a user runs it: its own data folder, dev server, database and port.
const root = fileURLToPath(new URL('../../', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'warmflow-start-'))
let scratch: ScratchDatabase
let env: NodeJS.ProcessEnv
const started: ChildProcess[] = []

beforeAll(async () => {
  scratch = await createScratchDatabase(await ensurePostgres(process.env), 'warmflow_start')
  const { TEMPORAL_ADDRESS: _, WARMFLOW_TEMPORAL_UI_PORT: __, ...rest } = process.env
  env = {
    ...rest,
    HOST: '127.0.0.1',
    WARMFLOW_DATA_DIR: dataDir,
    DATABASE_URL: appUrlFor(scratch.url, {}),
    DATABASE_MIGRATION_URL: scratch.url,
  }
})
afterAll(async () => {
  // What a failed test left running is ended, and has exited, before its database is dropped.
  const running = started.filter((child) => child.exitCode === null && child.signalCode === null)
  const exited = running.map((child) => new Promise((resolve) => child.once('exit', resolve)))
  for (const child of running) child.kill('SIGKILL')
  await Promise.all(exited)
  await scratch?.drop()
  rmSync(dataDir, { recursive: true, force: true })
})

interface Started {
  process: ChildProcess
  output: () => string
}

function warmflowStart(port: number): Started {
  const child = spawn(process.execPath, ['packages/cli/bin/warmflow.mjs', 'start'], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  return { process: child, output: () => output }
}

async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}

/** Child processes of `pid` whose command line contains `needle` (Linux /proc). */
function childrenOf(pid: number, needle: string): number[] {
  const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
  return tasks
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

async function health(port: number): Promise<number | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status
  } catch {
    return undefined
  }
}

describe('warmflow start supervises what it starts', () => {
  it('restarts a killed API+worker, refuses a second start on the same data folder, and leaves nothing behind when killed with -9', async () => {
    const port = await freePort()
    const first = warmflowStart(port)
    const runningLines = () => first.output().match(/Warmflow is running/g)?.length ?? 0
    await until('first start', () => (runningLines() >= 1 ? true : undefined), 120_000)
    expect(await health(port)).toBe(200)
    const supervisor = first.process.pid as number
    const [guard] = childrenOf(supervisor, 'parent-guard.mjs')
    const [platform] = childrenOf(supervisor, 'warmflow.mjs')
    expect(guard).toBeTypeOf('number')
    expect(platform).toBeTypeOf('number')
    const [devServer] = childrenOf(guard as number, 'start-dev')
    expect(devServer).toBeTypeOf('number')

    // A second start on the same data folder is refused at once, in both languages.
    const second = warmflowStart(await freePort())
    const code = await new Promise((resolve) => second.process.once('exit', resolve))
    expect(code).toBe(1)
    expect(second.output()).toContain(`A Temporal server already runs on this data folder`)
    expect(second.output()).toContain(`Er draait al een Temporal-server op deze datamap`)
    expect(alive(devServer as number)).toBe(true)

    // The API+worker dies: it is restarted, with one line in the log, and serves again.
    process.kill(platform as number, 'SIGKILL')
    await until('restart', () => (runningLines() >= 2 ? true : undefined), 120_000)
    expect(first.output()).toMatch(
      /API\+worker stopped unexpectedly \(signal SIGKILL\); restarting in 1 s \(1\/5\)/,
    )
    expect(await health(port)).toBe(200)
    const [restarted] = childrenOf(supervisor, 'warmflow.mjs')
    expect(restarted).not.toBe(platform)
    expect(alive(devServer as number)).toBe(true)

    // The supervisor itself is killed without warning: its children follow, the lock goes.
    first.process.kill('SIGKILL')
    await until(
      'children gone',
      () =>
        [guard, devServer, restarted].every((pid) => !alive(pid as number)) &&
        !existsSync(join(dataDir, 'temporal.db.lock'))
          ? true
          : undefined,
      20_000,
    )
    expect(await health(port)).toBeUndefined()
  }, 300_000)
})
