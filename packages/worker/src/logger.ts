import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker'
import type { NodeLogEntry } from '@warmflow/engine'
import { type Logger, pino } from 'pino'
import { WorkerConfigError } from './config.js'

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
  return new DefaultLogger(level, (entry) => {
    // A log line must never take the worker down: Temporal fails the worker when its logger throws.
    try {
      write({ ...entry, meta: redactMeta(entry.meta) })
    } catch {
      process.stderr.write(`log line lost: ${entry.level} ${entry.message}\n`)
    }
  })
}

/** How log lines are written: one JSON object per line, or readable text. */
export type LogFormat = 'json' | 'text'

/** The log levels Warmflow writes, lowest first. */
export type LogLevelName = 'debug' | 'info' | 'warn' | 'error'

/**
 * The log format a process uses: `WARMFLOW_LOG_FORMAT` (`json` or `text`) when set; otherwise
 * JSON for the role commands (`warmflow api`, `warmflow worker`) in production
 * (`NODE_ENV=production` or `WARMFLOW_ENV=production`), and readable text everywhere else.
 *
 * @example
 * logFormatFromEnv({ WARMFLOW_ENV: 'production' }, { role: true }) // 'json'
 */
export function logFormatFromEnv(
  env: Record<string, string | undefined>,
  options: { role?: boolean } = {},
): LogFormat {
  const given = env.WARMFLOW_LOG_FORMAT?.trim().toLowerCase()
  if (given === 'json' || given === 'text') return given
  if (given) {
    throw new WorkerConfigError(
      'Invalid configuration / ongeldige instellingen:\n  WARMFLOW_LOG_FORMAT: must be json or text / moet json of text zijn',
    )
  }
  const production = env.NODE_ENV === 'production' || env.WARMFLOW_ENV === 'production'
  return options.role && production ? 'json' : 'text'
}

/** Options for {@link createLog}. */
export interface LogOptions {
  format: LogFormat
  /** `api` or `worker`: on every line as `service`. */
  service: string
  /** Lowest level written; `WARMFLOW_LOG_LEVEL` in the role commands. Default `info`. */
  level?: LogLevelName
  /** Where each finished line goes (with its newline); standard output by default. */
  write?: (line: string) => void
}

/** Turns one JSON line of pino into `time [level] msg key=value …`. */
function textLine(json: string): string {
  const {
    time,
    level,
    msg,
    service: _service,
    pid: _pid,
    ...rest
  } = JSON.parse(json) as Record<string, unknown>
  const extra = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')
  return `${String(time)} [${String(level)}] ${String(msg ?? '')}${extra ? ` ${extra}` : ''}\n`
}

/**
 * A structured logger (pino): every line has `level`, `time` (ISO 8601), `service`, `pid` and
 * `msg`, plus the ids a caller binds (`reqId`, `runId`, `flowId`, `teamId`, `nodeId`). In
 * `json` format each line is one JSON object; in `text` format the same fields as readable
 * text. Callers log ids, counts and error kinds, never personal data or secrets.
 *
 * @example
 * const log = createLog({ format: 'json', service: 'worker' })
 * log.child({ runId }).info('run started')
 */
export function createLog(options: LogOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line))
  const destination = {
    write: options.format === 'json' ? write : (line: string) => write(textLine(line)),
  }
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  )
}

/** The level of the role commands' logs: `WARMFLOW_LOG_LEVEL`, `info` by default. */
export function logLevelFromEnv(env: Record<string, string | undefined>): LogLevelName {
  const given = env.WARMFLOW_LOG_LEVEL?.trim().toLowerCase()
  if (!given) return 'info'
  if (given === 'debug' || given === 'info' || given === 'warn' || given === 'error') return given
  throw new WorkerConfigError(
    'Invalid configuration / ongeldige instellingen:\n  WARMFLOW_LOG_LEVEL: must be debug, info, warn or error / moet debug, info, warn of error zijn',
  )
}

const temporalLevels: Record<LogLevel, LogLevelName> = {
  TRACE: 'debug',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
}

/**
 * Temporal's worker logs routed into a structured log, through {@link redactMeta}: an error
 * keeps its kind and code, never its message. Temporal's `workflowId` is Warmflow's run id; it
 * is logged as `runId` so a run's lines from the API and the worker can be found together.
 *
 * @example
 * Runtime.install({ logger: temporalLoggerTo(createLog({ format: 'json', service: 'worker' })) })
 */
export function temporalLoggerTo(log: Logger, level: LogLevel = 'INFO'): DefaultLogger {
  return createWorkerLogger(level, (entry) => {
    // Workflow lines name Temporal's run `runId`, activity lines `workflowRunId`; the task
    // token is an opaque handle of no use in a log.
    const {
      workflowId,
      runId: workflowLineRunId,
      workflowRunId,
      taskToken: _taskToken,
      ...meta
    } = (entry.meta ?? {}) as Record<string, unknown>
    const fields: Record<string, unknown> = { ...meta, source: 'temporal' }
    if (typeof workflowId === 'string') fields.runId = runIdOf(workflowId)
    const temporalRunId = workflowRunId ?? workflowLineRunId
    if (typeof temporalRunId === 'string') fields.temporalRunId = temporalRunId
    log[temporalLevels[entry.level]](fields, entry.message)
  })
}

/** Warmflow's run id from a workflow id (`run-<uuid>`); other ids stay as they are. */
function runIdOf(workflowId: string): string {
  return workflowId.startsWith('run-') && workflowId.length === 40 ? workflowId.slice(4) : workflowId
}

/**
 * Where the log lines of nodes (`ctx.log`) go in a worker process: one line each with the run's
 * ids (`runId`, `flowId`, `teamId`, `nodeId`, `attempt`) and the node's own fields.
 *
 * @example
 * createWarmflowWorker({ ..., nodeLog: nodeLogTo(log) })
 */
export function nodeLogTo(log: Logger): (entry: NodeLogEntry) => void {
  return (entry) => {
    const { run } = entry
    log[entry.level](
      {
        runId: run.runId,
        flowId: run.flowId,
        ...(run.teamId ? { teamId: run.teamId } : {}),
        nodeId: run.nodeId,
        attempt: entry.attempt,
        ...(entry.fields ? { fields: entry.fields } : {}),
      },
      entry.message,
    )
  }
}
