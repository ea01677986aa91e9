// The worker process: `warmflow worker`, or `node packages/worker/bin/warmflow-worker.mjs` (which
// registers tsx for this thread only). Configured by environment only; stops gracefully on
// SIGTERM/SIGINT.
import { readFile } from 'node:fs/promises'
import { Runtime } from '@temporalio/worker'
import {
  createEncryptionCodec,
  createSealer,
  largeOutputBytesFromEnv,
  loadPayloadKeys,
} from '@warmflow/engine'
import { createDb, createPostgresStores, readCredentialKey } from '@warmflow/store'
import { loadWorkerConfig } from './config.js'
import { createLog, logFormatFromEnv, logLevelFromEnv, nodeLogTo, temporalLoggerTo } from './logger.js'
import {
  createWorkerMetrics,
  type MetricsServer,
  metricsAddressFromEnv,
  observeActivities,
  serveMetrics,
} from './metrics.js'
import { formatPluginFailures, resolvePluginReferences } from './plugins.js'
import { startTracing } from './tracing.js'
import { createWarmflowWorker } from './worker.js'

/** `host:port`, with an IPv6 host in brackets. */
function hostPort(address: { host: string; port: number }): string {
  return `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`
}

/** Longest a stopping process waits for its work to end (`WARMFLOW_SHUTDOWN_TIMEOUT_MS`). */
export function shutdownTimeoutFromEnv(env: Record<string, string | undefined>): number {
  const value = Number(env.WARMFLOW_SHUTDOWN_TIMEOUT_MS ?? '')
  return Number.isInteger(value) && value >= 1_000 && value <= 600_000 ? value : 30_000
}

/**
 * Runs a worker process until SIGTERM or SIGINT, then stops it gracefully: it polls no new
 * work, running activities get most of `WARMFLOW_SHUTDOWN_TIMEOUT_MS` (default 30 s) to finish
 * before they are cancelled and handed to another worker by their retry policy, and the
 * process exits 0 (1 when stopping took longer than the bound). Logs go to standard output,
 * structured ({@link createLog}); metrics are served on `WARMFLOW_METRICS_PORT` when set.
 *
 * @example
 * await runWorkerProcess(process.env)
 */
export async function runWorkerProcess(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadWorkerConfig(env)
  const log = createLog({
    format: logFormatFromEnv(env, { role: true }),
    service: 'worker',
    level: logLevelFromEnv(env),
  })
  if (!config.temporal.address) {
    process.stderr.write('TEMPORAL_ADDRESS is not set / TEMPORAL_ADDRESS ontbreekt (e.g. localhost:7233)\n')
    process.exit(2)
  }
  const shutdownTimeoutMs = shutdownTimeoutFromEnv(env)
  // Temporal logs every failed activity with its error: errors are cut to their kind (no
  // client data), in the same structured log. Signals are handled below, with a bound.
  // Temporal's own SDK metrics (task slots, poll and schedule-to-start latencies, …) on a port
  // of their own, served by the SDK's core: WARMFLOW_TEMPORAL_METRICS_PORT.
  const sdkMetrics = metricsAddressFromEnv(env, 'WARMFLOW_TEMPORAL_METRICS_PORT')
  Runtime.install({
    logger: temporalLoggerTo(log),
    shutdownSignals: [],
    ...(sdkMetrics
      ? {
          telemetryOptions: {
            metrics: { prometheus: { bindAddress: hostPort(sdkMetrics), countersTotalSuffix: true } },
          },
        }
      : {}),
  })
  if (sdkMetrics) log.info({ url: `http://${hostPort(sdkMetrics)}/metrics` }, 'temporal metrics ready')
  const bundlePath = env.WARMFLOW_WORKFLOW_BUNDLE
  // Human tasks are written to PostgreSQL; without DATABASE_URL a human-task node waits and retries.
  // One pool for every store, as large as the two pools (stores and records) it replaces.
  const db = config.databaseUrl ? createDb(config.databaseUrl, { max: 8 }) : undefined
  // Credentials need the API's key (WARMFLOW_CREDENTIAL_KEY); a worker never makes one of its own.
  const credentialKey = readCredentialKey(env, config.dataDir, { create: false })
  // Every payload is encrypted; large node outputs go to PostgreSQL, encrypted with the same keys.
  const payloadKeys = loadPayloadKeys(env, config.dataDir)
  const largeOutputBytes = largeOutputBytesFromEnv(env)
  const metricsAddress = metricsAddressFromEnv(env)
  const metrics = metricsAddress ? createWorkerMetrics(db ? { db } : {}) : undefined
  // OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set.
  const tracing = startTracing(env, 'warmflow-worker')
  const stores = db
    ? createPostgresStores(db, { credentialKey, sealer: createSealer(payloadKeys) })
    : undefined
  const { worker, pluginFailures, registry, connection } = await createWarmflowWorker({
    address: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    // WARMFLOW_PLUGINS and warmflow.config.json (data folder, then current folder): the API uses the same list.
    plugins: resolvePluginReferences({ env, dataDir: config.dataDir }),
    ...stores,
    ...(largeOutputBytes ? { largeOutputBytes } : {}),
    // A run's payloads are encrypted with its own data key (run_keys) when there is a database.
    payloadCodecs: [createEncryptionCodec({ keys: payloadKeys, runKeys: stores?.runKeys })],
    ...(config.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: config.maxCachedWorkflows }),
    maxConcurrentWorkflowTaskExecutions: config.maxConcurrentWorkflowTasks,
    workflowThreadPoolSize: config.workflowThreads,
    workflowHeapMb: config.workflowHeapMb,
    ...(bundlePath ? { workflowBundle: { code: await readFile(bundlePath, 'utf8') } } : {}),
    nodeLog: nodeLogTo(log),
    ...(config.inFlightDir ? { inFlightDir: config.inFlightDir } : {}),
    activityInterceptors: [observeActivities(metrics ? { metrics } : {})],
    ...(tracing ? { tracing } : {}),
    // Running nodes may finish; what is left after this is handed back to Temporal.
    shutdownGraceTime: Math.max(1_000, shutdownTimeoutMs - 5_000),
    // Warmflow's daily retention job (WARMFLOW_AUDIT_RETENTION_DAYS for the audit log's term).
    retentionSchedule: true,
  })
  for (const line of formatPluginFailures(pluginFailures)) log.warn({ source: 'plugins' }, line)
  let metricsServer: MetricsServer | undefined
  if (metrics && metricsAddress) {
    metricsServer = await serveMetrics(metrics.registry, metricsAddress)
    log.info({ url: metricsServer.url }, 'metrics ready')
  }
  if (tracing) {
    // The collector's origin only: a URL's path or query may hold a token.
    log.info({ endpoint: new URL(tracing.endpoint).origin, prebuiltBundle: Boolean(bundlePath) }, 'traces on')
  }

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'worker stopping')
    setTimeout(() => {
      log.error({ ms: shutdownTimeoutMs }, 'worker did not stop in time')
      process.exit(1)
    }, shutdownTimeoutMs).unref()
    worker.shutdown()
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))

  log.info({ taskQueue: config.temporal.taskQueue, nodes: registry.list().length }, 'worker ready')
  await worker.run()
  await metricsServer?.close()
  await tracing?.shutdown()
  await connection.close()
  await db?.destroy()
  log.info('worker stopped')
  process.exit(0)
}
