// OpenTelemetry traces as an operator turns them on: `warmflow api` and `warmflow worker` with
// OTEL_EXPORTER_OTLP_ENDPOINT pointing at a small OTLP/HTTP receiver in this test. One run started
// over HTTP gives one trace: the API request, the workflow start and execution, and a span per
// node, linked by their parent ids, with ids as attributes and never a value the run carried.
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDb } from '@warmflow/store'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { failingFlow } from '../fixtures/failing-flow.js'
import { eventually } from '../support/platform.js'
import { killRoleProcesses, type RolePair, startRolePair } from '../support/role-process.js'
import { createAccounts, publishFlow } from '../support/users.js'

const sleepPlugin = new URL('../fixtures/sleep-plugin.ts', import.meta.url).pathname
// A node whose error message quotes its input.
const failingPlugin = new URL('../fixtures/failing-plugin.ts', import.meta.url).pathname

/** A span as OTLP/HTTP JSON carries it. */
interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind?: number
  attributes?: { key: string; value: Record<string, unknown> }[]
  events?: { name: string; attributes?: { key: string; value: Record<string, unknown> }[] }[]
  status?: { code?: number; message?: string }
  service: string
}

/** Request bodies the receiver got, as text, and every span in them. */
const bodies: string[] = []
const contentTypes: string[] = []
const spans: OtlpSpan[] = []
let receiver: Server
let endpoint: string
let pair: RolePair
let as: ReturnType<ReturnType<typeof createAccounts>['as']>
let db: ReturnType<typeof createDb>

function collect(body: string) {
  const message = JSON.parse(body) as {
    resourceSpans?: {
      resource?: { attributes?: { key: string; value: { stringValue?: string } }[] }
      scopeSpans?: { spans?: Omit<OtlpSpan, 'service'>[] }[]
    }[]
  }
  for (const resource of message.resourceSpans ?? []) {
    const service =
      resource.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? ''
    for (const scope of resource.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) spans.push({ ...span, service })
    }
  }
}

beforeAll(async () => {
  // The collector: OTLP/HTTP on 127.0.0.1, `POST /v1/traces` only.
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end()
        return
      }
      const body = Buffer.concat(chunks).toString('utf8')
      bodies.push(body)
      contentTypes.push(request.headers['content-type'] ?? '')
      collect(body)
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  pair = await startRolePair({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      // Send spans soon after they end, not after the default 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '200',
      WARMFLOW_PLUGINS: `${sleepPlugin},${failingPlugin}`,
      WARMFLOW_LOG_FORMAT: 'json',
    },
    // No pre-built bundle: the worker bundles its workflow with the OpenTelemetry interceptors.
    workerEnv: { WARMFLOW_WORKFLOW_BUNDLE: '' },
  })
  db = createDb(inject('databaseUrl'), { max: 2 })
  const http = { request: (path: string, init: RequestInit) => fetch(`${pair.base}${path}`, init) }
  const accounts = createAccounts(http as never, db)
  const team = await accounts.createTeam()
  as = accounts.as(await accounts.createUser({ roles: ['admin', 'designer'], teams: [team] }))
}, 90_000)

afterAll(async () => {
  await killRoleProcesses()
  await db?.destroy()
  await new Promise((resolve) => receiver?.close(resolve))
})

const attributes = (span: OtlpSpan): Record<string, unknown> =>
  Object.fromEntries((span.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]]))

