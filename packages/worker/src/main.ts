// The worker process, started by `node packages/worker/bin/warmflow-worker.mjs` (which registers
// tsx for this thread only). Stops gracefully on SIGTERM/SIGINT.
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
import { createWorkerLogger } from './logger.js'
import { formatPluginFailures, resolvePluginReferences } from './plugins.js'
import { createWarmflowWorker } from './worker.js'

const config = loadWorkerConfig()
if (!config.temporal.address) {
  process.stderr.write('TEMPORAL_ADDRESS is not set / TEMPORAL_ADDRESS ontbreekt (e.g. localhost:7233)\n')
  process.exit(2)
}
// Temporal logs every failed activity with its error: errors are cut to their kind (no client data).
Runtime.install({ logger: createWorkerLogger() })
const bundlePath = process.env.WARMFLOW_WORKFLOW_BUNDLE
// Human tasks are written to PostgreSQL; without DATABASE_URL a human-task node waits and retries.
// One pool for every store, as large as the two pools (stores and records) it replaces.
const db = config.databaseUrl ? createDb(config.databaseUrl, { max: 8 }) : undefined
// Credentials need the API's key (WARMFLOW_CREDENTIAL_KEY); a worker never makes one of its own.
const credentialKey = readCredentialKey(process.env, config.dataDir, { create: false })
// Every payload is encrypted; large node outputs go to PostgreSQL, encrypted with the same keys.
const payloadKeys = loadPayloadKeys(process.env, config.dataDir)
const largeOutputBytes = largeOutputBytesFromEnv(process.env)
const { worker, pluginFailures, registry, connection } = await createWarmflowWorker({
  address: config.temporal.address,
  namespace: config.temporal.namespace,
  taskQueue: config.temporal.taskQueue,
  // WARMFLOW_PLUGINS and warmflow.config.json (data folder, then current folder): the API uses the same list.
  plugins: resolvePluginReferences({ dataDir: config.dataDir }),
  ...(db ? createPostgresStores(db, { credentialKey, sealer: createSealer(payloadKeys) }) : {}),
  ...(largeOutputBytes ? { largeOutputBytes } : {}),
  payloadCodecs: [createEncryptionCodec({ keys: payloadKeys })],
  ...(bundlePath ? { workflowBundle: { code: await readFile(bundlePath, 'utf8') } } : {}),
})
for (const line of formatPluginFailures(pluginFailures)) process.stderr.write(`${line}\n`)
process.stdout.write(
  `${JSON.stringify({ msg: 'worker ready', taskQueue: config.temporal.taskQueue, nodes: registry.list().length, pid: process.pid })}\n`,
)
await worker.run()
await connection.close()
await db?.destroy()
