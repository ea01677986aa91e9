import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { DataFolderInUseError, processIsAlive, readLock } from './lock.js'
import { freePort } from './ports.js'
import { startTemporalDevServer, type TemporalDevServer } from './temporal.js'

const cliRoot = fileURLToPath(new URL('../../', import.meta.url))
const temporalModule = fileURLToPath(new URL('./temporal.ts', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'warmflow-devserver-'))
const dbFile = join(dir, 'temporal.db')
const parentScript = join(dir, 'parent.mts')
writeFileSync(
  parentScript,
  `import { startTemporalDevServer } from ${JSON.stringify(temporalModule)}
const server = await startTemporalDevServer({ port: Number(process.env.PORT), dbFile: process.env.DB_FILE })
process.stdout.write(JSON.stringify({ address: server.address, guard: server.process.pid }) + '\\n')
setInterval(() => undefined, 1000)
`,
)
const children: ChildProcess[] = []
const servers: TemporalDevServer[] = []
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  await Promise.all(servers.map((server) => server.stop()))
  rmSync(dir, { recursive: true, force: true })
})

/** A process that starts a dev server on `dbFile`, as `warmflow start` does, and then just lives. */
function startParent(port: number): Promise<{ parent: ChildProcess; guard: number }> {
  const parent = spawn(process.execPath, ['--import', 'tsx', parentScript], {
    cwd: cliRoot,
    env: { ...process.env, PORT: String(port), DB_FILE: dbFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(parent)
  let errors = ''
  parent.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-2000)
  })
  return new Promise((resolve, reject) => {
    parent.stdout?.on('data', (chunk: Buffer) => {
      const line = chunk
        .toString()
        .split('\n')
        .find((l) => l.startsWith('{'))
      if (line) resolve({ parent, guard: JSON.parse(line).guard })
    })
    parent.once('exit', (code) => reject(new Error(`parent exited with ${code}: ${errors}`)))
  })
}

/** Process ids of `temporal server start-dev` processes on our database file (Linux /proc). */
function devServerPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
        return (
          cmdline.includes('start-dev') &&
          cmdline.includes(dbFile) &&
          !cmdline.some((a) => a.endsWith('parent-guard.mjs'))
        )
      } catch {
        return false
      }
    })
    .map(Number)
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

describe('the Temporal dev server of warmflow start', () => {
  it('refuses a second server on the same data folder while the first lives, stops with its parent on kill -9 (a start right after waits for it), and takes over a stale lock', async () => {
    const port = await freePort()
    const { parent, guard } = await startParent(port)
    const [server] = devServerPids()
    expect(server).toBeTypeOf('number')
    expect(readLock(`${dbFile}.lock`)).toMatchObject({ pid: guard, address: `127.0.0.1:${port}` })

    // A second start on the same folder is refused at once, in both languages, naming the holder.
    const startedAt = Date.now()
    const second = await startTemporalDevServer({ port: await freePort(), dbFile }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(Date.now() - startedAt).toBeLessThan(2_000)
    expect(second).toBeInstanceOf(DataFolderInUseError)
    expect(second).toMatchObject({
      code: 'start.data_folder_in_use',
      retryable: false,
      text: {
        nl: expect.stringContaining(`datamap (127.0.0.1:${port}), van proces ${guard}`),
        en: expect.stringContaining(`data folder (127.0.0.1:${port}), in process ${guard}`),
      },
    })
    expect(devServerPids()).toEqual([server])

    // The parent dies without any chance to clean up: the dev server goes with it, and a start
    // right after waits for it to be gone instead of refusing or running beside it.
    const parentGone = new Promise((resolve) => parent.once('exit', resolve))
    parent.kill('SIGKILL')
    await parentGone
    const next = await startTemporalDevServer({ port: await freePort(), dbFile })
    servers.push(next)
    expect(processIsAlive(server as number)).toBe(false)
    expect(processIsAlive(guard)).toBe(false)
    expect(await portAnswers(port)).toBe(false)
    expect(devServerPids()).toHaveLength(1)
    expect(readLock(`${dbFile}.lock`)?.pid).toBe(next.process.pid)
    await next.stop()
    expect(existsSync(`${dbFile}.lock`)).toBe(false)

    // A lock left by a process that is gone (a crash of the guard itself) does not block.
    writeFileSync(`${dbFile}.lock`, JSON.stringify({ pid: guard, startedAt: new Date().toISOString() }))
    const after = await startTemporalDevServer({ port: await freePort(), dbFile })
    servers.push(after)
    expect(readLock(`${dbFile}.lock`)?.pid).toBe(after.process.pid)
    await after.stop()
    expect(existsSync(`${dbFile}.lock`)).toBe(false)
  }, 120_000)

  it('starts with new ports when one it picked free is taken before the server binds it', async () => {
    // Another process takes the port between the pick and the bind (the race freePort cannot close).
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const taken = (blocker.address() as { port: number }).port
    const picked: number[] = []
    try {
      const server = await startTemporalDevServer({
        port: await freePort(),
        dbFile: join(dir, 'retry.db'),
        pickPort: async () => {
          const port = picked.length === 0 ? taken : await freePort()
          picked.push(port)
          return port
        },
      })
      servers.push(server)
      // Two ports for the launch that failed on the taken one, two for the one that started.
      expect(picked).toHaveLength(4)
      expect(picked[0]).toBe(taken)
      expect(existsSync(join(dir, 'retry.db.lock'))).toBe(true)
      await server.stop()
      expect(existsSync(join(dir, 'retry.db.lock'))).toBe(false)
    } finally {
      blocker.close()
    }
  }, 120_000)
})
