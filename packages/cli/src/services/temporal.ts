import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync } from 'node:fs'
import { get } from 'node:http'
import { homedir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { warmflowSearchAttributes } from '@warmflow/engine'
import { run } from './exec.js'
import { acquireLock, type HeldLock } from './lock.js'
import { freePort, portIsFree } from './ports.js'

/** The Temporal CLI version Warmflow builds when none is installed (newer tags cannot be go-installed). */
export const temporalCliModule = 'github.com/temporalio/cli/cmd/temporal@v1.5.1'

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Finds the `temporal` CLI: `TEMPORAL_CLI_PATH`, then `PATH`, then `~/go/bin`.
 *
 * @example
 * const cli = findTemporalCli(process.env)
 */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI_PATH) return executable(env.TEMPORAL_CLI_PATH) ? env.TEMPORAL_CLI_PATH : undefined
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'temporal')
    if (executable(candidate)) return candidate
  }
  const goBins = [env.GOBIN, env.GOPATH ? join(env.GOPATH, 'bin') : undefined, join(homedir(), 'go', 'bin')]
  for (const dir of goBins) {
    if (dir && executable(join(dir, 'temporal'))) return join(dir, 'temporal')
  }
  return undefined
}

/**
 * Returns the `temporal` CLI, building it with `go install` when it is missing and Go is there.
 * Fails with a message that says how to get it otherwise.
 *
 * @example
 * const cli = await ensureTemporalCli()
 */
export async function ensureTemporalCli(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const found = findTemporalCli(env)
  if (found) return found
  if (env.TEMPORAL_CLI_PATH) {
    throw new Error(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable file`)
  }
  const go = await run('go', ['env', 'GOPATH'])
  if (go.code !== 0) {
    throw new Error(
      [
        'The Temporal CLI was not found and Go is not installed to build it.',
        'De Temporal CLI is niet gevonden en Go ontbreekt om hem te bouwen.',
        `Install Go and run: go install ${temporalCliModule}`,
        'or set TEMPORAL_CLI_PATH to a temporal binary, or TEMPORAL_ADDRESS to a running server.',
      ].join('\n'),
    )
  }
  process.stderr.write(
    `Building the Temporal CLI (first time only, takes a few minutes): go install ${temporalCliModule}\n`,
  )
  const build = await run('go', ['install', temporalCliModule], { inheritOutput: true })
  if (build.code !== 0) throw new Error(`go install ${temporalCliModule} failed:\n${build.stderr}`)
  const built = join(go.stdout.trim().split(delimiter)[0] ?? join(homedir(), 'go'), 'bin', 'temporal')
  if (!executable(built)) throw new Error(`go install finished but ${built} is missing`)
  return built
}

/** A Temporal dev server this process started. */
export interface TemporalDevServer {
  /** `host:port` of the frontend, for clients and workers. */
  address: string
  /** The web UI, when started with one. */
  uiUrl: string | undefined
  process: ChildProcess
  stop(): Promise<void>
}

/** Options for {@link startTemporalDevServer}. */
export interface TemporalDevServerOptions {
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFile?: string
  /** Frontend port; 7233 if free, otherwise any free port, when absent. */
  port?: number
  /** Start the web UI on this port (0 for any free port), or not at all when absent. */
  uiPort?: number
  /** Search attributes to register: name → type (Keyword, Text, Int, …); Warmflow's own by default. */
  searchAttributes?: Record<string, string>
  cliPath?: string
  /** How long to wait for the frontend to answer. */
  readyTimeoutMs?: number
  /** Dynamic configuration values (`--dynamic-config-value key=value`), over {@link devServerDynamicConfig}. */
  dynamicConfig?: Record<string, string | number | boolean>
  /**
   * Stop the dev server when this process dies, even by kill -9 (default true): on Linux the
   * kernel's parent-death signal (`setpriv --pdeathsig`), elsewhere a small guard process that
   * watches a pipe from this process.
   */
  stopWithParent?: boolean
  /**
   * Called once the server process runs (and holds the lock), before it answers: a caller can
   * start what needs the server meanwhile, and have that wait for it.
   */
  onLaunched?: (address: string) => void
  /**
   * Lock file that keeps a second dev server off the same `dbFile`; `<dbFile>.lock` by default.
   * A lock whose process is gone is taken over; one whose server is still stopping after its
   * parent died is waited for (up to 15 s).
   */
  lockFile?: string
  /**
   * Picks the free ports of the HTTP API and metrics (tests: a port already taken). The ports are
   * free when picked, but another process may take one before the server binds it; then the
   * launch is tried again with new ones, up to three times.
   */
  pickPort?: () => Promise<number>
}

/**
 * On Linux, `setpriv --pdeathsig TERM` (util-linux 2.33+) when it works here: the kernel sends the
 * server SIGTERM when the process that started it dies, even by kill -9, with no guard process
 * (a Node.js process of some 40 MB) beside it. Elsewhere, undefined.
 */
function findPdeathsigLauncher(): string | undefined {
  if (process.platform !== 'linux') return undefined
  for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
    if (!executable(candidate)) continue
    const probe = spawnSync(candidate, ['--pdeathsig', 'TERM', '--', process.execPath, '-e', ''], {
      stdio: 'ignore',
      timeout: 5_000,
    })
    if (probe.status === 0) return candidate
  }
  return undefined
}

let pdeathsigLauncher: string | undefined | null = null

/** The guard that stops a child when its parent dies (see parent-guard.mjs), where `setpriv` cannot. */
export const parentGuardPath = fileURLToPath(new URL('./parent-guard.mjs', import.meta.url))

/**
 * Waits until a Temporal frontend answers a system-info call.
 *
 * @example
 * await waitForTemporal('127.0.0.1:7233', 30_000)
 */
export async function waitForTemporal(
  address: string,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
) {
  // Loaded only here: `warmflow start`'s supervisor waits through the HTTP API instead.
  const { Connection } = await import('@temporalio/client')
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the Temporal dev server exited while starting')
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 })
      try {
        await connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.getSystemInfo({}))
        // The default namespace is registered just after the frontend opens.
        await connection.withDeadline(Date.now() + 2_000, () =>
          connection.workflowService.describeNamespace({ namespace: 'default' }),
        )
        return
      } finally {
        await connection.close()
      }
    } catch (error) {
      lastError = error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`)
}

/**
 * The status of a GET to `url`, through `node:http` rather than `fetch`: fetch loads undici,
 * some 15 MB more in the supervisor of `warmflow start`, for the whole time it runs.
 */
function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { timeout: timeoutMs, agent: false }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.once('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    request.once('error', reject)
  })
}

