// Prometheus metrics of `warmflow api` and `warmflow worker`, each on its own metrics port
// (WARMFLOW_METRICS_PORT), scraped after real runs: requests per route pattern, node durations
// and failures per node type, and human tasks open and overdue read from the database.
import { randomUUID } from 'node:crypto'
import {
  appUrlFor,
  createScratchDatabase,
  ensurePostgres,
  freePort,
  type ScratchDatabase,
} from '@warmflow/cli/services'
import { createDb } from '@warmflow/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/platform.js'
import { killRoleProcesses, type RolePair, startRole, startRolePair } from '../support/role-process.js'
import { createAccounts, type Requester } from '../support/users.js'

const failingPlugin = new URL('../fixtures/failing-plugin.ts', import.meta.url).pathname

let scratch: ScratchDatabase
let roles: RolePair
let apiMetrics: string
let workerMetrics: string
let temporalMetrics: string

beforeAll(async () => {
  // A database of its own, so the task gauges can be compared with exact numbers.
  scratch = await createScratchDatabase(await ensurePostgres(process.env), 'warmflow_metrics')
  const appUrl = appUrlFor(scratch.url)
  const migrate = startRole('migrate', { DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: scratch.url })
  expect(await migrate.exited, migrate.errors()).toBe(0)
  const [apiPort, workerPort, sdkPort] = [await freePort(), await freePort(), await freePort()]
  roles = await startRolePair({
    env: { DATABASE_URL: appUrl, WARMFLOW_PLUGINS: failingPlugin },
    apiEnv: { WARMFLOW_METRICS_PORT: String(apiPort) },
    workerEnv: { WARMFLOW_METRICS_PORT: String(workerPort), WARMFLOW_TEMPORAL_METRICS_PORT: String(sdkPort) },
  })
  apiMetrics = `http://127.0.0.1:${apiPort}/metrics`
  workerMetrics = `http://127.0.0.1:${workerPort}/metrics`
  temporalMetrics = `http://127.0.0.1:${sdkPort}/metrics`
})

afterAll(async () => {
  await killRoleProcesses()
  await scratch?.drop()
})

/** The value of the first series whose line starts with `prefix` (name and labels). */
function seriesValue(text: string, prefix: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(prefix))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/plain')
  return response.text()
}

async function publish(as: Requester, nodes: unknown[]): Promise<string> {
  const edges = nodes.slice(1).map((node, i) => ({
    id: `e${i}`,
    source: (nodes[i] as { id: string }).id,
    target: (node as { id: string }).id,
  }))
  const flow = await as.request('POST', '/api/v1/flows', {
    name: `Metrics ${randomUUID().slice(0, 8)}`,
    nodes,
    edges,
  })
  expect(flow.status, JSON.stringify(flow.body)).toBe(201)
  expect((await as.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
  return flow.body.id as string
}

async function runUntil(as: Requester, flowId: string, status: string): Promise<void> {
  const started = await as.request('POST', `/api/v1/flows/${flowId}/runs`, { input: { naam: 'Test' } })
  expect(started.status, JSON.stringify(started.body)).toBe(201)
  await eventually(async () => {
    const run = await as.request('GET', `/api/v1/runs/${started.body.id}`)
    return run.body.status === status ? true : undefined
  }, 20_000)
}

describe('metrics', () => {
  it('counts requests per route pattern, times nodes per type and reads open and overdue tasks', async () => {
    const owner = createDb(scratch.url, { max: 2 })
    try {
      const http = { request: (path: string, init: RequestInit) => fetch(`${roles.base}${path}`, init) }
      const accounts = createAccounts(http as never, owner)
      const team = await accounts.createTeam()
      const as = accounts.as(await accounts.createUser({ roles: ['admin', 'designer'], teams: [team] }))

      const start = { id: 'start', type: 'manual', version: 1, config: { fields: [] } }
      const ok = await publish(as, [
        start,
        { id: 'welkom', type: 'transform', version: 1, config: { fields: { bericht: "'Hallo ' & naam" } } },
        { id: 'groet', type: 'transform', version: 1, config: { fields: { groet: 'bericht' } } },
      ])
      const failing = await publish(as, [
        start,
        { id: 'faalt', type: 'test.fails-with-value', version: 1, config: {} },
      ])
      await runUntil(as, ok, 'completed')
      await runUntil(as, failing, 'failed')
      expect((await as.request('GET', `/api/v1/nope/${randomUUID()}`)).status).toBe(404)

      // Two open tasks (one past its deadline) and a completed one.
      const task = (status: 'open' | 'completed', deadline: Date | null) => ({
        id: randomUUID(),
        workflow_id: `run-${randomUUID()}`,
        run_id: randomUUID(),
        flow_id: ok,
        flow_version: 1,
        node_id: 'taak',
        role: 'coordinator',
        title: JSON.stringify({ nl: 'Taak', en: 'Task' }),
        form: JSON.stringify({ fields: {} }),
        data: JSON.stringify({}),
        status,
        deadline,
      })
      const hourAgo = new Date(Date.now() - 3_600_000)
      const tomorrow = new Date(Date.now() + 86_400_000)
      await owner
        .insertInto('tasks')
        .values([task('open', hourAgo), task('open', tomorrow), task('completed', hourAgo)] as never)
        .execute()

      const api = await scrape(apiMetrics)
      expect(
        seriesValue(
          api,
          'warmflow_http_requests_total{method="POST",route="/api/v1/flows/:id/runs",status="201"}',
        ),
      ).toBe(2)
      expect(
        seriesValue(api, 'warmflow_http_requests_total{method="GET",route="unmatched",status="404"}'),
      ).toBe(1)
      expect(
        seriesValue(
          api,
          'warmflow_http_request_duration_seconds_count{method="GET",route="/api/v1/runs/:id"}',
        ),
      ).toBeGreaterThanOrEqual(2)
      expect(api).toContain('# TYPE warmflow_http_request_errors_total counter')
      expect(api).toContain('warmflow_api_process_cpu_seconds_total')
      // Route patterns only: no id of a flow, run or request in any series.
      expect(api).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)
      // Not on the public port.
      expect(await (await fetch(`${roles.base}/metrics`)).text()).not.toContain(
        'warmflow_http_requests_total',
      )

      const worker = await scrape(workerMetrics)
      expect(
        seriesValue(
          worker,
          'warmflow_node_duration_seconds_count{node_type="transform",outcome="completed"}',
        ),
      ).toBe(2)
      expect(
        seriesValue(
          worker,
          'warmflow_node_failures_total{node_type="test.fails-with-value",code="test.not_a_number"}',
        ),
      ).toBe(1)
      expect(seriesValue(worker, 'warmflow_human_tasks_open ')).toBe(2)
      expect(seriesValue(worker, 'warmflow_human_tasks_overdue ')).toBe(1)
      expect(worker).toContain('warmflow_worker_process_cpu_seconds_total')
      expect(worker).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)

      // Temporal's SDK metrics, from the worker's core on a port of their own.
      const sdk = await (await fetch(temporalMetrics)).text()
      expect(sdk).toMatch(/^temporal_activity_execution_latency\w*\{/m)
    } finally {
      await owner.destroy()
    }
  })
})
