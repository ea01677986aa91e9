import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'

// A receiver that fails the first delivery and accepts the next, recording each Idempotency-Key.
const received: { attempt: number; key: string | undefined }[] = []
let receiver: Server
let port: number
let platform: TestPlatform

beforeAll(async () => {
  receiver = createServer((request, response) => {
    request.resume()
    received.push({
      attempt: received.length + 1,
      key: request.headers['idempotency-key'] as string | undefined,
    })
    response.writeHead(received.length === 1 ? 503 : 200, { 'content-type': 'application/json' })
    response.end('{"ok":true}')
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  port = (receiver.address() as AddressInfo).port
  // The worker's ctx.http may reach this one local receiver.
  process.env.WARMFLOW_HTTP_ALLOW = `127.0.0.1:${port}`
  platform = await startTestPlatform()
})
afterAll(async () => {
  await platform?.stop()
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
  delete process.env.WARMFLOW_HTTP_ALLOW
})

it('http.request sends the same Idempotency-Key when Temporal retries a POST', async () => {
  const created = await platform.request('POST', '/api/v1/flows', {
    name: 'Betaling doorgeven',
    nodes: [
      { id: 'start', type: 'manual', version: 1 },
      {
        id: 'betaal',
        type: 'http.request',
        version: 1,
        config: { method: 'POST', url: `http://127.0.0.1:${port}/betalingen`, body: '{ "bedrag": bedrag }' },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'betaal' }],
  })
  expect(created.status).toBe(201)
  expect((await platform.request('POST', `/api/v1/flows/${created.body.id}/publish`, {})).status).toBe(201)
  const started = await platform.request('POST', `/api/v1/flows/${created.body.id}/runs`, {
    input: { bedrag: 10 },
  })
  expect(started.status).toBe(201)
  const detail = await eventually(async () => {
    const answer = await platform.request('GET', `/api/v1/runs/${started.body.id}`)
    return answer.body.status === 'completed' || answer.body.status === 'failed' ? answer.body : undefined
  }, 30_000)
  expect(detail.status).toBe('completed')
  expect(detail.nodes.betaal.attempts).toBe(2)
  const row = await platform.db
    .selectFrom('runs')
    .select('workflow_id')
    .where('id', '=', started.body.id)
    .executeTakeFirstOrThrow()
  // Two deliveries, one key: the run's workflow and the node, the same on the retry.
  expect(received).toEqual([
    { attempt: 1, key: `${row.workflow_id}/betaal` },
    { attempt: 2, key: `${row.workflow_id}/betaal` },
  ])
})
