import type { FlowProblem, LocalizedText } from '@warmflow/engine'
import { PayloadCodecError, WarmflowError } from '@warmflow/engine'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Codec failures that mean stored data cannot be decrypted (not a bug in the request). */
const unreadableCodes = new Set(['codec.tampered', 'codec.unknown_key'])

/** One field-level error inside a problem answer. */
export interface ProblemError {
  code: string
  path?: (string | number)[]
  nodeId?: string
  edgeId?: string
  message: LocalizedText
}

/** An error the API answers with `application/problem+json`. */
export class ApiError extends WarmflowError {
  readonly status: ContentfulStatusCode
  readonly errors: ProblemError[]

  constructor(status: ContentfulStatusCode, code: string, text: LocalizedText, errors: ProblemError[] = []) {
    super(code, text.en, { text })
    this.status = status
    this.errors = errors
  }
}

/** A service the API depends on; named in a 503 answer. */
export type Dependency = 'temporal' | 'database'

const dependencyNames: Record<Dependency, LocalizedText> = {
  temporal: { nl: 'De workflowdienst (Temporal)', en: 'The workflow service (Temporal)' },
  database: { nl: 'De database (PostgreSQL)', en: 'The database (PostgreSQL)' },
}

/** Seconds a caller should wait before trying again, per service that is down. */
export const retryAfterSeconds: Record<Dependency, number> = { temporal: 5, database: 2 }

/**
 * 503 for a call that needs a service that does not answer: code `service.temporal_unavailable`
 * or `service.database_unavailable`, with a `Retry-After` header. Always retryable.
 */
export class ServiceUnavailableError extends ApiError {
  override readonly retryable = true
  readonly dependency: Dependency
  readonly retryAfter: number

  constructor(dependency: Dependency, options: { cause?: unknown } = {}) {
    const name = dependencyNames[dependency]
    super(503, `service.${dependency}_unavailable`, {
      nl: `${name.nl} is nu niet bereikbaar. Probeer het over een paar seconden opnieuw.`,
      en: `${name.en} is not reachable right now. Please try again in a few seconds.`,
    })
    this.dependency = dependency
    this.retryAfter = retryAfterSeconds[dependency]
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause })
  }
}

/** gRPC status codes that mean Temporal did not answer (UNAVAILABLE, DEADLINE_EXCEEDED). */
const grpcOutageCodes = new Set([14, 4])
/**
 * SQLSTATE: connection exceptions, admin/crash shutdown, cannot connect now, too many connections,
 * and a statement cancelled by its time limit (57014: the server is overloaded or a lock is held).
 */
const pgOutageCode = /^(08...|57P0[1-3]|53300|57014)$/
/** What pg and Node say when a connection is refused, dropped or cannot be made in time. */
const pgOutageMessage =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/
const socketOutageCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
])

function isTemporalOutage(error: object): boolean {
  const { name, code } = error as { name?: unknown; code?: unknown }
  // A Temporal update whose call ran out of time or was cut off.
  if (name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return true
  return typeof code === 'number' && grpcOutageCodes.has(code) && 'metadata' in error && 'details' in error
}

function isDatabaseOutage(error: object): boolean {
  const { code, syscall, severity, message } = error as Record<string, unknown>
  if (typeof severity === 'string' && typeof code === 'string') return pgOutageCode.test(code)
  // A socket that could not be opened or was dropped: in the API only PostgreSQL is reached this way
  // (Temporal's errors are gRPC statuses, outgoing HTTP goes through fetch).
  if (typeof code === 'string' && typeof syscall === 'string' && socketOutageCodes.has(code)) return true
  if (
    error instanceof AggregateError &&
    error.errors.some((e) => e && typeof e === 'object' && isDatabaseOutage(e))
  )
    return true
  return typeof message === 'string' && pgOutageMessage.test(message)
}

/**
 * Which service an error says is down, looking through its causes: a gRPC UNAVAILABLE or
 * DEADLINE_EXCEEDED from Temporal, or a refused, dropped or timed-out PostgreSQL connection
 * (including 57P01 admin shutdown and 57P03 cannot connect now). Undefined for other errors.
 *
 * @example
 * if (outageOf(error) === 'database') answerLater()
 */
export function outageOf(error: unknown): Dependency | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    if (current instanceof ServiceUnavailableError) return current.dependency
    if (isTemporalOutage(current)) return 'temporal'
    if (isDatabaseOutage(current)) return 'database'
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/** 404 for a thing that does not exist (or that the caller may not know exists). */
export function notFound(what: LocalizedText): ApiError {
  return new ApiError(404, 'not_found', {
    nl: `${what.nl} bestaat niet of je hebt er geen toegang toe.`,
    en: `${what.en} does not exist or you have no access to it.`,
  })
}

/** 400 listing every problem with a flow. */
export function invalidFlow(problems: FlowProblem[]): ApiError {
  return new ApiError(
    400,
    'flow.invalid',
    {
      nl: `De flow heeft ${problems.length} ${problems.length === 1 ? 'probleem' : 'problemen'}. Los ze op en probeer het opnieuw.`,
      en: `The flow has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}. Fix them and try again.`,
    },
    problems,
  )
}

function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  text: LocalizedText,
  errors: ProblemError[] = [],
  headers: Record<string, string> = {},
) {
  return c.body(
    JSON.stringify({
      type: 'about:blank',
      status,
      code,
      title: text.en,
      detail: text.en,
      message: text,
      ...(errors.length > 0 ? { errors } : {}),
    }),
    status,
    { ...headers, 'content-type': 'application/problem+json; charset=utf-8' },
  )
}

