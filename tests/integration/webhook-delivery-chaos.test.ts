// Chaos during a burst, bounded and on 127.0.0.1 only: signed webhook deliveries arrive a few at
// a time while the whole API+worker process tree (an API process with its in-process worker, as
// `warmflow start` runs it, plus a second worker process) is killed with SIGKILL. After a restart
// the sender retries every delivery that got no 2xx, with the same webhook-id, as Standard
// Webhooks senders do. Each delivery must have become exactly one run (one row per delivery key,
// one Temporal execution per workflow id), no retry may get a 5xx, and the flow's side effect, a
// signed `webhook.send` to a receiver here, reaches the receiver under one stable webhook-id per
// delivery: at least once, and when more than once then with that same id (what the node promises).
import type { ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type createApp, signWebhook } from '@warmflow/api'
import { freePort } from '@warmflow/cli/services'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createAccounts } from '../support/users.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'

const deliveries = 60
const concurrency = 6
/**
 * The tree dies once this many deliveries were answered and the receiver holds a send it has
 * not answered yet (or, failing that, three quarters into the burst), with the next few
 * deliveries in flight.
 */
const killAfter = 24
const apiEntry = 'tests/fixtures/api-worker-process.ts'

let platform: TestPlatform
let receiver: Server
/** What the receiver got: one entry per request, in order. */
const received: { webhookId: string; levering: number }[] = []
/** Requests the receiver has taken and not yet answered. */
let pending = 0

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
  receiver = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on('end', () => {
      const parsed = JSON.parse(body) as { levering: number }
      received.push({ webhookId: String(request.headers['webhook-id']), levering: parsed.levering })
      pending++
      // Slow, so sends are in flight when the tree dies: taken, but not yet answered.
      setTimeout(() => {
        pending--
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end('{"ok":true}')
      }, 300)
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  killWorkerProcesses()
  await new Promise((resolve) => receiver?.close(resolve))
  await platform?.stop()
})

type Answer = { status?: number; runId?: string }

