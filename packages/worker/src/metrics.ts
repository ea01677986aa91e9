import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApplicationFailure } from '@temporalio/common'
import type { ActivityInterceptorsFactory } from '@temporalio/worker'
import type { RunNodeInput } from '@warmflow/engine'
import type { Database } from '@warmflow/store'
import { type Kysely, sql } from 'kysely'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { WorkerConfigError } from './config.js'

/** Open tasks counted at most per scrape: the gauge query stays bounded on any table size. */
export const maxCountedTasks = 100_000

/** A label value that is safe to keep: a node type or error code, else `other`. */
function label(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9_.:@/-]{1,80}$/.test(value) ? value : 'other'
}

/** The metrics of a worker process, for Prometheus. */
export interface WorkerMetrics {
  /** Every series of this worker; serve it with `registry.metrics()`. */
  registry: Registry
  /** Times one node; `failed` with its error code when it failed. */
  observeNode(nodeType: string, seconds: number, failure?: { code: string }): void
}

/** Options for {@link createWorkerMetrics}. */
export interface WorkerMetricsOptions {
  /**
   * Warmflow's database: human tasks open and overdue are counted on each scrape (one bounded
   * query). Without it those gauges are absent.
   */
  db?: Kysely<Database>
  /** Node's process metrics (CPU, memory, event loop lag, …) as `warmflow_worker_process_*`. Default true. */
  processMetrics?: boolean
}

/**
 * The worker's Prometheus series: `warmflow_node_duration_seconds` (histogram, by node type and
 * outcome), `warmflow_node_failures_total` (by node type and error code),
 * `warmflow_human_tasks_open` and `warmflow_human_tasks_overdue` (read from the store when
 * scraped) and the process metrics. Labels are node types and error codes, never ids or data.
 *
 * @example
 * const metrics = createWorkerMetrics({ db })
 * createWarmflowWorker({ ..., activityInterceptors: [observeActivities({ metrics })] })
 */
