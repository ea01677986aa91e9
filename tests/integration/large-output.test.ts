import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import {
  buildRunInput,
  createSealer,
  flowDefinitionSchema,
  interpreterWorkflowType,
  parsePayloadKeys,
  type RunFlowInput,
  type RunFlowResult,
  type RunProgress,
  snapshotFlow,
} from '@warmflow/engine'
import { createDb, createOutputStore, type Database } from '@warmflow/store'
import { createWarmflowWorker, type WarmflowWorker } from '@warmflow/worker'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { testPayloadCodecs } from '../support/platform.js'

const taskQueue = `large-output-${randomUUID()}`
// 1 MB: the longest text an expression may build, and four times the large-output threshold.
const oneMegabyte = 1_000_000

// `produce` returns ~1 MB; `consume` reads it. Both are ordinary built-in transform nodes.
const definition = flowDefinitionSchema.parse({
  name: 'Large output',
  nodes: [
    { id: 'start', type: 'manual', version: 1, config: {}, position: { x: 0, y: 0 } },
    {
      id: 'produce',
      type: 'transform',
      version: 1,
      config: { fields: { big: `$pad('', ${oneMegabyte}, 'w')` }, keepInput: true },
      position: { x: 200, y: 0 },
    },
    {
      id: 'consume',
      type: 'transform',
      version: 1,
      config: { fields: { length: '$length(big)', first: '$substring(big, 0, 3)' }, keepInput: false },
      position: { x: 400, y: 0 },
    },
  ],
  edges: [
    { id: 'start-produce', source: 'start', target: 'produce' },
    { id: 'produce-consume', source: 'produce', target: 'consume' },
  ],
})

let db: Kysely<Database>
let worker: WarmflowWorker
let running: Promise<void>
let connection: Connection
let client: Client

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  const payloadCodecs = testPayloadCodecs()
  db = createDb(inject('databaseUrl'), { max: 2 })
  worker = await createWarmflowWorker({
    address: inject('temporalAddress'),
    taskQueue,
    workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
    payloadCodecs,
    outputs: createOutputStore(db, { sealer: createSealer(parsePayloadKeys(inject('payloadKeys'))) }),
  })
  running = worker.worker.run()
  connection = await Connection.connect({ address: inject('temporalAddress') })
  client = new Client({ connection, dataConverter: { payloadCodecs } })
})

afterAll(async () => {
  if (worker) {
    worker.worker.shutdown()
    await running
    await worker.connection.close()
  }
  await connection?.close()
  await db?.destroy()
})

it('stores a 1 MB output in PostgreSQL, passes a reference, and keeps the Temporal history small', async () => {
  const runId = randomUUID()
  const workflowId = `large-output-${runId}`
  const input: RunFlowInput = buildRunInput({
    runId,
    snapshot: snapshotFlow(randomUUID(), 1, definition),
    input: { name: 'x' },
    registry: worker.registry,
  })
  const handle = await client.workflow.start<(input: RunFlowInput) => Promise<RunFlowResult>>(
    interpreterWorkflowType,
    { workflowId, taskQueue, args: [input] },
  )
  const result = await handle.result()
  // The next node saw the real data.
  expect(result.output).toEqual({ length: oneMegabyte, first: 'www' })

  // The workflow only ever held a reference to it.
  const progress = await handle.query<RunProgress>('progress')
  expect(progress.nodes.produce?.output).toEqual({ $ref: expect.stringMatching(/^output:[0-9a-f-]{36}$/) })

  // History: well under the output's size.
  const description = await handle.describe()
  const historyBytes = Number(description.raw.workflowExecutionInfo?.historySizeBytes ?? 0)
  expect(historyBytes).toBeGreaterThan(0)
  expect(historyBytes).toBeLessThan(64 * 1024)
  const history = await handle.fetchHistory()
  let payloadBytes = 0
  for (const event of history.events ?? []) {
    for (const value of Object.values(event)) {
      if (value && typeof value === 'object') payloadBytes += JSON.stringify(value).length
    }
  }
  expect(payloadBytes).toBeLessThan(oneMegabyte / 4)

  // PostgreSQL holds it once, encrypted with the payload key.
  const rows = await db.selectFrom('node_outputs').selectAll().where('run_id', '=', runId).execute()
  expect(rows).toHaveLength(1)
  const newestKey = parsePayloadKeys(inject('payloadKeys'))[0]!.id
  expect(rows[0]).toMatchObject({ node_id: 'produce', key_id: newestKey })
  expect(rows[0]!.size_bytes).toBeGreaterThan(oneMegabyte)
  expect(Buffer.from(rows[0]!.data).includes('wwwwwwwwwwwwwwww')).toBe(false)
})