function unavailable(c: Context, error: ServiceUnavailableError) {
  const cause = error.cause as { name?: unknown; code?: unknown } | undefined
  // One line for the operator: which service, and the error's class and code (no message, no data).
  process.stderr.write(
    `${JSON.stringify({ level: 'warn', msg: 'service unavailable', service: error.dependency, path: c.req.routePath, error: cause?.name, code: cause?.code })}\n`,
  )
  return problem(c, 503, error.code, error.text, [], { 'retry-after': String(error.retryAfter) })
}

/**
 * The log line for an error no handler expected: its class, its code, the route and request id,
 * and where it was thrown (the stack's frames). Not its message: a message can quote a value of
 * the request, a client's name for instance, and the log must never hold personal data.
 *
 * @example
 * unhandledLogLine(new TypeError('not a number: "Fatima"'), c)
 * // { level: 'error', msg: 'unhandled', error: 'TypeError', route: '/api/v1/runs/:id', at: ['at …'] }
 */
export function unhandledLogLine(error: Error, c: Context): Record<string, unknown> {
  const code = (error as { code?: unknown }).code
  const frames = (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 12)
  return {
    level: 'error',
    msg: 'unhandled',
    error: error.name,
    ...(typeof code === 'string' && code.length <= 100 ? { code } : {}),
    route: c.req.routePath,
    reqId: c.res.headers.get('x-request-id') ?? undefined,
    at: frames,
  }
}

/**
 * The one place where errors become HTTP answers. An error that says Temporal or PostgreSQL is
 * down becomes a 503 with `Retry-After` ({@link outageOf}). Unknown errors become a 500 without
 * any detail (the detail goes to the server log, which never holds personal data).
 */
export function handleError(error: Error, c: Context) {
  if (error instanceof ServiceUnavailableError) return unavailable(c, error)
  if (error instanceof ApiError) return problem(c, error.status, error.code, error.text, error.errors)
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode
    if (status === 400 && /json/i.test(error.message)) {
      return problem(c, 400, 'request.invalid_json', {
        nl: 'De gegevens zijn geen geldige JSON.',
        en: 'The request body is not valid JSON.',
      })
    }
    if (status === 413) {
      return problem(c, 413, 'request.too_large', {
        nl: 'Het verzoek is te groot.',
        en: 'The request body is too large.',
      })
    }
    return problem(c, status, 'request.rejected', { nl: error.message, en: error.message })
  }
  // Stored data that does not decrypt: damaged, or sealed with a key this process lacks.
  if (error instanceof PayloadCodecError && unreadableCodes.has(error.code)) {
    process.stderr.write(`${JSON.stringify(unhandledLogLine(error, c))}\n`)
    return problem(c, 500, 'data.unreadable', {
      nl: 'Deze gegevens kunnen niet worden gelezen: ze zijn beschadigd of versleuteld met een sleutel die hier ontbreekt. Er is niets gewijzigd. Meld het bij de beheerder en noem het verzoek-id uit de header X-Request-Id.',
      en: 'This data cannot be read: it is damaged, or encrypted with a key that is missing here. Nothing was changed. Tell your administrator and give the request id from the X-Request-Id header.',
    })
  }
  // Temporal or PostgreSQL down: a 503 that says which, so callers retry instead of reporting a bug.
  const outage = outageOf(error)
  if (outage) return unavailable(c, new ServiceUnavailableError(outage, { cause: error }))
  process.stderr.write(`${JSON.stringify(unhandledLogLine(error, c))}\n`)
  return problem(c, 500, 'internal', {
    nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
    en: 'Something went wrong on our side. Please try again later.',
  })
}

/** The JSON 404 for unknown routes. */
export function handleNotFound(c: Context) {
  return problem(c, 404, 'route.not_found', {
    nl: 'Deze pagina of dit adres bestaat niet.',
    en: 'This route does not exist.',
  })
}
