import { randomBytes, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Client } from '@temporalio/client'
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker'
import { connectApiTemporal, createApp } from '@warmflow/api'
import { freePort, startTemporalDevServer, type TemporalDevServer } from '@warmflow/cli/services'
import { warmflowDataConverter } from '@warmflow/engine'
import { createDb, createPostgresRunStore, createPostgresTaskStore } from '@warmflow/store'
import { createWarmflowWorker } from '@warmflow/worker'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { testPayloadCodecs } from '../support/platform.js'
import { createAccounts, type Requester, type TestResponse } from '../support/users.js'

// A Temporal dev server of this file alone: the test stops it, so the shared one stays up.
let temporal: TemporalDevServer
let client: Client
let db: ReturnType<typeof createDb>
let designer: Requester
/** The designer on an app that starts runs eagerly, over a worker's connection that stays open. */
let eagerDesigner: Requester
let eagerConnection: NativeConnection
let approver: Requester
let runId: string
let taskId: string
let flowId: string

const taskFlow = {
  name: 'Storing: taak wacht',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    {
      id: 'check',
      type: 'human.task',
      version: 1,
      config: {
        title: { nl: 'Controleren', en: 'Check' },
        role: 'approver',
        form: { fields: { opmerking: { type: 'string', title: { nl: 'Opmerking', en: 'Remark' } } } },
      },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'check' }],
}

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] })
  } catch {
    // Installed already by another file in this test process.
  }
  temporal = await startTemporalDevServer({ port: await freePort() })
  const payloadCodecs = testPayloadCodecs()
  db = createDb(inject('databaseUrl'), { max: 4 })
  const taskQueue = `outage-${randomUUID()}`
  const worker = await createWarmflowWorker({
    address: temporal.address,
    taskQueue,
    plugins: [],
    workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
    payloadCodecs,
    taskStore: createPostgresTaskStore(db),
    runStore: createPostgresRunStore(db),
  })
  const running = worker.worker.run()
  // The API's client exactly as `warmflow start` builds it.
  client = await connectApiTemporal({ address: temporal.address, payloadCodecs })
  const app = createApp({
    db,
    registry: worker.registry,
    temporal: { client, taskQueue, searchAttributes: true },
    credentialKey: randomBytes(32),
    auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
  })
  const accounts = createAccounts(app, db)
  const team = await accounts.createTeam()
  const designerUser = await accounts.createUser({ roles: ['designer', 'admin'], teams: [team] })
  designer = accounts.as(designerUser)
  // As under `warmflow start`, where the worker's connection stays open while Temporal is down.
  eagerConnection = await NativeConnection.connect({ address: temporal.address })
  const eagerApp = createApp({
    db,
    registry: worker.registry,
    temporal: {
      client,
      taskQueue,
      searchAttributes: true,
      eagerStart: new Client({
        connection: eagerConnection,
        dataConverter: warmflowDataConverter(payloadCodecs),
      }),
    },
    credentialKey: randomBytes(32),
    auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
  })
  eagerDesigner = createAccounts(eagerApp, db).as(designerUser)
  approver = accounts.as(await accounts.createUser({ roles: ['approver'], teams: [team] }))

  const flow = await designer.request('POST', `/api/v1/flows?teamId=${team.id}`, taskFlow)
  expect(flow.status, JSON.stringify(flow.body)).toBe(201)
  flowId = flow.body.id
  expect((await designer.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)
  const started = await designer.request('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })
  expect(started.status, JSON.stringify(started.body)).toBe(201)
  runId = started.body.id
  const deadline = Date.now() + 20_000
  for (;;) {
    const row = await db.selectFrom('tasks').select('id').where('run_id', '=', runId).executeTakeFirst()
    if (row) {
      taskId = row.id
      break
    }
    if (Date.now() > deadline) throw new Error('the run made no task')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  expect((await approver.request('POST', `/api/v1/tasks/${taskId}/claim`)).status).toBe(200)
  // Everything works while Temporal is up.
  expect((await designer.request('GET', `/api/v1/runs/${runId}`)).body.status).toBe('running')

  // Then Temporal goes down (the worker first, so it does not log the outage for a minute).
  worker.worker.shutdown()
  await running
  await worker.connection.close()
  await temporal.stop()
})

afterAll(async () => {
  await eagerConnection?.close()
  await client?.connection.close()
  await db?.destroy()
  await temporal?.stop()
})

async function timed(call: () => Promise<TestResponse>) {
  const startedAt = performance.now()
  const response = await call()
  return { response, ms: performance.now() - startedAt }
}

function expectTemporalUnavailable({ response, ms }: { response: TestResponse; ms: number }) {
  expect(response.status, JSON.stringify(response.body)).toBe(503)
  expect(ms).toBeLessThan(2_000)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(response.body).toMatchObject({
    status: 503,
    code: 'service.temporal_unavailable',
    message: { nl: expect.stringContaining('Temporal'), en: expect.stringContaining('Temporal') },
  })
}

describe('with Temporal down', () => {
  it('answers starting a run with 503 and Retry-After within 2 s', async () => {
    expectTemporalUnavailable(
      await timed(() => designer.request('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })),
    )
  })

  it('answers starting a run eagerly (one process) with 503 and Retry-After within 2 s', {
    timeout: 30_000,
  }, async () => {
    const before = await db.selectFrom('runs').select('id').where('flow_id', '=', flowId).execute()
    expectTemporalUnavailable(
      await timed(() => eagerDesigner.request('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })),
    )
    // The start that could not be made leaves no run behind once the worker's connection gives
    // it up (it retries for some seconds, and cannot be cancelled).
    await expect
      .poll(
        async () => (await db.selectFrom('runs').select('id').where('flow_id', '=', flowId).execute()).length,
        {
          timeout: 20_000,
          interval: 250,
        },
      )
      .toBe(before.length)
  })

  it('answers reading a run with 503 and Retry-After within 2 s', async () => {
    expectTemporalUnavailable(await timed(() => designer.request('GET', `/api/v1/runs/${runId}`)))
  })

  it('answers completing a task with 503 and Retry-After within 2 s; the task stays open', async () => {
    expectTemporalUnavailable(
      await timed(() =>
        approver.request('POST', `/api/v1/tasks/${taskId}/complete`, {
          decision: 'approve',
          fields: { opmerking: 'ok' },
        }),
      ),
    )
    const task = await db
      .selectFrom('tasks')
      .select('status')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow()
    expect(task.status).toBe('open')
  })

  it('says in /health that Temporal is down and the database is not, fast', async () => {
    const { response, ms } = await timed(() => designer.request('GET', '/health'))
    expect(response.status).toBe(503)
    expect(ms).toBeLessThan(2_000)
    expect(response.body).toEqual({ status: 'degraded', checks: { database: 'ok', temporal: 'error' } })
    expect(response.headers.get('retry-after')).toBe('5')
  })
})
