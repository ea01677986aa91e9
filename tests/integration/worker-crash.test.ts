import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'

const pluginPath = fileURLToPath(new URL('../fixtures/side-effect-plugin.ts', import.meta.url))

let platform: TestPlatform

beforeAll(async () => {
  // The API side only: workers for this test are separate processes we can kill.
  platform = await startTestPlatform({ worker: false, plugins: [pluginPath] })
})

afterAll(async () => {
  killWorkerProcesses()
  await platform?.stop()
})

it('finishes a run after its worker is killed mid-node, with every side effect exactly once', async () => {
  const first = await startWorkerProcess({
    taskQueue: platform.taskQueue,
    env: { WARMFLOW_PLUGINS: pluginPath },
  })
  const post = (path: string, body: unknown) => platform.request('POST', path, body)

  const flow = await post('/api/v1/flows', {
    name: 'Chaos: werker valt uit',
    nodes: [
      { id: 'start', type: 'manual', version: 1 },
      { id: 'before', type: 'test.record', version: 1 },
      { id: 'slow', type: 'test.slow', version: 1, config: { milliseconds: 3000 } },
      { id: 'after', type: 'test.record', version: 1 },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'before' },
      { id: 'e2', source: 'before', target: 'slow' },
      { id: 'e3', source: 'slow', target: 'after' },
    ],
  })
  expect(flow.status).toBe(201)
  expect((await post(`/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
  const run = await post(`/api/v1/flows/${flow.body.id}/runs`, { input: { case: 'kill -9' } })
  expect(run.status).toBe(201)
  const runId: string = run.body.id

  // Wait until the slow node is running on the first worker, then kill that worker outright.
  await eventually(async () => {
    const rows = await sql<{
      n: string
    }>`select count(*) as n from test_attempts where run_id = ${runId} and node_id = 'slow'`.execute(
      platform.db,
    )
    return Number(rows.rows[0]?.n) > 0 ? true : undefined
  })
  first.kill('SIGKILL')
  await new Promise((resolve) => first.once('exit', resolve))

  await startWorkerProcess({ taskQueue: platform.taskQueue, env: { WARMFLOW_PLUGINS: pluginPath } })
  const detail = await eventually(
    async () => {
      const { body } = await platform.request('GET', `/api/v1/runs/${runId}`)
      return body.status === 'completed' ? body : undefined
    },
    40_000,
    250,
  )
  expect(detail.output).toEqual({ case: 'kill -9', before: 'done', slow: 'done', after: 'done' })
  expect(detail.nodes.slow.attempts).toBe(2)

  const effects = await sql<{ node_id: string; n: string }>`
    select node_id, count(*) as n from test_side_effects where run_id = ${runId} group by node_id order by node_id`.execute(
    platform.db,
  )
  expect(effects.rows.map((r) => [r.node_id, Number(r.n)])).toEqual([
    ['after', 1],
    ['before', 1],
    ['slow', 1],
  ])
  const attempts = await sql<{ node_id: string; attempt: number; pid: number }>`
    select node_id, attempt, pid from test_attempts where run_id = ${runId} order by created_at`.execute(
    platform.db,
  )
  // `before` ran once (its result is in the workflow history); `slow` was started twice, on two processes.
  expect(attempts.rows.filter((r) => r.node_id === 'before')).toHaveLength(1)
  const slowAttempts = attempts.rows.filter((r) => r.node_id === 'slow')
  expect(slowAttempts.map((r) => r.attempt)).toEqual([1, 2])
  expect(new Set(slowAttempts.map((r) => r.pid)).size).toBe(2)
}, 90_000)
