// A worker process for the expression fuzz test: the real worker (built-in nodes, the PostgreSQL
// stores) with a `/health` endpoint served by the same process on 127.0.0.1, so the test can see
// whether an expression holds up this process's event loop.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createEncryptionCodec, createSealer, parsePayloadKeys, payloadKeysVariable } from '@warmflow/engine'
import { createDb, createPostgresStores } from '@warmflow/store'
import { createWarmflowWorker } from '@warmflow/worker'

const env = process.env as Record<string, string>
// How long this process's event loop was held up since the previous /health, for the test's report.
const delay = monitorEventLoopDelay({ resolution: 5 })
delay.enable()
const health = createServer((request, response) => {
  const ok = request.url === '/health'
  response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' })
  const loopDelayMs = Math.round(delay.max / 1e6)
  delay.reset()
  response.end(JSON.stringify(ok ? { status: 'ok', pid: process.pid, loopDelayMs } : { status: 'not_found' }))
})
await new Promise<void>((resolve) => health.listen(Number(env.FUZZ_HEALTH_PORT), '127.0.0.1', resolve))

const db = createDb(env.DATABASE_URL!, { max: 2 })
const payloadKeys = parsePayloadKeys(env[payloadKeysVariable]!)
const stores = createPostgresStores(db, { sealer: createSealer(payloadKeys) })
const { worker } = await createWarmflowWorker({
  address: env.TEMPORAL_ADDRESS!,
  taskQueue: env.WARMFLOW_TASK_QUEUE!,
  workflowBundle: { code: await readFile(env.WARMFLOW_WORKFLOW_BUNDLE!, 'utf8') },
  payloadCodecs: [createEncryptionCodec({ keys: payloadKeys, runKeys: stores.runKeys })],
  ...stores,
})
process.stdout.write(`worker ready ${process.pid}\n`)
await worker.run()
health.close()
await db.destroy()
