import { randomUUID } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

/** The header that carries a request's id, in and out. */
export const requestIdHeader = 'x-request-id'

/** An incoming request id is used only when it is a short token of safe characters. */
const safeRequestId = /^[A-Za-z0-9._:-]{8,64}$/

/**
 * The id of a request: the caller's `X-Request-Id` when it is a short safe token (8–64 of
 * letters, digits, `.`, `_`, `:`, `-`), so a proxy's id follows the request; otherwise a new one.
 *
 * @example
 * requestIdFrom('abc-123-def') // 'abc-123-def'
 * requestIdFrom('<script>') // a new UUID
 */
export function requestIdFrom(given: string | undefined): string {
  return given !== undefined && safeRequestId.test(given) ? given : randomUUID()
}

/** The part of a structured logger (pino's `Logger`) the API writes request lines to. */
export interface RequestLogger {
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
  error(fields: Record<string, unknown>, message: string): void
}

/** The API's Prometheus series, made by {@link createHttpMetrics}. */
export interface HttpMetrics {
  observe(labels: { method: string; route: string; status: number }, seconds: number): void
}

/** Logging and metrics of HTTP requests, given to `createApp` as `deps.observe`. */
export interface HttpObservability {
  /** One line per request: `reqId`, method, route pattern, status, duration and known ids. */
  log?: RequestLogger
  metrics?: HttpMetrics
}

/**
 * The API's request series on `registry`: `warmflow_http_requests_total` and
 * `warmflow_http_request_errors_total` (5xx) by method, route pattern and status, and
 * `warmflow_http_request_duration_seconds` by method and route pattern. A route is its pattern
 * (`/api/v1/runs/:id`), never the path with its ids; a path no route knows is `unmatched`.
 *
 * @example
 * const registry = new Registry()
 * createApp({ ...deps, observe: { metrics: createHttpMetrics(registry) } })
 */
export function createHttpMetrics(registry: Registry): HttpMetrics {
  const requests = new Counter({
    name: 'warmflow_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const errors = new Counter({
    name: 'warmflow_http_request_errors_total',
    help: 'HTTP requests answered with a 5xx status, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'warmflow_http_request_duration_seconds',
    help: 'Time from request to response headers, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  return {
    observe({ method, route, status }, seconds) {
      const labels = { method, route, status: String(status) }
      requests.inc(labels)
      if (status >= 500) errors.inc(labels)
      duration.observe({ method, route }, seconds)
    },
  }
}

/**
 * A registry for an API process: its request series ({@link createHttpMetrics}) and Node's
 * process metrics as `warmflow_api_process_*` (CPU, memory, event loop lag).
 *
 * @example
 * const metrics = createApiMetrics()
 * createApp({ ...deps, observe: { metrics: metrics.http } })
 * await metrics.registry.metrics() // the Prometheus text
 */
export function createApiMetrics(): { registry: Registry; http: HttpMetrics } {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'warmflow_api_' })
  return { registry, http: createHttpMetrics(registry) }
}

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/**
 * The pattern of the route that answered (`/api/v1/flows/:id/runs`): the handler the request
 * reached last (Hono's `routeIndex`), which may be a middleware that answered itself (`/api/*`
 * for a refused session). `unmatched` for a 404 that no route of its own gave (`notFound`, or a
 * catch-all such as the editor's `*`).
 */
export function routePatternOf(c: Context): string {
  const route = matchedRoutes(c)[c.req.routeIndex]
  // A 404 from middleware or a catch-all (the editor's `*`) is a path no route knows.
  if (!route || (c.res.status === 404 && (route.method === 'ALL' || route.path.endsWith('*'))))
    return 'unmatched'
  return route.path
}

/** Ids a request line may carry, from the route's parameters and the signed-in viewer's team. */
function idsOf(c: Context, route: string): Record<string, string> {
  const ids: Record<string, string> = {}
  const id = route.includes(':id') ? c.req.param('id') : undefined
  if (id) {
    if (route.startsWith('/api/v1/runs/')) ids.runId = id
    else if (route.startsWith('/api/v1/flows/') || route.startsWith('/api/v1/hooks/')) ids.flowId = id
    else if (route.startsWith('/api/v1/forms/')) ids.flowId = id
  }
  // The team, not the person: who did what is the audit log's business, not the log file's.
  const viewer = c.get('viewer') as { teams?: { id: string }[] } | undefined
  if (viewer?.teams?.length === 1) ids.teamId = viewer.teams[0]!.id
  return ids
}

/**
 * Every request gets an id (see {@link requestIdFrom}), echoed in `X-Request-Id`; with `log`,
 * one line per request (`reqId`, `method`, `route` pattern, `status`, `ms`, and `runId`,
 * `flowId`, `teamId` where known): never the path itself, a query, a body or a
 * header, which may hold personal data. With `metrics`, the request is counted and timed.
 *
 * @example
 * app.use('*', observeRequests({ log, metrics }))
 */
export function observeRequests(options: HttpObservability = {}): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    const reqId = requestIdFrom(c.req.header(requestIdHeader))
    c.header(requestIdHeader, reqId)
    await next()
    // An error answer made by onError lost the header set before it: set it again.
    if (c.res.headers.get(requestIdHeader) !== reqId) c.header(requestIdHeader, reqId)
    if (!options.log && !options.metrics) return
    const seconds = (performance.now() - started) / 1000
    const route = routePatternOf(c)
    const method = knownMethods.has(c.req.method) ? c.req.method : 'OTHER'
    const status = c.res.status
    options.metrics?.observe({ method, route, status }, seconds)
    if (options.log) {
      const fields = {
        reqId,
        method,
        route,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        ...idsOf(c, route),
      }
      if (status >= 500) options.log.error(fields, 'request failed')
      else options.log.info(fields, 'request')
    }
  }
}
