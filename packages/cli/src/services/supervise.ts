import { type ChildProcess, spawn } from 'node:child_process'

/** How a supervised child is restarted after it stops unexpectedly. */
export interface RestartPolicy {
  /** Wait before the first restart; doubles with each quick crash after it. Default 1000 ms. */
  initialDelayMs?: number
  /** Longest wait between restarts. Default 30 000 ms. */
  maxDelayMs?: number
  /** Restarts after quick crashes before giving up. Default 5. */
  maxRestarts?: number
  /** A child that ran this long was healthy: its crash starts the count again. Default 60 000 ms. */
  stableMs?: number
}

/** Options for {@link superviseChild}. */
export interface SuperviseOptions extends RestartPolicy {
  /** Name for the log lines, e.g. `API+worker`. */
  name: string
  command: string
  args: readonly string[]
  env?: NodeJS.ProcessEnv
  /** Where the one-line messages go; stderr by default. */
  log?: (line: string) => void
  /** A file descriptor for the child's standard error (e.g. a log file); this process's own by default. */
  stderr?: number
}

/** How a supervision ended. */
export type SupervisionEnd =
  | { reason: 'stopped' }
  /** The child stopped before it ever said it was ready: restarting would fail the same way. */
  | { reason: 'failed_to_start'; code: number | null; signal: NodeJS.Signals | null }
  /** It kept crashing: `maxRestarts` quick crashes in a row. */
  | { reason: 'gave_up'; code: number | null; signal: NodeJS.Signals | null }

/** A child process kept running by {@link superviseChild}. */
export interface Supervisor {
  /** The running child, if any (between a crash and its restart there is none). */
  readonly child: ChildProcess | undefined
  /** How many times the child was restarted. */
  readonly restarts: number
  /** Resolves when the child first says it is ready (the IPC message `{ type: 'ready' }`). */
  readonly ready: Promise<void>
  /** Resolves when supervision ends: stopped, failed to start, or gave up. */
  readonly done: Promise<SupervisionEnd>
  /** Stops the child (SIGTERM, then SIGKILL after `graceMs`) and does not restart it. */
  stop(graceMs?: number): Promise<void>
}

/** The IPC message a supervised child sends once it serves. */
export const readyMessage = { type: 'ready' } as const

/**
 * Tells the supervisor (if any) that this process is ready, and stops this process when the
 * supervisor dies (its IPC channel closes, even after kill -9).
 *
 * @example
 * reportReadyToSupervisor(() => stop('supervisor gone'))
 */
export function reportReadyToSupervisor(onSupervisorGone: () => void): void {
  if (!process.send) return
  process.send(readyMessage)
  process.once('disconnect', onSupervisorGone)
  // The channel alone must not keep this process alive once everything else has stopped.
  ;(process.channel as { unref?: () => void } | undefined)?.unref?.()
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`
}

/**
 * Runs a child process and restarts it when it stops unexpectedly, with a doubling delay and a
 * bound: after `maxRestarts` quick crashes in a row it gives up. Each restart logs one line.
 * The child talks back over IPC: {@link reportReadyToSupervisor}. A child that stops before it
 * was ever ready is not restarted (a configuration error would fail again).
 *
 * @example
 * const api = superviseChild({ name: 'API+worker', command: process.execPath, args: ['server.js'] })
 * await api.ready
 * // ... on SIGTERM
 * await api.stop()
 */
export function superviseChild(options: SuperviseOptions): Supervisor {
  const initialDelayMs = options.initialDelayMs ?? 1_000
  const maxDelayMs = options.maxDelayMs ?? 30_000
  const maxRestarts = options.maxRestarts ?? 5
  const stableMs = options.stableMs ?? 60_000
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))

  let child: ChildProcess | undefined
  let restarts = 0
  let quickCrashes = 0
  let everReady = false
  let stopping = false
  let restartTimer: NodeJS.Timeout | undefined
  let markReady: () => void = () => undefined
  let finish: (end: SupervisionEnd) => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  const done = new Promise<SupervisionEnd>((resolve) => {
    finish = resolve
  })

  const launch = () => {
    const startedAt = Date.now()
    const current = spawn(options.command, options.args, {
      env: options.env ?? process.env,
      stdio: ['ignore', 'inherit', options.stderr ?? 'inherit', 'ipc'],
    })
    child = current
    current.on('message', (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type !== readyMessage.type) return
      everReady = true
      markReady()
    })
    current.once('error', (error) => log(`${options.name}: ${error.message}`))
    current.once('exit', (code, signal) => {
      child = undefined
      if (stopping) return finish({ reason: 'stopped' })
      if (!everReady) {
        log(
          `${options.name} stopped before it was ready (${describeExit(code, signal)}). / ` +
            `${options.name} stopte voordat het klaar was.`,
        )
        return finish({ reason: 'failed_to_start', code, signal })
      }
      quickCrashes = Date.now() - startedAt >= stableMs ? 1 : quickCrashes + 1
      if (quickCrashes > maxRestarts) {
        log(
          `${options.name} stopped unexpectedly (${describeExit(code, signal)}) ${quickCrashes} times in a row; giving up. / ` +
            `${options.name} is ${quickCrashes} keer achter elkaar onverwacht gestopt; we geven het op.`,
        )
        return finish({ reason: 'gave_up', code, signal })
      }
      const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (quickCrashes - 1))
      log(
        `${options.name} stopped unexpectedly (${describeExit(code, signal)}); restarting in ${delayMs / 1000} s (${quickCrashes}/${maxRestarts}). / ` +
          `${options.name} is onverwacht gestopt; opnieuw starten over ${delayMs / 1000} s.`,
      )
      restartTimer = setTimeout(() => {
        restartTimer = undefined
        if (stopping) return finish({ reason: 'stopped' })
        restarts++
        launch()
      }, delayMs)
    })
  }
  launch()

  return {
    get child() {
      return child
    },
    get restarts() {
      return restarts
    },
    ready,
    done,
    async stop(graceMs = 20_000) {
      stopping = true
      if (restartTimer) {
        clearTimeout(restartTimer)
        restartTimer = undefined
        finish({ reason: 'stopped' })
      }
      const running = child
      if (running && running.exitCode === null && running.signalCode === null) {
        const killer = setTimeout(() => running.kill('SIGKILL'), graceMs)
        running.kill('SIGTERM')
        await new Promise((resolve) => running.once('exit', resolve))
        clearTimeout(killer)
      }
      if (!child) finish({ reason: 'stopped' })
      await done
    },
  }
}
