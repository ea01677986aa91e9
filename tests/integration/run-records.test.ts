import { randomUUID } from 'node:crypto'
import { scheduleIdFor } from '@warmflow/api'
import { createPostgresRunStore, RunRowMissingError, shouldStoreStatus } from '@warmflow/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform()
})
afterAll(async () => {
  await platform?.stop()
})

const transform = (id: string, fields: Record<string, string>, keepInput = true) => ({
  id,
  type: 'transform',
  version: 1,
  config: { fields, keepInput },
})

async function publish(flow: unknown): Promise<string> {
  const created = await platform.request('POST', '/api/v1/flows', flow)
  expect(created.status).toBe(201)
  const published = await platform.request('POST', `/api/v1/flows/${created.body.id}/publish`, {})
  expect(published.status).toBe(201)
  return created.body.id
}

/** The run's row as stored, read straight from PostgreSQL (no API call that could refresh it). */
const storedRun = (runId: string) =>
  platform.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst()

describe('the runs table follows the workflow', () => {
  it('refuses a final status for a row that is not there yet, so the workflow tries again', async () => {
    const store = createPostgresRunStore(platform.db)
    const runId = randomUUID()
    await expect(store.finishRun({ runId, status: 'completed' })).rejects.toBeInstanceOf(RunRowMissingError)
    const flowId = await publish({
      name: 'Rij later',
      nodes: [{ id: 'start', type: 'manual', version: 1 }],
      edges: [],
    })
    const teamId = (
      await platform.db
        .selectFrom('flows')
        .select('team_id')
        .where('id', '=', flowId)
        .executeTakeFirstOrThrow()
    ).team_id
    await store.createRun({
      runId,
      workflowId: `run-${runId}`,
      flowId,
      flowVersion: 1,
      teamId,
      trigger: 'schedule',
    })
    await store.finishRun({ runId, status: 'completed' })
    // Writing the same status twice is fine: activities may run twice.
    await store.finishRun({ runId, status: 'completed' })
    expect((await storedRun(runId))?.status).toBe('completed')
  })

  it('records the final status of a run that nobody reads', async () => {
    const flowId = await publish({
      name: 'Status zonder lezen',
      nodes: [{ id: 'start', type: 'manual', version: 1 }, transform('groet', { groet: "'Hallo ' & naam" })],
      edges: [{ id: 'e1', source: 'start', target: 'groet' }],
    })
    const started = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, {
      input: { naam: 'Anouk' },
    })
    expect(started.status).toBe(201)
    const row = await eventually(async () => {
      const run = await storedRun(started.body.id)
      return run?.status === 'completed' ? run : undefined
    })
    expect(row.trigger).toBe('manual')
    // The transform's own local activity wrote the final status: one local activity in all.
    // (The row can say so a moment before the workflow has recorded its end.)
    const handle = platform.client.workflow.getHandle(row.workflow_id)
    await handle.result()
    const history = await handle.fetchHistory()
    const markers = (history.events ?? []).flatMap((e) => e.markerRecordedEventAttributes?.markerName ?? [])
    expect(markers.filter((name) => name === 'core_local_activity')).toHaveLength(1)
    const listed = await platform.request('GET', `/api/v1/runs?flowId=${flowId}&status=completed`)
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([started.body.id])
  })

  it('never turns a final status back into running when Temporal has not recorded the end yet', async () => {
    expect(shouldStoreStatus('completed', 'running')).toBe(false)
    expect(shouldStoreStatus('running', 'completed')).toBe(true)
    expect(shouldStoreStatus('completed', 'terminated')).toBe(true)
    expect(shouldStoreStatus('running', 'unknown')).toBe(false)
    // A run that is still running, whose row already says completed (as in the moment between
    // its last activity's status write and Temporal recording the end).
    const flowId = await publish({
      name: 'Nog even wachten',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'wacht', type: 'wait', version: 1, config: { duration: { hours: 1 } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'wacht' }],
    })
    const started = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })
    expect(started.status).toBe(201)
    await platform.db
      .updateTable('runs')
      .set({ status: 'completed' })
      .where('id', '=', started.body.id)
      .execute()
    // Retry asks Temporal for the status: still running, so it refuses, and leaves the row be.
    const retry = await platform.request('POST', `/api/v1/runs/${started.body.id}/retry`, {})
    expect(retry.status).toBe(409)
    expect(retry.body.code).toBe('run.still_running')
    expect((await storedRun(started.body.id))?.status).toBe('completed')
    // When the run really ends, its own final status replaces the row's.
    const cancelled = await platform.request('POST', `/api/v1/runs/${started.body.id}/cancel`, {})
    expect(cancelled.status).toBe(202)
    await eventually(async () =>
      (await storedRun(started.body.id))?.status === 'cancelled' ? true : undefined,
    )
  })

  it('records a failed run as failed', async () => {
    const flowId = await publish({
      name: 'Mislukt zonder lezen',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        transform('kapot', { fout: "$error('bewust kapot')" }),
      ],
      edges: [{ id: 'e1', source: 'start', target: 'kapot' }],
    })
    const started = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })
    expect(started.status).toBe(201)
    await eventually(async () => ((await storedRun(started.body.id))?.status === 'failed' ? true : undefined))
    const detail = await platform.request('GET', `/api/v1/runs/${started.body.id}`)
    expect(detail.body.status).toBe('failed')
    // The error names its kind and place; text an expression built never reaches it (it could
    // hold a client's data).
    expect(detail.body.error.message).toContain('$error')
    expect(detail.body.error.message).not.toContain('bewust kapot')
  })

  it('lists a run a schedule started, in the flow’s team, with its status', async () => {
    const flowId = await publish({
      name: 'Elk uur een herinnering',
      nodes: [
        {
          id: 'schema',
          type: 'schedule',
          version: 1,
          config: { everyMinutes: 60, input: { soort: 'uren' } },
        },
        transform('tekst', { bericht: "'Herinnering: ' & soort" }),
      ],
      edges: [{ id: 'e1', source: 'schema', target: 'tekst' }],
    })
    await platform.client.schedule.getHandle(scheduleIdFor(flowId)).trigger()
    const row = await eventually(async () => {
      const run = await platform.db
        .selectFrom('runs')
        .selectAll()
        .where('flow_id', '=', flowId)
        .where('status', '=', 'completed')
        .executeTakeFirst()
      return run
    })
    expect(row).toMatchObject({ trigger: 'schedule', team_id: platform.team.id, flow_version: 1 })
    expect(row.workflow_id.startsWith(`sched-${flowId}`)).toBe(true)
    const listed = await platform.request('GET', `/api/v1/runs?flowId=${flowId}&trigger=schedule`)
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([row.id])
    const detail = await platform.request('GET', `/api/v1/runs/${row.id}`)
    expect(detail.status).toBe(200)
    expect(detail.body.output).toEqual({ soort: 'uren', bericht: 'Herinnering: uren' })
    // Another team does not see it.
    const otherTeam = await platform.createTeam()
    const stranger = await platform.createUser({ roles: ['designer'], teams: [otherTeam] })
    expect((await platform.as(stranger).request('GET', `/api/v1/runs/${row.id}`)).status).toBe(404)
  }, 60_000)
})

