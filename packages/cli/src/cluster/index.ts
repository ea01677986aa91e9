import cluster from 'node:cluster'
import { createWriteStream, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '@warmflow/api/config'
import { loadPayloadKeys } from '@warmflow/engine'
import { ensureEditorBuilt } from '../services/editor-build.js'
import { portIsFree } from '../services/ports.js'
import { ensureDatabase } from '../services/postgres.js'
import { ensureWorkflowBundle } from '../services/workflow-bundle.js'
import { ensureTemporalBinaries } from './binaries.js'
import { type KeptProcess, keepRunning, spawnTiedToParent } from './processes.js'
import {
  ensureNamespace,
  planTemporalServer,
  setUpTemporalDatabases,
  temporalDatabasesFrom,
  temporalDir,
  temporalServerArgs,
} from './temporal-server.js'

export { ensureTemporalBinaries, findTemporalServer, findTemporalSqlTool } from './binaries.js'
export { keepRunning, spawnTiedToParent } from './processes.js'
export { temporalServerConfig } from './temporal-config.js'
export { temporalDatabasesFrom } from './temporal-server.js'

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const cliEntry = fileURLToPath(new URL('../../bin/warmflow.mjs', import.meta.url))

/** How many API and worker processes the cluster profile runs by default. */
export const defaultClusterSize = { api: 2, worker: 2 }

/** What `warmflow start --cluster` writes to `<data>/cluster/processes.json` while it runs. */
export interface ClusterStatus {
  /** The supervisor (`warmflow start --cluster`). */
  pid: number
  /** The one address of the API processes. */
  url: string
  temporal: { address: string; pid: number | undefined; metricsUrl: string }
  /** Every API and worker process, with its current pid (undefined while it is restarted). */
  processes: { name: string; role: 'api' | 'worker'; pid: number | undefined; restarts: number }[]
}

/** A whole number in `[min, max]` from the environment, or the default. */
function countFrom(value: string | undefined, fallback: number, min: number, max: number): number {
  const parsed = Number(value)
  return value !== undefined && Number.isInteger(parsed) && parsed >= min && parsed <= max ? parsed : fallback
}

/**
 * `warmflow start --cluster` (`pnpm start:cluster`): Warmflow as it runs in production, on one
 * machine. The real Temporal server (not the dev server) on PostgreSQL, with its own two
 * databases (`warmflow_temporal` and `warmflow_temporal_visibility`, schemas set up and upgraded
 * with `temporal-sql-tool`), the `default` namespace and Warmflow's search attributes; then
 * `warmflow migrate` in this process, two `warmflow worker` processes and two `warmflow api`
 * processes sharing one port through Node's cluster module. Every process is started again when
 * it stops unexpectedly; Ctrl+C or SIGTERM stops the API processes, then the workers, then
 * Temporal, each gracefully.
 *
 * Logs go to `<data>/cluster/logs/<process>.log`; the pids to `<data>/cluster/processes.json`.
 * `WARMFLOW_CLUSTER_APIS` and `WARMFLOW_CLUSTER_WORKERS` (1–8) change the counts;
 * `WARMFLOW_TEMPORAL_DATABASE_URL` gives Temporal a database of its own choosing.
 */
export async function startCluster(
  env: NodeJS.ProcessEnv = process.env,
  args: readonly string[] = [],
): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`)
  const startedAt = Date.now()
  const config = loadConfig(env)
  const clusterDir = join(config.dataDir, 'cluster')
  const logDir = join(clusterDir, 'logs')
  mkdirSync(logDir, { recursive: true, mode: 0o700 })
  const apis = countFrom(env.WARMFLOW_CLUSTER_APIS, defaultClusterSize.api, 1, 8)
  const workers = countFrom(env.WARMFLOW_CLUSTER_WORKERS, defaultClusterSize.worker, 1, 8)

  if (args.includes('--build-editor')) await ensureEditorBuilt(repositoryRoot, { log: say })
  const bundling = env.WARMFLOW_WORKFLOW_BUNDLE
    ? Promise.resolve(env.WARMFLOW_WORKFLOW_BUNDLE)
    : ensureWorkflowBundle(repositoryRoot, join(config.dataDir, 'cache'), { log: say })
  bundling.catch(() => undefined)
  const binaries = await ensureTemporalBinaries(env, say)

  // Warmflow's database (as `pnpm start`), then Temporal's two beside it.
  const { ownerUrl, appUrl } = await ensureDatabase(env)
  const temporalUrl = new URL(env.WARMFLOW_TEMPORAL_DATABASE_URL ?? ownerUrl)
  if (!env.WARMFLOW_TEMPORAL_DATABASE_URL) temporalUrl.pathname = '/warmflow_temporal'
  const databases = temporalDatabasesFrom(temporalUrl.toString())
  say(`Temporal: setting up ${databases.database} and ${databases.visibilityDatabase}…`)
  await setUpTemporalDatabases(binaries.sqlTool, databases, env)
  const { migrateAndGrant } = await import('../services/database.js')
  const { migrated } = await migrateAndGrant(ownerUrl, appUrl)
  say(`PostgreSQL: ready${migrated.length ? `, applied ${migrated.join(', ')}` : ''}`)

  // Temporal's usual port when free (clients' default), otherwise any free port.
  const temporalPort = env.WARMFLOW_TEMPORAL_PORT
    ? Number(env.WARMFLOW_TEMPORAL_PORT)
    : (await portIsFree(7233))
      ? 7233
      : undefined
  const plan = await planTemporalServer(temporalDir(clusterDir), databases, {
    ...(temporalPort ? { frontendPort: temporalPort } : {}),
  })
  const logTo = (name: string) => {
    const stream = createWriteStream(join(logDir, `${name}.log`), { flags: 'a', mode: 0o600 })
    return (line: string) => stream.write(`${line}\n`)
  }
  const kept: KeptProcess[] = []
  const statusFile = join(clusterDir, 'processes.json')
  let url = ''
  const writeStatus = () => {
    const status: ClusterStatus = {
      pid: process.pid,
      url,
      temporal: {
        address: plan.address,
        pid: kept.find((p) => p.name === 'temporal')?.child?.pid,
        metricsUrl: `http://127.0.0.1:${plan.settings.metricsPort}/metrics`,
      },
      processes: kept
        .filter((p) => p.name !== 'temporal')
        .map((p) => ({
          name: p.name,
          role: p.name.startsWith('api') ? 'api' : 'worker',
          pid: p.child?.pid,
          restarts: p.restarts,
        })),
    }
    writeFileSync(`${statusFile}.tmp`, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 })
    renameSync(`${statusFile}.tmp`, statusFile)
  }

  say('Temporal: starting the server on PostgreSQL…')
  const temporal = keepRunning({
    name: 'temporal',
    launch: () =>
      spawnTiedToParent(binaries.server, temporalServerArgs(plan), { env: { ...env, ...plan.env } }),
    // Its JSON log at level warn says little; readiness comes from the frontend answering below.
    readyText: '',
    onLine: logTo('temporal'),
    say,
    // Written once it is in `kept`, and again on each restart (a new pid).
    onStart: () => setImmediate(writeStatus),
  })
  kept.push(temporal)

  let stopping = false
  const stopAll = async (exitCode: number) => {
    if (stopping) return
    stopping = true
    const grace = Number(env.WARMFLOW_SHUTDOWN_TIMEOUT_MS ?? 30_000) + 5_000
    // The API first (its port closes, requests in flight finish), then the workers, then Temporal.
    await Promise.all(kept.filter((p) => p.name.startsWith('api')).map((p) => p.stop(grace)))
    await Promise.all(kept.filter((p) => p.name.startsWith('worker')).map((p) => p.stop(grace)))
    await temporal.stop(15_000)
    say('Stopped. / Gestopt.')
    process.exit(exitCode)
  }
  process.once('SIGINT', () => void stopAll(0))
  process.once('SIGTERM', () => void stopAll(0))

  try {
    await ensureNamespace(plan.address, config.temporal.namespace, 120_000)
    say(
      `Temporal: ${plan.address} (namespace ${config.temporal.namespace}, PostgreSQL ${databases.database})`,
    )

    // Every process reads the same keys: make the key files once, before any of them starts.
    loadPayloadKeys(env, config.dataDir)
    const [{ loadCredentialKey }, { ensurePseudonymKey }] = await Promise.all([
      import('@warmflow/store'),
      import('@warmflow/nodes'),
    ])
    loadCredentialKey(env, config.dataDir)
    const roleEnv: NodeJS.ProcessEnv = {
      ...env,
      DATABASE_URL: appUrl,
      TEMPORAL_ADDRESS: plan.address,
      WARMFLOW_DATA_DIR: config.dataDir,
      WARMFLOW_WORKFLOW_BUNDLE: await bundling,
      // Created just above on the cluster's own server.
      WARMFLOW_SEARCH_ATTRIBUTES: env.WARMFLOW_SEARCH_ATTRIBUTES ?? 'on',
    }
    delete roleEnv.DATABASE_MIGRATION_URL
    ensurePseudonymKey(roleEnv, config.dataDir)
    // One metrics port per process when asked for: the given port, then the next ones.
    const metricsBase = env.WARMFLOW_METRICS_PORT ? Number(env.WARMFLOW_METRICS_PORT) : undefined
    const sdkMetricsBase = env.WARMFLOW_TEMPORAL_METRICS_PORT
      ? Number(env.WARMFLOW_TEMPORAL_METRICS_PORT)
      : undefined
    delete roleEnv.WARMFLOW_METRICS_PORT
    delete roleEnv.WARMFLOW_TEMPORAL_METRICS_PORT

    for (let i = 1; i <= workers; i++) {
      const workerEnv = {
        ...roleEnv,
        ...(metricsBase ? { WARMFLOW_METRICS_PORT: String(metricsBase + apis + i - 1) } : {}),
        ...(sdkMetricsBase ? { WARMFLOW_TEMPORAL_METRICS_PORT: String(sdkMetricsBase + i - 1) } : {}),
      }
      kept.push(
        keepRunning({
          name: `worker-${i}`,
          launch: () =>
            spawnTiedToParent(process.execPath, [...process.execArgv, cliEntry, 'worker'], {
              env: workerEnv,
              cwd: repositoryRoot,
            }),
          readyText: 'worker ready',
          onLine: logTo(`worker-${i}`),
          say,
          onStart: () => setImmediate(writeStatus),
        }),
      )
    }
    // The API processes share one listening port through Node's cluster module: the kernel
    // socket stays open while one of them is restarted, and each request keeps its client's
    // address (login limits count per address) with no proxy hop in between.
    cluster.setupPrimary({ exec: cliEntry, args: ['api'], silent: true, cwd: repositoryRoot })
    for (let i = 1; i <= apis; i++) {
      const apiEnv = {
        ...roleEnv,
        ...(metricsBase ? { WARMFLOW_METRICS_PORT: String(metricsBase + i - 1) } : {}),
      }
      kept.push(
        keepRunning({
          name: `api-${i}`,
          launch: () => cluster.fork(apiEnv).process,
          readyText: 'api ready',
          onLine: logTo(`api-${i}`),
          say,
          onStart: () => setImmediate(writeStatus),
        }),
      )
    }
    await Promise.all(kept.filter((p) => p !== temporal).map((p) => p.ready))
    url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`
    writeStatus()

    const [{ ensureFirstAdmin }, { createDb }, { startupBanner }] = await Promise.all([
      import('@warmflow/api'),
      import('@warmflow/store'),
      import('../services/banner.js'),
    ])
    const db = createDb(appUrl, { max: 1 })
    const firstAdmin = await ensureFirstAdmin(db).finally(() => db.destroy())
    say(
      `Cluster: ${apis} API and ${workers} worker processes, logs in ${logDir}. / ${apis} API- en ${workers} workerprocessen.`,
    )
    say(`Started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`)
    say('')
    for (const line of startupBanner({ url, firstAdmin })) say(line)
  } catch (error) {
    say(`warmflow start --cluster: ${error instanceof Error ? error.message : String(error)}`)
    await stopAll(1)
  }
}