export function createWorkerMetrics(options: WorkerMetricsOptions = {}): WorkerMetrics {
  const registry = new Registry()
  if (options.processMetrics !== false)
    collectDefaultMetrics({ register: registry, prefix: 'warmflow_worker_' })
  const duration = new Histogram({
    name: 'warmflow_node_duration_seconds',
    help: 'Time a node took in an activity, by node type and outcome (completed or failed).',
    labelNames: ['node_type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  })
  const failures = new Counter({
    name: 'warmflow_node_failures_total',
    help: 'Node attempts that failed, by node type and error code.',
    labelNames: ['node_type', 'code'] as const,
    registers: [registry],
  })
  const db = options.db
  if (db) {
    const counts = bounded(db)
    new Gauge({
      name: 'warmflow_human_tasks_open',
      help: `Human tasks waiting for a person (counted up to ${maxCountedTasks}).`,
      registers: [registry],
      async collect() {
        const value = await counts()
        if (value) this.set(value.open)
      },
    })
    new Gauge({
      name: 'warmflow_human_tasks_overdue',
      help: `Open human tasks past their deadline (counted up to ${maxCountedTasks}).`,
      registers: [registry],
      async collect() {
        const value = await counts()
        if (value) this.set(value.overdue)
      },
    })
  }
  return {
    registry,
    observeNode(nodeType, seconds, failure) {
      const type = label(nodeType)
      duration.observe({ node_type: type, outcome: failure ? 'failed' : 'completed' }, seconds)
      if (failure) failures.inc({ node_type: type, code: label(failure.code) })
    },
  }
}

/**
 * Open and overdue tasks in one query over at most {@link maxCountedTasks} rows, shared by the
 * two gauges of one scrape. Undefined while the database cannot answer: the gauges then keep
 * their last value instead of failing the scrape.
 */
function bounded(db: Kysely<Database>): () => Promise<{ open: number; overdue: number } | undefined> {
  let pending: Promise<{ open: number; overdue: number } | undefined> | undefined
  return () => {
    pending ??= (async () => {
      try {
        const result = await sql<{ open: string; overdue: string }>`
          select count(*) as open, count(*) filter (where deadline < now()) as overdue
          from (select deadline from tasks where status = 'open' limit ${maxCountedTasks}) as t`.execute(db)
        const row = result.rows[0]
        return row ? { open: Number(row.open), overdue: Number(row.overdue) } : undefined
      } catch {
        return undefined
      } finally {
        setTimeout(() => {
          pending = undefined
        }, 0)
      }
    })()
    return pending
  }
}

/** The error code of a failed node attempt: the failure's type (Warmflow's code) or its class. */
function codeOf(error: unknown): string {
  if (error instanceof ApplicationFailure && error.type) return error.type
  if (error instanceof Error) return (error as { code?: unknown }).code?.toString() ?? error.name
  return 'unknown'
}

/** What this interceptor reads of a `runNodes` call (a chain of pure nodes) and its result. */
interface RunNodesInput {
  runId: string
  flowId: string
  teamId?: string
  nodes: { id: string; type: string }[]
}
interface RunNodesResult {
  completed: { nodeId: string; startedAt: string; finishedAt: string }[]
}

function isRunNode(args: unknown): args is RunNodeInput {
  return typeof args === 'object' && args !== null && 'node' in args && 'runId' in args
}

function isRunNodes(args: unknown): args is RunNodesInput {
  return typeof args === 'object' && args !== null && 'nodes' in args && 'runId' in args
}

/**
 * An activity interceptor for the worker: Temporal's activity log lines get the run's ids
 * (`flowId`, `teamId`, `nodeId`, `nodeType`; the run id comes from Temporal's workflow id), and with `metrics` every node is timed
 * ({@link WorkerMetrics.observeNode}): `runNode` as one node, a chain of pure nodes (`runNodes`)
 * node by node from the times it reports.
 *
 * @example
 * createWarmflowWorker({ ..., activityInterceptors: [observeActivities({ metrics })] })
 */
export function observeActivities(options: { metrics?: WorkerMetrics } = {}): ActivityInterceptorsFactory {
  return () => {
    let ids: Record<string, unknown> = {}
    return {
      inbound: {
        async execute(input, next) {
          const args = input.args[0]
          if (isRunNode(args)) {
            // The run id comes with Temporal's own attributes (its workflow id).
            ids = {
              flowId: args.flowId,
              ...(args.teamId ? { teamId: args.teamId } : {}),
              nodeId: args.node.id,
              nodeType: args.node.type,
            }
            const started = performance.now()
            try {
              const result = await next(input)
              options.metrics?.observeNode(args.node.type, (performance.now() - started) / 1000)
              return result
            } catch (error) {
              options.metrics?.observeNode(args.node.type, (performance.now() - started) / 1000, {
                code: codeOf(error),
              })
              throw error
            }
          }
          if (isRunNodes(args)) {
            ids = { flowId: args.flowId, ...(args.teamId ? { teamId: args.teamId } : {}) }
            const result = (await next(input)) as RunNodesResult
            const types = new Map(args.nodes.map((node) => [node.id, node.type]))
            for (const done of result.completed) {
              const seconds = (Date.parse(done.finishedAt) - Date.parse(done.startedAt)) / 1000
              options.metrics?.observeNode(types.get(done.nodeId) ?? 'other', Math.max(0, seconds))
            }
            return result
          }
          return next(input)
        },
      },
      outbound: {
        getLogAttributes(input, next) {
          return next({ ...input, ...ids })
        },
      },
    }
  }
}

/** A running metrics endpoint. */
export interface MetricsServer {
  /** `http://host:port/metrics` */
  url: string
  close(): Promise<void>
}

/** A registry as {@link serveMetrics} reads it (prom-client's `Registry`). */
export interface MetricsSource {
  metrics(): Promise<string>
  contentType: string
}

/**
 * Serves Prometheus metrics at `GET /metrics` on a port of its own (`WARMFLOW_METRICS_PORT`,
 * on `WARMFLOW_METRICS_HOST`, 127.0.0.1 by default), apart from the API's public port so the
 * series are never public by accident. Every other path answers 404.
 *
 * @example
 * const server = await serveMetrics(metrics.registry, { port: 9464, host: '127.0.0.1' })
 */
export function serveMetrics(
  source: MetricsSource,
  options: { port: number; host: string },
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Not found / niet gevonden\n')
      return
    }
    source.metrics().then(
      (text) => response.writeHead(200, { 'content-type': source.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics failed\n'),
    )
  })
  // A scrape never holds the process open on shutdown.
  server.keepAliveTimeout = 5_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      const info = server.address() as AddressInfo
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${host}:${info.port}/metrics`,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}

/**
 * The metrics port from `WARMFLOW_METRICS_PORT` (or another `variable`) and the interface from
 * `WARMFLOW_METRICS_HOST` (default 127.0.0.1); undefined when unset: then nothing is served.
 *
 * @example
 * metricsAddressFromEnv({ WARMFLOW_METRICS_PORT: '9464' }) // { port: 9464, host: '127.0.0.1' }
 */
export function metricsAddressFromEnv(
  env: Record<string, string | undefined>,
  variable = 'WARMFLOW_METRICS_PORT',
): { port: number; host: string } | undefined {
  const text = env[variable]?.trim()
  if (!text) return undefined
  const port = Number(text)
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new WorkerConfigError(
      `Invalid configuration / ongeldige instellingen:\n  ${variable}: must be a port number / moet een poortnummer zijn`,
    )
  }
  return { port, host: env.WARMFLOW_METRICS_HOST?.trim() || '127.0.0.1' }
}
