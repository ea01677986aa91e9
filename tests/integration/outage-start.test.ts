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
  readLock,
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
  const { TEMPORAL_ADDRESS: _, WARMFLOW_TEMPORAL_UI_PORT: __, WARMFLOW_VERBOSE: ___, ...rest } = process.env
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

/** An error with the last lines of a start's output and of its log file (passwords left out). */
function startFailure(what: string, started: Started): Error {
  const tail = (text: string) =>
    text
      .split('\n')
      .slice(-40)
      .join('\n')
      .replace(/(password:\s*)\S+/gi, '$1[left out]')
  const logFile = join(dataDir, 'logs', 'warmflow.log')
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no log file)'
  return new Error(`${what}\n--- output ---\n${tail(started.output())}\n--- ${logFile} ---\n${tail(log)}`)
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

/** A signed-in HTTP session against a started server. */
async function signIn(base: string, email: string, password: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  expect(login.status).toBe(200)
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: response.status, body: (await response.json().catch(() => null)) as any }
  }
}

// First, on the fresh data folder: what a newcomer sees, and the flagship's e-mails in the
// local test outbox (no SMTP credential). It stops before the supervision test starts again.
describe('warmflow start on a bare install', () => {
  it('ends with the framed URL and administrator, logs to a file, and the flagship mails into the outbox', async () => {
    const port = await freePort()
    const started = warmflowStart(port)
    // A start that ends or hangs says why: its last output and the tail of its log file.
    await until(
      'the closing block',
      () => {
        if (/╰─+╯\n/.test(started.output())) return true
        if (started.process.exitCode !== null || started.process.signalCode !== null)
          throw startFailure(
            `warmflow start ended (${started.process.exitCode ?? started.process.signalCode})`,
            started,
          )
        return undefined
      },
      180_000,
    ).catch((error: Error) => {
      throw error.message.includes('--- output ---') ? error : startFailure(error.message, started)
    })
    // Give late output the chance to show up after the block (it must not).
    await new Promise((resolve) => setTimeout(resolve, 1_500))

    const lines = started.output().trimEnd().split('\n')
    expect(lines.at(-1)).toMatch(/^╰─+╯$/)
    const top = lines.findLastIndex((l) => /^╭─+╮$/.test(l))
    const block = lines.slice(top + 1, -1).map((l) => l.replace(/^│ /, '').replace(/ *│$/, ''))
    expect(block[0]).toBe(`Warmflow is running / Warmflow draait: http://127.0.0.1:${port}`)
    expect(block).toContain(`Testpostvak / test outbox: http://127.0.0.1:${port}/outbox`)
    const email = /^ {2}e-mail: {3}(\S+)$/.exec(block.at(-2) ?? '')?.[1]
    const password = /^ {2}password: (\S+)$/.exec(block.at(-1) ?? '')?.[1]
    expect(email).toBeTruthy()
    expect(password).toBeTruthy()
    // Worker, bundler and Temporal chatter is in the log file, not in the terminal.
    expect(started.output()).not.toMatch(/\[(INFO|WARN|DEBUG)\]|webpack|asset workflow-bundle/i)
    const logFile = join(dataDir, 'logs', 'warmflow.log')
    expect(existsSync(logFile)).toBe(true)
    expect(readFileSync(logFile, 'utf8').length).toBeGreaterThan(0)

    // The newcomer's story on this install: the seeded flagship's form, then the coordinator.
    const base = `http://127.0.0.1:${port}`
    const api = await signIn(base, email!, password!)
    const flows = await api('GET', '/api/v1/flows')
    const flagship = (flows.body.items as { id: string; name: string }[]).find(
      (f) => f.name === 'Nieuwe aanmelding',
    )!
    expect(flagship).toBeDefined()
    const form = await fetch(`${base}/api/v1/forms/${flagship.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        voornaam: 'Ayla',
        achternaam: 'Demir',
        email: 'ayla.start@example.nl',
        postcode: '3512ab',
        taal: 'nl',
        talen: ['nl'],
        hulpvraag: 'Ik zoek hulp bij boodschappen op dinsdagmiddag.',
        momenten: ['di-middag'],
        vog: false,
      }),
    })
    expect(form.status).toBe(202)
    const task = await until(
      'the coordinator task',
      async () => {
        const tasks = await api('GET', '/api/v1/tasks?view=team')
        return (tasks.body?.items as { id: string }[] | undefined)?.[0]
      },
      90_000,
    )
    const detail = await api('GET', `/api/v1/tasks/${task.id}`)
    const matches = detail.body.data.matches as { id: string; name: string }[]
    expect(matches.length).toBeGreaterThan(0)
    const done = await api('POST', `/api/v1/tasks/${task.id}/complete`, {
      decision: 'approve',
      fields: { vrijwilliger: matches.at(-1)!.id },
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)

    const subjects = await until(
      'three messages in the outbox',
      async () => {
        const outbox = await api('GET', '/api/v1/outbox')
        const items = (outbox.body?.items ?? []) as { subject: string }[]
        return items.length >= 3 ? items.map((m) => m.subject).sort() : undefined
      },
      90_000,
    )
    expect(subjects).toEqual([
      'Nieuwe koppeling: Ayla zoekt hulp',
      'We hebben een vrijwilliger voor je gevonden',
      'We hebben je aanvraag ontvangen',
    ])
    const exited = new Promise((resolve) => started.process.once('exit', resolve))
    started.process.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 300_000)
})

describe('warmflow start supervises what it starts', () => {
  it('restarts a killed API+worker, refuses a second start on the same data folder, and leaves nothing behind when killed with -9', async () => {
    const port = await freePort()
    const first = warmflowStart(port)
    const runningLines = () => first.output().match(/Warmflow is running/g)?.length ?? 0
    await until('first start', () => (runningLines() >= 1 ? true : undefined), 120_000)
    expect(await health(port)).toBe(200)
    const supervisor = first.process.pid as number
    // On Linux the dev server is the supervisor's own child, which the kernel stops when the
    // supervisor dies (setpriv --pdeathsig): no guard process beside it.
    expect(childrenOf(supervisor, 'parent-guard.mjs')).toEqual([])
    const [devServer] = childrenOf(supervisor, 'start-dev')
    const [platform] = childrenOf(supervisor, 'warmflow.mjs')
    expect(devServer).toBeTypeOf('number')
    expect(platform).toBeTypeOf('number')

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

    // The supervisor itself is killed without warning: its children follow, and the lock holds no
    // more (it is gone, or names a process that is gone, which the next start takes over).
    first.process.kill('SIGKILL')
    const lockFile = join(dataDir, 'temporal.db.lock')
    const lockHolds = () => {
      const holder = existsSync(lockFile) ? readLock(lockFile) : undefined
      return holder !== undefined && alive(holder.pid)
    }
    await until(
      'children gone',
      () => ([devServer, restarted].every((pid) => !alive(pid as number)) && !lockHolds() ? true : undefined),
      20_000,
    )
    expect(await health(port)).toBeUndefined()
  }, 300_000)
})