describe('pure nodes inside the workflow', () => {
  it('passes the start data on without an activity; the transforms run as one local activity', async () => {
    const flowId = await publish({
      name: 'Alles in de workflow',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        transform('naam', { naam: '$uppercase(voornaam)' }),
        transform('score', { beste: '$max(kandidaten.afstand)' }),
        transform('bericht', { bericht: "naam & ': ' & $string(beste)" }, false),
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'naam' },
        { id: 'e2', source: 'naam', target: 'score' },
        { id: 'e3', source: 'score', target: 'bericht' },
      ],
    })
    const started = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, {
      input: { voornaam: 'Fatima', kandidaten: [{ afstand: 3 }, { afstand: 7 }] },
    })
    const run = await eventually(async () => {
      const detail = await platform.request('GET', `/api/v1/runs/${started.body.id}`)
      return detail.body.status === 'completed' ? detail.body : undefined
    })
    expect(run.output).toEqual({ bericht: 'FATIMA: 7' })
    expect(Object.values(run.nodes).map((n) => (n as { status: string }).status)).toEqual([
      'completed',
      'completed',
      'completed',
      'completed',
    ])
    const stored = await storedRun(started.body.id)
    const handle = platform.client.workflow.getHandle(stored!.workflow_id)
    await handle.result()
    const history = await handle.fetchHistory()
    const events = history.events ?? []
    // No task-queue activity at all, and one local activity: the chain of three transforms,
    // which ends the run and so also wrote its final status. The trigger ran inside the workflow.
    expect(events.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([])
    const markers = events.flatMap((e) => e.markerRecordedEventAttributes?.markerName ?? [])
    expect(markers.filter((name) => name === 'core_local_activity')).toHaveLength(1)
    expect(stored!.status).toBe('completed')
  })
})