it('gives every delivery exactly one run and its side effect one key, across a SIGKILL of the process tree', async () => {
  const taskQueue = `webhook-chaos-${randomUUID()}`
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const receiverPort = (receiver.address() as AddressInfo).port
  const env = {
    WARMFLOW_CREDENTIAL_KEY: randomBytes(32).toString('base64'),
    WARMFLOW_HTTP_ALLOW: `127.0.0.1:${receiverPort}`,
    WARMFLOW_PORT: String(port),
  }
  const startTree = () =>
    Promise.all([
      startWorkerProcess({ taskQueue, entry: apiEntry, env }),
      startWorkerProcess({ taskQueue, env }),
    ])
  let tree: ChildProcess[] = await startTree()

  // Set up through the API process itself: it holds the credential key.
  const overHttp = createAccounts(
    { request: (path: string, init?: RequestInit) => fetch(`${base}${path}`, init) } as unknown as ReturnType<
      typeof createApp
    >,
    platform.db,
  ).as(platform.admin)
  const credential = await overHttp.request('POST', '/api/v1/credentials', {
    name: 'ontvanger',
    value: `whsec_${randomBytes(24).toString('base64')}`,
  })
  expect(credential.status).toBe(201)
  const flow = await overHttp.request('POST', '/api/v1/flows', {
    name: 'Webhook door, bij crash',
    nodes: [
      { id: 'hook', type: 'webhook', version: 1 },
      {
        id: 'melden',
        type: 'webhook.send',
        version: 1,
        config: { url: `http://127.0.0.1:${receiverPort}/ontvang` },
        credentials: { webhook: 'ontvanger' },
      },
    ],
    edges: [{ id: 'e1', source: 'hook', target: 'melden' }],
  })
  expect(flow.status).toBe(201)
  const flowId = flow.body.id as string
  expect((await overHttp.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)
  const made = await overHttp.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
  expect(made.status).toBe(201)
  const secret = made.body.secret as string

  const deliver = async (n: number): Promise<Answer> => {
    const id = `msg_chaos_${n}`
    const body = JSON.stringify({ levering: n })
    // A retry is signed again (new timestamp) under the same webhook-id.
    const timestamp = Math.floor(Date.now() / 1000)
    try {
      const response = await fetch(`${base}/api/v1/hooks/${flowId}?wait=0`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, id, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(15_000),
      })
      const answer = (await response.json().catch(() => ({}))) as { runId?: string }
      return { status: response.status, ...(answer.runId ? { runId: answer.runId } : {}) }
    } catch {
      // The connection died with the process, or nothing listens.
      return {}
    }
  }

  // The burst; the tree dies in the middle of it, and the sender keeps going.
  const first = new Map<number, Answer>()
  let next = 0
  let answered = 0
  let killed = false
  let sendsInFlightAtKill = 0
  const sender = async () => {
    while (next < deliveries) {
      const n = next++
      const answer = await deliver(n)
      first.set(n, answer)
      if (answer.status !== undefined) answered++
      if (!killed && answered >= killAfter && (pending > 0 || answered >= (deliveries * 3) / 4)) {
        killed = true
        sendsInFlightAtKill = pending
        for (const child of tree) child.kill('SIGKILL')
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, sender))
  expect(killed).toBe(true)
  for (const child of tree) {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => child.once('exit', resolve))
    }
  }

  // What the crash left: rows whose start was not confirmed, and whether Temporal has their run.
  const unconfirmed = await platform.db
    .selectFrom('runs')
    .select(['workflow_id'])
    .where('flow_id', '=', flowId)
    .where('status', '=', 'starting')
    .execute()
  let startedButUnconfirmed = 0
  for (const row of unconfirmed) {
    const exists = await platform.client.workflow
      .getHandle(row.workflow_id)
      .describe()
      .then(
        () => true,
        () => false,
      )
    if (exists) startedButUnconfirmed++
  }

  tree = await startTree()
  const retried = new Map<number, Answer[]>()
  for (const [n, answer] of first) {
    if (answer.status !== undefined && answer.status >= 200 && answer.status < 300) continue
    const attempts: Answer[] = []
    retried.set(n, attempts)
    for (let attempt = 0; attempt < 5; attempt++) {
      const again = await deliver(n)
      attempts.push(again)
      if (again.status !== undefined && again.status < 300) break
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  const retryStatuses = [...retried.values()].flat().map((a) => a.status)
  const failedFirst = [...first.values()].filter((a) => a.status === undefined || a.status >= 300)
  const tally = (statuses: (number | undefined)[]) =>
    statuses.reduce<Record<string, number>>((counts, status) => {
      const key = String(status ?? 'no answer')
      counts[key] = (counts[key] ?? 0) + 1
      return counts
    }, {})
  const crash = {
    deliveries,
    sendsInFlightAtKill,
    firstStatuses: tally([...first.values()].map((a) => a.status)),
    leftStartingByCrash: unconfirmed.length,
    startedInTemporalButUnconfirmed: startedButUnconfirmed,
    retried: failedFirst.length,
    retryStatuses: tally(retryStatuses),
  }
  console.info(JSON.stringify(crash))
  // No retry was answered with a server error (nor left unanswered).
  expect(retryStatuses.filter((status) => status === undefined || status >= 500)).toEqual([])

  // Every run finishes; one row per delivery key, and that row is the run every answer named.
  const rows = await eventually(
    async () => {
      const found = await platform.db
        .selectFrom('runs')
        .select(['id', 'workflow_id', 'idempotency_key', 'status'])
        .where('flow_id', '=', flowId)
        .execute()
      return found.length === deliveries && found.every((r) => r.status === 'completed') ? found : undefined
    },
    90_000,
    250,
  )
  const rowByKey = new Map(rows.map((r) => [r.idempotency_key, r]))
  expect(rowByKey.size).toBe(deliveries)
  for (let n = 0; n < deliveries; n++) {
    const row = rowByKey.get(`webhook:msg_chaos_${n}`)
    expect(row, `delivery ${n} has a run`).toBeDefined()
    const runIds = [first.get(n), ...(retried.get(n) ?? [])].flatMap((a) => (a?.runId ? [a.runId] : []))
    expect(new Set(runIds), `delivery ${n} was always answered with its one run`).toEqual(new Set([row!.id]))
  }

  // Temporal: one execution per workflow id, and none other on this task queue.
  const executions = await eventually(async () => {
    const counts = new Map<string, number>()
    for await (const execution of platform.client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
      counts.set(execution.workflowId, (counts.get(execution.workflowId) ?? 0) + 1)
    }
    return [...counts.values()].reduce((a, b) => a + b, 0) >= deliveries ? counts : undefined
  }, 20_000)
  expect(new Set(executions.keys())).toEqual(new Set(rows.map((r) => r.workflow_id)))
  expect([...executions.values()].every((count) => count === 1)).toBe(true)

  // The side effect: every delivery reached the receiver under one stable webhook-id.
  const idsByDelivery = new Map<number, Set<string>>()
  for (const { webhookId, levering } of received) {
    const ids = idsByDelivery.get(levering) ?? new Set<string>()
    ids.add(webhookId)
    idsByDelivery.set(levering, ids)
  }
  expect(idsByDelivery.size).toBe(deliveries)
  for (const [, ids] of idsByDelivery) expect(ids.size).toBe(1)
  const distinctIds = new Set(received.map((r) => r.webhookId))
  expect(distinctIds.size).toBe(deliveries)

  console.info(
    JSON.stringify({
      ...crash,
      runRows: rows.length,
      temporalExecutions: [...executions.values()].reduce((a, b) => a + b, 0),
      sideEffectRequests: received.length,
      sideEffectKeys: distinctIds.size,
      sideEffectRepeatsWithSameKey: received.length - distinctIds.size,
    }),
  )
}, 240_000)
