// Chaos under load, bounded and on 127.0.0.1 only: signed webhook deliveries keep arriving while
// the only worker is killed with SIGKILL. Every accepted delivery must still become exactly one
// completed run, once a new worker is up — nothing lost, nothing doubled.
import { signWebhook } from '@warmflow/api'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'

let platform: TestPlatform

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
})

afterAll(async () => {
  killWorkerProcesses()
  await platform?.stop()
})

const deliveries = 40
const concurrency = 8

it('turns every delivery accepted around a worker crash into exactly one completed run', async () => {
  const first = await startWorkerProcess({ taskQueue: platform.taskQueue })
  const flow = await platform.request('POST', '/api/v1/flows', {
    name: 'Webhook onder last',
    nodes: [
      { id: 'hook', type: 'webhook', version: 1 },
      // A durable timer keeps runs in flight while the worker dies.
      { id: 'even', type: 'wait', version: 1, config: { duration: { seconds: 2 } } },
      { id: 'groet', type: 'transform', version: 1, config: { fields: { bericht: "'Hallo ' & naam" } } },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'even' },
      { id: 'e2', source: 'even', target: 'groet' },
    ],
  })
  expect(flow.status).toBe(201)
  const flowId = flow.body.id as string
  expect((await platform.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)
  const { body: made } = await platform.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)

  const accepted = new Map<string, string>()
  let next = 0
  let killed = false
  const sender = async () => {
    while (next < deliveries) {
      const n = next++
      if (n === deliveries / 2 && !killed) {
        killed = true
        first.kill('SIGKILL')
      }
      const id = `msg_load_${n}`
      const body = JSON.stringify({ naam: `Client ${n}` })
      const timestamp = Math.floor(Date.now() / 1000)
      const answer = await platform.as(null).request('POST', `/api/v1/hooks/${flowId}?wait=0`, body, {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(made.secret, id, timestamp, body),
      })
      expect(answer.status).toBe(202)
      accepted.set(answer.body.runId, `Hallo Client ${n}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, sender))
  expect(killed).toBe(true)
  expect(accepted.size).toBe(deliveries)

  // A new worker picks every run up where Temporal has it.
  await startWorkerProcess({ taskQueue: platform.taskQueue })
  const rows = await eventually(async () => {
    const found = await platform.db
      .selectFrom('runs')
      .select(['id', 'status'])
      .where('flow_id', '=', flowId)
      .execute()
    return found.length === deliveries && found.every((r) => r.status === 'completed') ? found : undefined
  }, 90_000)
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(accepted.keys()))
  for (const [runId, greeting] of accepted) {
    const detail = await platform.request('GET', `/api/v1/runs/${runId}`)
    expect(detail.body.output).toMatchObject({ bericht: greeting })
  }
}, 150_000)
