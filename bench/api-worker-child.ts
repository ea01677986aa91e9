// The API and a worker in one process, wired as `warmflow start` wires them (one database pool,
// one payload codec and its key cache, the run's first workflow task handed over by eager
// workflow start), for `pnpm bench:webhook`'s one-process profile. Started through
// bench/main-thread-tsx.mjs so its workflow threads run without tsx; reads BENCH_ONE (JSON:
// address, database URL, task queue, payload keys, workflow bundle, eager) and answers the
// parent over IPC with its API's URL once it serves.
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Client } from '@temporalio/client'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { connectApiTemporal, startServer } from '@warmflow/api'
import {
  createEncryptionCodec,
  createSealer,
  parsePayloadKeys,
  warmflowDataConverter,
} from '@warmflow/engine'
import { createDb, createPostgresStores } from '@warmflow/store'
import { createWarmflowWorker } from '@warmflow/worker'
import type { ApiWorkerChildSettings } from './worker-child-process.js'

const settings = JSON.parse(process.env.BENCH_ONE ?? '{}') as ApiWorkerChildSettings
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
const db = createDb(settings.databaseUrl, { max: 14 })
const payloadKeys = parsePayloadKeys(settings.keys)
const stores = createPostgresStores(db, { sealer: createSealer(payloadKeys) })
const payloadCodecs = [createEncryptionCodec({ keys: payloadKeys, runKeys: stores.runKeys })]
const { worker, registry, connection } = await createWarmflowWorker({
  address: settings.address,
  taskQueue: settings.taskQueue,
  workflowBundle: { code: await readFile(settings.bundlePath, 'utf8') },
  payloadCodecs,
  ...stores,
})
const running = worker.run()
const client = await connectApiTemporal({ address: settings.address, payloadCodecs })
const eagerStart = settings.eager
  ? new Client({ connection, dataConverter: warmflowDataConverter(payloadCodecs) })
  : undefined
const server = await startServer(
  {
    db,
    registry,
    temporal: {
      client,
      taskQueue: settings.taskQueue,
      searchAttributes: true,
      ...(eagerStart ? { eagerStart } : {}),
    },
    credentialKey: randomBytes(32),
    stores,
  },
  { port: 0, host: '127.0.0.1' },
)
process.send?.({ url: server.url })
process.on('message', async () => {
  await server.close()
  worker.shutdown()
  await running.catch(() => undefined)
  await client.connection.close()
  await connection.close()
  await db.destroy()
  process.exit(0)
})
