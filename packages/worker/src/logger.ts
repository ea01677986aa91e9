import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker'

/** What is kept of an error in a log line: its kind, never its text. */
export interface LoggedError {
  name: string
  /** The failure's type or the error's code, e.g. `records.invalid_fields`. */
  code?: string
  /** Whether Temporal may try again. */
  retryable?: boolean
}

function errorCode(error: Record<string, unknown>): string | undefined {
  for (const key of ['type', 'code'] as const) {
    if (typeof error[key] === 'string' && (error[key] as string).length <= 100) return error[key] as string
  }
  return undefined
}

function isErrorLike(value: unknown): value is Error & Record<string, unknown> {
  return (
    value instanceof Error ||
    (typeof value === 'object' && value !== null && 'message' in value && 'stack' in value)
  )
}

/**
 * An error as a log line may show it. Messages of node and expression failures can hold a
 * client's data (a value that was not a number, a name in a plugin's message), and Temporal's
 * worker logs every failed activity and workflow with its error: only the kind is kept. The
 * cause chain is followed, so the code of a wrapped `ApplicationFailure` stays visible.
 *
 * @example
 * redactError(new TypeError('not a number: "Fatima"')) // { name: 'TypeError' }
 */
export function redactError(
  error: Error & Record<string, unknown>,
  depth = 0,
): LoggedError & { cause?: LoggedError } {
  const code = errorCode(error)
  const logged: LoggedError & { cause?: LoggedError } = { name: error.name || 'Error' }
  if (code) logged.code = code
  if (typeof error.nonRetryable === 'boolean') logged.retryable = !error.nonRetryable
  if (depth < 4 && isErrorLike(error.cause)) logged.cause = redactError(error.cause, depth + 1)
  return logged
}

/**
 * A log entry's metadata with every error replaced by its kind ({@link redactError}); ids,
 * types, attempts and durations stay.
 *
 * @example
 * redactMeta({ activityType: 'runNode', error }) // { activityType: 'runNode', error: { name, code } }
 */
export function redactMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!meta) return meta
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(meta)) {
    out[key] = isErrorLike(value) ? redactError(value) : value
  }
  return out
}

function writeLine(entry: LogEntry): void {
  const at = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString()
  const meta = entry.meta === undefined ? '' : ` ${JSON.stringify(entry.meta)}`
  process.stderr.write(`${at} [${entry.level}] ${entry.message}${meta}\n`)
}

/**
 * The Temporal runtime's logger for Warmflow's workers: Temporal's own lines at `level` and up,
 * with errors cut to their kind, so no client's data reaches a log file through a failure
 * message. `write` is where lines go (standard error by default).
 *
 * @example
 * Runtime.install({ logger: createWorkerLogger('INFO') })
 */
export function createWorkerLogger(
  level: LogLevel = 'INFO',
  write: (entry: LogEntry) => void = writeLine,
): DefaultLogger {
  return new DefaultLogger(level, (entry) => write({ ...entry, meta: redactMeta(entry.meta) }))
}
