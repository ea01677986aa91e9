// An upgrade while runs wait on people: runs start on a worker with an OLD interpreter (the
// engine's sources as of an earlier commit of this repository, bundled), wait on their human
// tasks, that worker is drained with SIGTERM, a worker with today's interpreter takes over, and
// the tasks are decided through the API. Every run must finish with its own decision. The old
// interpreter predates chains of pure nodes (`nodeChainPatch`): the new worker replays the
// runs' first part without chains and runs the part after the task with them.
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { bundleInterpreterAt } from '../fixtures/upgrade/old-interpreter.js'
import { eventually, startTestPlatform, type TestPlatform, type TestUser } from '../support/platform.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'

/**
 * The interpreter of 28 November 2026 ("a run's output is worked out once"): before chains of
 * pure nodes in one local activity (2df7274, under `nodeChainPatch`) and before the last node's
 * activity wrote the run's final status. Its human tasks, updates and queries are today's.
 * The old bundle runs next to today's activities, as an old worker's code would not; should
 * they one day stop serving it, move this to a later commit that still predates a patch.
 */
const oldRevision = '137a6e1109a2b30dc0abb11b9c18e703d8d3ac28'

let platform: TestPlatform
let approver: TestUser
let dir: string
let oldBundlePath: string

beforeAll(async () => {
  // The API side only: the workers are processes of their own, old and new.
  const [started, bundle, folder] = await Promise.all([
    startTestPlatform({ worker: false }),
    bundleInterpreterAt(oldRevision),
    mkdtemp(join(tmpdir(), 'warmflow-upgrade-')),
  ])
  platform = started
  dir = folder
  oldBundlePath = join(dir, 'old-workflow-bundle.js')
  writeFileSync(oldBundlePath, bundle.code)
  approver = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
}, 90_000)