describe('OpenTelemetry traces', () => {
  it('follows one run from the API request through the workflow to each node, without its values', async () => {
    expect(pair.api.lines.some((line) => line.includes('traces on'))).toBe(true)
    expect(pair.worker.lines.some((line) => line.includes('traces on'))).toBe(true)

    // A plugin node (its own activity), then two pure nodes (one local activity, a chain).
    const flow = await as.request('POST', '/api/v1/flows', {
      name: 'Sporen: welkom',
      nodes: [
        { id: 'start', type: 'manual', version: 1, config: { fields: [] } },
        { id: 'even', type: 'test.sleep', version: 1, config: { milliseconds: 50 } },
        { id: 'groet', type: 'transform', version: 1, config: { fields: { groet: "'Hallo ' & naam" } } },
        { id: 'slot', type: 'transform', version: 1, config: { fields: { bericht: "groet & '!'" } } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'even' },
        { id: 'e2', source: 'even', target: 'groet' },
        { id: 'e3', source: 'groet', target: 'slot' },
      ],
    })
    expect(flow.status, JSON.stringify(flow.body)).toBe(201)
    const flowId = flow.body.id as string
    expect((await as.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)

    // The input value is a marker no span may carry.
    const marker = `MARKER${randomUUID().replaceAll('-', '')}`
    const started = await as.request('POST', `/api/v1/flows/${flowId}/runs`, { input: { naam: marker } })
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    const runId = started.body.id as string
    const done = await eventually(async () => {
      const run = await as.request('GET', `/api/v1/runs/${runId}`)
      return run.body.status === 'completed' ? run.body : undefined
    }, 20_000)
    expect(done.output).toMatchObject({ bericht: `Hallo ${marker}!` })

    // The request span of the start, and every span of its trace once the last node's arrived.
    const request = await eventually(async () =>
      spans.find((span) => span.name === 'POST /api/v1/flows/:id/runs' && span.service === 'warmflow-api'),
    )
    const traceOf = () => spans.filter((span) => span.traceId === request.traceId)
    await eventually(async () => {
      const nodeSpans = traceOf().filter((span) => span.name.startsWith('node '))
      return nodeSpans.length >= 3 && traceOf().some((s) => s.name.startsWith('RunWorkflow:'))
        ? true
        : undefined
    })
    const inTrace = traceOf()
    const byId = new Map(inTrace.map((span) => [span.spanId, span]))
    const parentOf = (span: OtlpSpan) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined)

    // The request span: a server span named by its route pattern, never the path with the id.
    expect(request.kind).toBe(2)
    expect(attributes(request)).toMatchObject({ 'http.route': '/api/v1/flows/:id/runs' })
    expect(JSON.stringify(request)).not.toContain(flowId)

    // Request → workflow start (API) → workflow run (worker).
    const start = inTrace.find((span) => span.name.startsWith('StartWorkflow:'))
    expect(start?.service).toBe('warmflow-api')
    expect(parentOf(start!)).toBe(request)
    const execution = inTrace.find((span) => span.name.startsWith('RunWorkflow:'))
    expect(execution?.service).toBe('warmflow-worker')
    expect(parentOf(execution!)).toBe(start)

    // One span per node, each with the run's ids, under the activity that ran it, under the workflow.
    const nodeSpans = inTrace.filter((span) => span.name.startsWith('node '))
    expect(nodeSpans.map((span) => attributes(span)['warmflow.node_id']).sort()).toEqual([
      'even',
      'groet',
      'slot',
    ])
    for (const span of nodeSpans) {
      expect(attributes(span)).toMatchObject({
        'warmflow.flow_id': flowId,
        'warmflow.run_id': runId,
        'warmflow.node_type': span.name.slice('node '.length),
      })
      const activity = parentOf(span)
      expect(activity?.name).toMatch(/^RunActivity:runNodes?$/)
      const scheduled = parentOf(activity!)
      expect(scheduled?.name).toMatch(/^Start(Local)?Activity:runNodes?$|^StartActivity:/)
      expect(parentOf(scheduled!)).toBe(execution)
    }

    // Temporal's workflow spans leave without the workflow's memo and search attributes.
    expect(Object.keys(attributes(execution!))).not.toContain('memo')
    expect(Object.keys(attributes(execution!))).not.toContain('searchAttributes')
    for (const span of inTrace) {
      for (const value of Object.values(attributes(span))) expect(typeof value).not.toBe('object')
    }
    // No value the run carried left either process, in any span, attribute or event.
    expect(bodies.length).toBeGreaterThan(0)
    for (const body of bodies) expect(body).not.toContain(marker)
    // OTLP/HTTP with JSON bodies.
    expect(contentTypes.every((type) => type.startsWith('application/json'))).toBe(true)
  }, 60_000)

  it('marks a failed node with its error code and type, never the message that quotes the input', async () => {
    const flowId = await publishFlow(as, failingFlow('Sporen: faalt'))
    const marker = `MARKER${randomUUID().replaceAll('-', '')}`
    const started = await as.request('POST', `/api/v1/flows/${flowId}/runs`, { input: { naam: marker } })
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    const runId = started.body.id as string
    await eventually(async () => {
      const run = await as.request('GET', `/api/v1/runs/${runId}`)
      return run.body.status === 'failed' ? run.body : undefined
    }, 20_000)

    const failed = await eventually(async () =>
      spans.find(
        (span) => span.name === 'node test.fails-with-value' && attributes(span)['warmflow.run_id'] === runId,
      ),
    )
    expect(failed.status?.code).toBe(2)
    expect(failed.status?.message ?? '').toBe('')
    expect(attributes(failed)).toMatchObject({
      'warmflow.node_id': 'faalt',
      'warmflow.error_code': 'test.not_a_number',
    })
    // The activity's span records the exception by its type only.
    const activity = await eventually(async () => {
      const found = spans.find((span) => span.spanId === failed.parentSpanId)
      return found?.events?.length ? found : undefined
    })
    const exception = activity.events?.find((event) => event.name === 'exception')
    expect(exception?.attributes?.map((a) => a.key)).toEqual(['exception.type'])
    // The workflow ends failed: its span too, once it arrived, without the message.
    const execution = await eventually(async () =>
      spans.find((span) => span.traceId === failed.traceId && span.name.startsWith('RunWorkflow:')),
    )
    expect(execution.status?.message ?? '').toBe('')
    for (const body of bodies) expect(body).not.toContain(marker)
  }, 40_000)
})
