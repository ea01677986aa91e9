import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { connectApiTemporal, createApiMetrics, loadConfig, startServer } from '@warmflow/api'
import {
  controlPlugin,
  createEncryptionCodec,
  createRegistry,
  createSealer,
  loadPayloadKeys,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { createDb, createPostgresStores, readCredentialKey } from '@warmflow/store'
import {
  createLog,
  formatPluginFailures,
  loadPlugins,
  logFormatFromEnv,
  logLevelFromEnv,
  type MetricsServer,
  metricsAddressFromEnv,
  resolvePluginReferences,
  serveMetrics,
  shutdownTimeoutFromEnv,
  startTracing,
} from '@warmflow/worker'
import { required } from './config.js'

const editorDir = fileURLToPath(new URL('../../../editor/dist/', import.meta.url))

/**
 * `warmflow api`: the HTTP API (and the built editor, when `packages/editor/dist` exists) and
 * nothing else, configured by environment only: `DATABASE_URL` and `TEMPORAL_ADDRESS` are
 * required; the schema must be migrated (`warmflow migrate`). On SIGTERM or SIGINT it stops
 * accepting connections, lets requests in flight finish (at most `WARMFLOW_SHUTDOWN_TIMEOUT_MS`,
 * default 30 s, then cuts what is left), closes its Temporal connection and database pool, and
 * exits 0.
 *
 * @example
 * DATABASE_URL=… TEMPORAL_ADDRESS=temporal:7233 PORT=3000 warmflow api
 */
export async function apiRole(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(env)
  const log = createLog({
    format: logFormatFromEnv(env, { role: true }),
    service: 'api',
    level: logLevelFromEnv(env),
  })
  const databaseUrl = required(env, 'DATABASE_URL', 'PostgreSQL URL')
  const address = required(env, 'TEMPORAL_ADDRESS', 'host:port of Temporal')
  const shutdownTimeoutMs = shutdownTimeoutFromEnv(env)
  const metricsAddress = metricsAddressFromEnv(env)

  const payloadKeys = loadPayloadKeys(env, config.dataDir)
  // The workers' key: without it, storing a credential or a webhook secret answers 503.
  const credentialKey = readCredentialKey(env, config.dataDir, { create: false })
  if (!credentialKey)
    log.warn(
      { variable: 'WARMFLOW_CREDENTIAL_KEY' },
      'no credential key: credentials and webhook secrets are off',
    )
  // The node catalogue: the same plugins the workers load (WARMFLOW_PLUGINS, warmflow.config.json).
  const loaded = await loadPlugins(resolvePluginReferences({ env, dataDir: config.dataDir }))
  for (const line of formatPluginFailures(loaded.failures)) log.warn({ source: 'plugins' }, line)
  const registry = createRegistry([controlPlugin, builtinPlugin, ...loaded.plugins])

  const db = createDb(databaseUrl, { max: 10 })
  const stores = createPostgresStores(db, { credentialKey, sealer: createSealer(payloadKeys) })
  // A run's payloads are encrypted with its own data key (run_keys); erasure destroys it.
  const payloadCodecs = [createEncryptionCodec({ keys: payloadKeys, runKeys: stores.runKeys })]
  // OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set: a span per
  // request, carried into the workflows it starts.
  const tracing = startTracing(env, 'warmflow-api')
  // Short deadlines and few retries: while Temporal is down the API answers 503 within 2 s.
  const client = await connectApiTemporal({
    address,
    namespace: config.temporal.namespace,
    payloadCodecs,
    tracing: Boolean(tracing),
  })

  const metrics = metricsAddress ? createApiMetrics() : undefined
  let metricsServer: MetricsServer | undefined
  const server = await startServer(
    {
      db,
      registry,
      temporal: {
        client,
        taskQueue: config.temporal.taskQueue,
        // Only when the operator created them on the cluster (WARMFLOW_SEARCH_ATTRIBUTES=on).
        searchAttributes: config.temporal.searchAttributes === 'on',
      },
      ...(existsSync(editorDir) ? { editorDir } : {}),
      pluginFailures: loaded.failures,
      ...(credentialKey ? { credentialKey } : {}),
      stores,
      // Production sends no e-mail to a test outbox: a flow that sends needs its team's SMTP credential.
      requireSmtpCredential: env.WARMFLOW_ENV === 'production',
      auth: {
        ...(config.oidc ? { oidc: config.oidc } : {}),
        loginRateLimit: { max: config.loginLimit, windowMs: 5 * 60_000 },
      },
      observe: { log, ...(metrics ? { metrics: metrics.http } : {}) },
    },
    { port: config.port, host: config.host },
  )
  if (metrics && metricsAddress) {
    metricsServer = await serveMetrics(metrics.registry, metricsAddress)
    log.info({ url: metricsServer.url }, 'metrics ready')
  }
  // The collector's origin only: a URL's path or query may hold a token.
  if (tracing) log.info({ endpoint: new URL(tracing.endpoint).origin }, 'traces on')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'api stopping')
    setTimeout(() => {
      log.error({ ms: shutdownTimeoutMs }, 'api did not stop in time')
      process.exit(1)
    }, shutdownTimeoutMs).unref()
    // In-flight requests get the grace; long event streams are cut after it.
    await server.close({ graceMs: Math.max(500, shutdownTimeoutMs - 5_000) })
    await metricsServer?.close()
    await client.connection.close()
    await db.destroy()
    await tracing?.shutdown()
    log.info('api stopped')
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop('SIGTERM'))
  process.once('SIGINT', () => void stop('SIGINT'))
  log.info({ url: server.url }, 'api ready')
}