afterAll(async () => {
  killWorkerProcesses()
  await platform?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const flow = {
  name: 'Upgrade: aanmelding wacht op een besluit',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    { id: 'naam', type: 'transform', version: 1, config: { fields: { naam: 'naam' } } },
    {
      id: 'groet',
      type: 'transform',
      version: 1,
      config: { fields: { naam: 'naam', groet: "'Hallo ' & naam" } },
    },
    {
      id: 'besluit',
      type: 'human.task',
      version: 1,
      config: {
        title: { nl: 'Aanmelding beoordelen', en: 'Review the intake' },
        role: 'approver',
        form: {
          fields: { opmerking: { type: 'string', title: { nl: 'Opmerking', en: 'Remark' }, required: true } },
        },
        data: { naam: 'naam' },
        deadline: { days: 3 },
      },
    },
    {
      id: 'ja',
      type: 'transform',
      version: 1,
      config: { fields: { besluit: "'goedgekeurd'", opmerking: 'fields.opmerking' } },
    },
    {
      id: 'bericht',
      type: 'transform',
      version: 1,
      config: { fields: { besluit: 'besluit', bericht: "'Welkom: ' & opmerking" } },
    },
    {
      id: 'nee',
      type: 'transform',
      version: 1,
      config: { fields: { besluit: "'afgewezen'", reden: 'reason' } },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'naam' },
    { id: 'e2', source: 'naam', target: 'groet' },
    { id: 'e3', source: 'groet', target: 'besluit' },
    { id: 'e4', source: 'besluit', sourcePort: 'approved', target: 'ja' },
    { id: 'e5', source: 'ja', target: 'bericht' },
    { id: 'e6', source: 'besluit', sourcePort: 'rejected', target: 'nee' },
  ],
}

/**
 * What a run's history holds of interest here: the patches recorded (Temporal's `core_patch`
 * markers) and the local activities run (`core_local_activity` markers), in order. Both are
 * written by the SDK in plain JSON; node inputs and outputs in them are encrypted.
 */
async function historyOf(runId: string): Promise<{ patches: string[]; localActivities: string[] }> {
  const row = await platform.db
    .selectFrom('runs')
    .select('workflow_id')
    .where('id', '=', runId)
    .executeTakeFirstOrThrow()
  const history = await platform.client.workflow.getHandle(row.workflow_id).fetchHistory()
  const patches: string[] = []
  const localActivities: string[] = []
  const json = (data: Uint8Array | null | undefined) =>
    data ? (JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>) : {}
  for (const event of history.events ?? []) {
    const marker = event.markerRecordedEventAttributes
    if (marker?.markerName === 'core_patch') {
      patches.push(String(json(marker.details?.['patch-data']?.payloads?.[0]?.data).id))
    } else if (marker?.markerName === 'core_local_activity') {
      localActivities.push(String(json(marker.details?.data?.payloads?.[0]?.data).activity_type))
    }
  }
  return { patches, localActivities }
}

it('runs waiting on people finish with their own decisions after the worker is upgraded', async () => {
  const old = await startWorkerProcess({
    taskQueue: platform.taskQueue,
    env: { WARMFLOW_WORKFLOW_BUNDLE: oldBundlePath },
  })
  const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, flow)
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const flowId: string = created.body.id
  expect((await platform.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)

  const cases = [
    { naam: 'Amira', decision: 'approve', opmerking: 'Welkom Amira' },
    { naam: 'Bram', decision: 'reject', reason: 'Geen plek' },
    { naam: 'Chen', decision: 'approve', opmerking: 'Welkom Chen' },
    { naam: 'Daan', decision: 'reject', reason: 'Verhuisd' },
  ]
  const runs = await Promise.all(
    cases.map(async (c) => {
      const run = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, { input: { naam: c.naam } })
      expect(run.status, JSON.stringify(run.body)).toBe(201)
      return { ...c, runId: run.body.id as string }
    }),
  )
  // Each run waits on its task, created by the old interpreter.
  const waiting = await Promise.all(
    runs.map(async (run) => {
      const taskId = await eventually(async () => {
        const row = await platform.db
          .selectFrom('tasks')
          .select('id')
          .where('run_id', '=', run.runId)
          .executeTakeFirst()
        return row?.id
      }, 30_000)
      return { ...run, taskId }
    }),
  )
  // The old interpreter ran the two transforms before the task one by one, and knew no chains.
  for (const run of waiting) {
    expect(await historyOf(run.runId)).toEqual({
      patches: [],
      localActivities: ['runNode', 'runNode'],
    })
  }

  // Rolling upgrade: drain the old worker (SIGTERM, exits 0), then start today's worker.
  const exited = new Promise<number | null>((resolve) => old.once('exit', resolve))
  old.kill('SIGTERM')
  expect(await exited).toBe(0)
  await startWorkerProcess({ taskQueue: platform.taskQueue })

  const me = platform.as(approver)
  for (const run of waiting) {
    const done = await me.request('POST', `/api/v1/tasks/${run.taskId}/complete`, {
      decision: run.decision,
      ...(run.reason ? { reason: run.reason } : {}),
      fields: { opmerking: run.opmerking ?? 'Nee' },
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
  }

  for (const run of waiting) {
    const detail = await eventually(
      async () => {
        const { body } = await platform.request('GET', `/api/v1/runs/${run.runId}`)
        return body.status === 'completed' || body.status === 'failed' ? body : undefined
      },
      30_000,
      200,
    )
    expect(detail.status, JSON.stringify(detail)).toBe('completed')
    if (run.decision === 'approve') {
      expect(detail.output).toMatchObject({ besluit: 'goedgekeurd', bericht: `Welkom: ${run.opmerking}` })
      expect(detail.nodes.nee.status).toBe('skipped')
      // Today's interpreter replayed the first part as it was (no chain: the patch was not in
      // the history) and ran the part after the task as one chain, under its patch.
      const history = await historyOf(run.runId)
      expect(history.patches).toContain('warmflow-node-chain')
      expect(history.localActivities.slice(0, 3)).toEqual(['runNode', 'runNode', 'runNodes'])
    } else {
      expect(detail.output).toMatchObject({ besluit: 'afgewezen', reden: run.reason })
      expect(detail.nodes.bericht.status).toBe('skipped')
    }
    expect(detail.nodes.groet.output).toEqual({ naam: run.naam, groet: `Hallo ${run.naam}` })
  }

  // A run started after the upgrade goes the new way from its start.
  const fresh = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, {
    input: { naam: randomUUID() },
  })
  expect(fresh.status).toBe(201)
  await eventually(async () => {
    const row = await platform.db
      .selectFrom('tasks')
      .select('id')
      .where('run_id', '=', fresh.body.id)
      .executeTakeFirst()
    return row?.id
  })
  const freshHistory = await historyOf(fresh.body.id)
  expect(freshHistory.patches).toContain('warmflow-node-chain')
  expect(freshHistory.localActivities).toEqual(['runNodes'])
}, 60_000)
