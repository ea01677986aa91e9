import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

/** How one process of the cluster profile is started again after it stopped unexpectedly. */
export interface RestartPolicy {
  /** Wait before the first restart; doubles with each quick stop after it. Default 1000 ms. */
  initialDelayMs?: number
  /** Longest wait between restarts. Default 30 000 ms. */
  maxDelayMs?: number
  /** A process that ran this long was healthy: the next wait starts at the initial delay again. Default 60 000 ms. */
  stableMs?: number
}

/** Options for {@link keepRunning}. */
export interface KeepRunningOptions extends RestartPolicy {
  /** Name in log lines and the status file, e.g. `worker-2`. */
  name: string
  /** Starts the process (again). */
  launch: () => ChildProcess
  /** A line of its standard output or error containing this means it is ready. */
  readyText: string
  /** Each line it prints (its log). */
  onLine: (line: string) => void
  /** One line for the terminal, e.g. when it is restarted. */
  say: (line: string) => void
  /** Called each time a new process started (its pid changes). */
  onStart?: (child: ChildProcess) => void
}

/** A process the cluster profile keeps running. */
export interface KeptProcess {
  readonly name: string
  /** The running process, if any (between a stop and its restart there is none). */
  readonly child: ChildProcess | undefined
  /** How many times it was started again. */
  readonly restarts: number
  /** Resolves when the first process says it is ready; rejects when it stops before that. */
  readonly ready: Promise<void>
  /** Stops it (SIGTERM, then SIGKILL after `graceMs`) and does not start it again. */
  stop(graceMs: number): Promise<void>
}

/**
 * Runs a process and starts it again whenever it stops unexpectedly (a crash, kill -9, an
 * operator's restart), after 1 s, 2 s, 4 s, … up to 30 s, as a process manager
 * (`Restart=always`) would. A process that stops before it was ever ready fails the start.
 *
 * @example
 * const worker = keepRunning({ name: 'worker-1', launch: () => spawn(node, args), readyText: 'worker ready', … })
 * await worker.ready
 */
export function keepRunning(options: KeepRunningOptions): KeptProcess {
  const initialDelay = options.initialDelayMs ?? 1_000
  const maxDelay = options.maxDelayMs ?? 30_000
  const stableMs = options.stableMs ?? 60_000
  let child: ChildProcess | undefined
  let restarts = 0
  let delay = initialDelay
  let stopping = false
  let everReady = false
  let timer: NodeJS.Timeout | undefined
  let markReady: () => void = () => undefined
  let failStart: (error: Error) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    failStart = reject
  })
  // The caller may never await `ready` after a successful start; keep a failure from being unhandled.
  ready.catch(() => undefined)

  const start = () => {
    timer = undefined
    const startedAt = Date.now()
    const current = options.launch()
    child = current
    options.onStart?.(current)
    let tail = ''
    const watch = (stream: NodeJS.ReadableStream | null | undefined) => {
      let partial = ''
      stream?.on('data', (chunk: Buffer) => {
        partial += chunk.toString()
        const lines = partial.split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) {
          options.onLine(line)
          tail = `${tail}${line}\n`.slice(-3000)
          if (!everReady && line.includes(options.readyText)) {
            everReady = true
            markReady()
          }
        }
      })
    }
    watch(current.stdout)
    watch(current.stderr)
    current.once('exit', (code, signal) => {
      if (child === current) child = undefined
      if (stopping) return
      const how = signal ? `signal ${signal}` : `exit code ${code}`
      if (!everReady) {
        failStart(new Error(`${options.name} stopped before it was ready (${how}):\n${tail}`))
        return
      }
      if (Date.now() - startedAt >= stableMs) delay = initialDelay
      options.say(
        `${options.name} stopped (${how}); starting it again in ${delay / 1000} s. / ${options.name} is gestopt; opnieuw starten over ${delay / 1000} s.`,
      )
      timer = setTimeout(() => {
        restarts++
        start()
      }, delay)
      delay = Math.min(delay * 2, maxDelay)
    })
  }
  start()

  return {
    name: options.name,
    get child() {
      return child
    },
    get restarts() {
      return restarts
    },
    ready,
    stop(graceMs) {
      stopping = true
      if (timer) clearTimeout(timer)
      const current = child
      if (!current || current.exitCode !== null || current.signalCode !== null) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const kill = setTimeout(() => current.kill('SIGKILL'), graceMs)
        current.once('exit', () => {
          clearTimeout(kill)
          resolve()
        })
        current.kill('SIGTERM')
      })
    },
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

let launcher: string | undefined | null = null

/**
 * Spawns a command that the kernel stops (SIGTERM) when this process dies, even by kill -9
 * (`setpriv --pdeathsig` on Linux; elsewhere a plain spawn). In a process group of its own, so
 * Ctrl+C reaches only this process, which stops everything in order.
 *
 * @example
 * const server = spawnTiedToParent('/root/go/bin/server', ['start'], { env })
 */
export function spawnTiedToParent(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): ChildProcess {
  if (launcher === null) {
    launcher = undefined
    for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv']) {
      if (
        process.platform === 'linux' &&
        executable(candidate) &&
        spawnSync(candidate, ['--pdeathsig', 'TERM', '--', process.execPath, '-e', ''], {
          stdio: 'ignore',
          timeout: 5_000,
        }).status === 0
      ) {
        launcher = candidate
        break
      }
    }
  }
  const spawnOptions = {
    env: options.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
    detached: true,
  }
  return launcher
    ? spawn(launcher, ['--pdeathsig', 'TERM', '--', command, ...args], spawnOptions)
    : spawn(command, args, spawnOptions)
}