/**
 * Waits until a Temporal dev server's HTTP API (`--http-port`) answers for the `default`
 * namespace: the same readiness as {@link waitForTemporal}, without loading a gRPC client (some
 * 40 MB) or fetch (some 15 MB) into the process that waits.
 *
 * @example
 * await waitForTemporalHttp('127.0.0.1:7243', 30_000)
 */
export async function waitForTemporalHttp(
  httpAddress: string,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
) {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the Temporal dev server exited while starting')
    try {
      const status = await httpStatus(`http://${httpAddress}/api/v1/namespaces/default`, 2_000)
      if (status >= 200 && status < 300) return
      lastError = new Error(`HTTP ${status}`)
    } catch (error) {
      lastError = error
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Temporal at ${httpAddress} did not answer within ${timeoutMs} ms: ${String(lastError)}`)
}

/**
 * Dynamic configuration of the embedded dev server. It has one history shard, and the server's
 * defaults are made for clusters with hundreds: each shard reads new workflow tasks and timers
 * at most 20 times a second, so every workflow task waited up to 50 ms before a worker could
 * see it, and a task queue had 4 partitions that forward tasks between themselves. With one
 * partition and a higher read rate, a run of a small flow takes milliseconds instead of 50+.
 */
export const devServerDynamicConfig: Readonly<Record<string, number | string>> = {
  'matching.numTaskqueueReadPartitions': 1,
  'matching.numTaskqueueWritePartitions': 1,
  'history.transferProcessorMaxPollRPS': 1000,
  'history.timerProcessorMaxPollRPS': 1000,
  'history.visibilityProcessorMaxPollRPS': 1000,
  // A deleted execution (retention) waits for the transfer queue's next acknowledgement, every
  // 30 s by default; once a second it is gone at once, as the retention test expects.
  'history.transferProcessorUpdateAckInterval': '1s',
}

/**
 * Starts `temporal server start-dev` on 127.0.0.1 and resolves once it answers.
 *
 * @example
 * const temporal = await startTemporalDevServer({ dbFile: '.data/temporal.db' })
 * // ... later
 * await temporal.stop()
 */
export async function startTemporalDevServer(
  options: TemporalDevServerOptions = {},
): Promise<TemporalDevServer> {
  const cli = options.cliPath ?? (await ensureTemporalCli())
  for (let attempt = 1; ; attempt++) {
    // One dev server per SQLite file: a second one on the same file corrupts it.
    const lock = options.dbFile ? await acquireLock(options.lockFile ?? `${options.dbFile}.lock`) : undefined
    try {
      return await launchDevServer(cli, options, lock)
    } catch (error) {
      lock?.release()
      // A port picked free was taken by another process before the server bound it (the server
      // has exited): pick new ones.
      if (attempt < 3 && error instanceof PortTakenError) continue
      throw error
    }
  }
}

/** The dev server exited at start because a port it was to listen on was taken. */
class PortTakenError extends Error {}

async function launchDevServer(
  cli: string,
  options: TemporalDevServerOptions,
  lock: HeldLock | undefined,
): Promise<TemporalDevServer> {
  const pickPort = options.pickPort ?? freePort
  const port = options.port ?? ((await portIsFree(7233)) ? 7233 : await freePort())
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn']
  // The dev server also opens an HTTP API port; pick it ourselves so parallel servers never collide.
  const httpPort = await pickPort()
  const metricsPort = await pickPort()
  args.push('--http-port', String(httpPort))
  args.push('--metrics-port', String(metricsPort))
  let uiUrl: string | undefined
  if (options.uiPort === undefined) {
    args.push('--headless')
  } else {
    const uiPort = options.uiPort === 0 ? await freePort() : options.uiPort
    args.push('--ui-port', String(uiPort))
    uiUrl = `http://127.0.0.1:${uiPort}`
  }
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true })
    args.push('--db-filename', options.dbFile)
  }
  for (const [name, type] of Object.entries(options.searchAttributes ?? warmflowSearchAttributes)) {
    args.push('--search-attribute', `${name}=${type}`)
  }
  for (const [key, value] of Object.entries({ ...devServerDynamicConfig, ...options.dynamicConfig })) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`)
  }
  const guarded = options.stopWithParent ?? true
  if (guarded && pdeathsigLauncher === null) pdeathsigLauncher = findPdeathsigLauncher()
  // Its own process group: Ctrl+C in a terminal reaches this process, which stops the server in order.
  const child = !guarded
    ? spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    : pdeathsigLauncher
      ? // setpriv replaces itself with the server: the kernel stops it when this process dies.
        spawn(pdeathsigLauncher, ['--pdeathsig', 'TERM', '--', cli, ...args], {
          stdio: ['ignore', 'ignore', 'pipe'],
          detached: true,
        })
      : spawn(
          process.execPath,
          [parentGuardPath, ...(lock ? ['--lock', lock.file] : []), '--', cli, ...args],
          {
            stdio: ['pipe', 'ignore', 'pipe'],
            detached: true,
          },
        )
  const address = `127.0.0.1:${port}`
  // From now on the lock names the process that lives exactly as long as the server.
  if (child.pid !== undefined) lock?.update({ pid: child.pid, address, parentPid: process.pid })
  options.onLaunched?.(address)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  let exited = false
  child.once('exit', () => {
    exited = true
    lock?.release()
  })
  try {
    await waitForTemporalHttp(`127.0.0.1:${httpPort}`, options.readyTimeoutMs ?? 60_000, () => !exited)
  } catch (error) {
    // The guard passes SIGTERM on and ends the server itself if it does not stop.
    child.kill(guarded ? 'SIGTERM' : 'SIGKILL')
    const message = `${(error as Error).message}\n${stderr}`
    const taken = new RegExp(`127\\.0\\.0\\.1:(?:${httpPort}|${metricsPort}): bind: address already in use`)
    if (exited && taken.test(stderr)) throw new PortTakenError(message)
    throw new Error(message)
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve()
      const timer = setTimeout(() => child.kill('SIGKILL'), guarded ? 15_000 : 10_000)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      child.kill('SIGTERM')
    })
  return { address, uiUrl, process: child, stop }
}
