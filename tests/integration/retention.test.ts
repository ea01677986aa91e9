import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Client, WorkflowNotFoundError } from '@temporalio/client'
import {
  type RetentionJobInput,
  type RetentionJobResult,
  retentionScheduleId,
  retentionScheduleIdFor,
  retentionWorkflowType,
} from '@warmflow/engine'
import { createPostgresTaskStore, createRetentionStore } from '@warmflow/store'
import { createWarmflowWorker, ensureRetentionSchedule } from '@warmflow/worker'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform, testPayloadCodecs } from '../support/platform.js'

const day = 24 * 60 * 60 * 1000
const marker = `retentie-${randomUUID()}`

/**
 * A flow whose second node makes an output of ~300 KB: over the 256 KB threshold, so it is kept
 * in PostgreSQL (`node_outputs`) and the run's history holds a reference.
 */
function flowWithTerm(name: string, retentionDays: number, retentionRecords?: 'remove') {
  return {
    name,
    retentionDays,
    ...(retentionRecords ? { retentionRecords } : {}),
    nodes: [
      { id: 'start', type: 'manual', version: 1, config: {}, position: { x: 0, y: 0 } },
      {
        id: 'groot',
        type: 'transform',
        version: 1,
        config: { fields: { tekst: `naam & $pad('', 300000, 'w')` }, keepInput: true },
        position: { x: 200, y: 0 },
      },
    ],
    edges: [{ id: 'start-groot', source: 'start', target: 'groot' }],
  }
}

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform()
})
afterAll(async () => {
  await platform?.stop()
})

/** Publishes a flow, runs it with the marker as input and waits until it completed. */
async function completedRun(retentionDays: number, retentionRecords?: 'remove') {
  const flow = await platform.request(
    'POST',
    '/api/v1/flows',
    flowWithTerm(`Bewaren ${retentionDays}`, retentionDays, retentionRecords),
  )
  expect(flow.status).toBe(201)
  expect((await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
  const started = await platform.request('POST', `/api/v1/flows/${flow.body.id}/runs`, {
    input: { naam: marker },
  })
  expect(started.status).toBe(201)
  await eventually(async () => {
    const { body } = await platform.request('GET', `/api/v1/runs/${started.body.id}`)
    return body.status === 'completed' ? body : undefined
  })
  const row = await platform.db
    .selectFrom('runs')
    .selectAll()
    .where('id', '=', started.body.id)
    .executeTakeFirstOrThrow()
  // A decided human task with an AI draft in its data, and an e-mail the run sent.
  const tasks = createPostgresTaskStore(platform.db)
  const task = await tasks.createTask({
    id: randomUUID(),
    workflowId: row.workflow_id,
    runId: row.id,
    flowId: row.flow_id,
    flowVersion: 1,
    nodeId: 'beoordelen',
    teamId: platform.team.id,
    role: 'approver',
    title: { nl: 'Beoordelen', en: 'Review' },
    form: {
      fields: { opmerking: { type: 'string', title: { nl: 'Opmerking', en: 'Remark' }, required: false } },
    },
    data: { naam: marker, samenvatting: `Concept over ${marker}` },
    deadline: null,
    fourEyes: false,
    startedBy: null,
  })
  await tasks.applyChange({
    kind: 'completed',
    taskId: task.id,
    eventKey: 'completed',
    decision: 'approved',
    fields: { opmerking: `Akkoord voor ${marker}` },
    userId: platform.admin.id,
  })
  await platform.db
    .insertInto('email_deliveries')
    .values({
      idempotency_key: `${row.id}:mail`,
      message_id: `<${randomUUID()}@warmflow.test>`,
      status: 'sent',
      recipients: JSON.stringify([`${marker}@example.org`]),
      run_id: row.id,
      sent_at: new Date(),
    })
    .execute()
  // Records the run saved: an intake (keyed as a records node keys it), its progress report and
  // a notification.
  const intake = await platform.db
    .insertInto('intakes')
    .values({
      team_id: platform.team.id,
      requester_name: marker,
      request: `Hulp voor ${marker}`,
      run_id: `${row.workflow_id}/opslaan`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await platform.db
    .insertInto('progress_reports')
    .values({ team_id: platform.team.id, intake_id: intake.id, body: `Voortgang ${marker}` })
    .execute()
  await platform.db
    .insertInto('notifications')
    .values({
      team_id: platform.team.id,
      title: JSON.stringify({ nl: marker, en: marker }),
      body: JSON.stringify({ nl: marker, en: marker }),
      run_id: row.id,
    })
    .execute()
  return { row, taskId: task.id, intakeId: intake.id }
}

/** How many records a run saved are still there: intakes, their progress reports, notifications. */
async function recordsOf(run: { row: { id: string }; intakeId: string }) {
  const { db } = platform
  const [intakes, reports, notifications] = await Promise.all([
    db.selectFrom('intakes').select('id').where('id', '=', run.intakeId).execute(),
    db.selectFrom('progress_reports').select('id').where('intake_id', '=', run.intakeId).execute(),
    db.selectFrom('notifications').select('id').where('run_id', '=', run.row.id).execute(),
  ])
  return { intakes: intakes.length, reports: reports.length, notifications: notifications.length }
}

/** Everything PostgreSQL holds about one run, to compare before and after a job run. */
async function storedFor(runId: string, taskId: string) {
  const { db } = platform
  const [run, outputs, task, events, mail, measure] = await Promise.all([
    db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow(),
    db.selectFrom('node_outputs').select(['id', 'node_id']).where('run_id', '=', runId).execute(),
    db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow(),
    db.selectFrom('task_events').select(['type', 'data']).where('task_id', '=', taskId).execute(),
    db.selectFrom('email_deliveries').selectAll().where('run_id', '=', runId).executeTakeFirstOrThrow(),
    db.selectFrom('task_measures').selectAll().where('task_id', '=', taskId).executeTakeFirst(),
  ])
  return { run, outputs, task, events, mail, measure }
}

async function runJob(input: RetentionJobInput): Promise<RetentionJobResult> {
  return platform.client.workflow.execute(retentionWorkflowType, {
    taskQueue: platform.taskQueue,
    workflowId: `retention-test-${randomUUID()}`,
    args: [input],
  })
}

/** Whether Temporal still has the run's execution. */
async function inTemporal(workflowId: string): Promise<boolean> {
  try {
    await platform.client.workflow.getHandle(workflowId).describe()
    return true
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false
    throw error
  }
}

describe('the retention job', () => {
  it('removes a run past its term from PostgreSQL and Temporal, keeps one within it, and changes nothing twice', async () => {
    // Term 1 day: expired at the frozen clock (two days on), one flow removing its records with
    // the run, one keeping them (the default). Term 30 days: kept. Runs of other test files use
    // terms of 30 days or more, so the frozen clock leaves them alone.
    const expired = await completedRun(1, 'remove')
    const expiredKeepingRecords = await completedRun(1)
    const kept = await completedRun(30)
    const before = {
      expired: await storedFor(expired.row.id, expired.taskId),
      kept: await storedFor(kept.row.id, kept.taskId),
    }
    expect(before.expired.outputs).toHaveLength(1)
    expect(JSON.stringify(before.expired.task.data)).toContain(marker)
    expect(await inTemporal(expired.row.workflow_id)).toBe(true)

    // Audit lines: one past the five-year term, one within it (the app role may append any time).
    const auditAction = `retention.test.${randomUUID()}`
    const oldLine = await platform.db
      .insertInto('audit_log')
      .values({ action: auditAction, at: new Date(Date.now() - 2000 * day), details: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const recentLine = await platform.db
      .insertInto('audit_log')
      .values({ action: auditAction, at: new Date(Date.now() - 1000 * day), details: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow()

    const now = new Date(Date.now() + 2 * day).toISOString()
    const first = await runJob({ now })
    expect(first.runsRemoved).toBeGreaterThanOrEqual(2)
    expect(first.runsFailed).toBe(0)
    expect(first.auditLinesRemoved).toBeGreaterThanOrEqual(1)

    // Gone from Temporal. The server deletes in the background once its transfer queue acknowledges
    // (the test dev server: every second; a server's default: every 30 s).
    await eventually(async () => ((await inTemporal(expired.row.workflow_id)) ? undefined : true), 45_000)

    // Gone from PostgreSQL: contents; the facts (ids, times, outcome, decision, measures) stay.
    const after = await storedFor(expired.row.id, expired.taskId)
    expect(after.run.removed_at).toBeInstanceOf(Date)
    expect(after.run.removed_after_days).toBe(1)
    expect(after.run.status).toBe('completed')
    expect(after.run.created_at).toEqual(before.expired.run.created_at)
    expect(after.outputs).toEqual([])
    expect(after.task.data).toEqual({})
    expect(after.task.form).toEqual({ fields: {} })
    expect(after.task.outcome).toEqual({ decision: 'approved' })
    expect(after.task.status).toBe('completed')
    expect(after.events.every((event) => JSON.stringify(event.data) === '{}')).toBe(true)
    expect(after.mail.recipients).toEqual([])
    expect(after.mail.status).toBe('sent')
    expect(after.measure).toEqual(before.expired.measure)
    expect(after.measure?.decision).toBe('approved')
    const { rows: leftovers } = await sql<{ n: string }>`
      select count(*) as n from (
        select data::text as t from tasks where run_id = ${expired.row.id}
        union all select outcome::text from tasks where run_id = ${expired.row.id}
        union all select e.data::text from task_events e join tasks t on t.id = e.task_id where t.run_id = ${expired.row.id}
        union all select recipients::text from email_deliveries where run_id = ${expired.row.id}
      ) contents where t like ${`%${marker}%`}`.execute(platform.db)
    expect(Number(leftovers[0]?.n)).toBe(0)

    // Records: removed with the run when its flow says so, kept otherwise (and within the term).
    const all = { intakes: 1, reports: 1, notifications: 1 }
    expect(await recordsOf(expired)).toEqual({ intakes: 0, reports: 0, notifications: 0 })
    expect(await recordsOf(expiredKeepingRecords)).toEqual(all)
    expect(await recordsOf(kept)).toEqual(all)
    const keepingRow = await platform.db
      .selectFrom('runs')
      .select('removed_at')
      .where('id', '=', expiredKeepingRecords.row.id)
      .executeTakeFirstOrThrow()
    expect(keepingRow.removed_at).toBeInstanceOf(Date)

    // The run within its term: untouched, here and in Temporal.
    expect(await storedFor(kept.row.id, kept.taskId)).toEqual(before.kept)
    expect(await inTemporal(kept.row.workflow_id)).toBe(true)

    // The API shows the removed run as removed after its term, not as an error.
    const detail = await platform.request('GET', `/api/v1/runs/${expired.row.id}`)
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({ status: 'removed', removedAfterDays: 1, outcome: 'completed' })
    expect(detail.body.output).toBeUndefined()
    const list = await platform.request('GET', `/api/v1/runs?status=removed&flowId=${expired.row.flow_id}`)
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([expired.row.id])
    const retry = await platform.request('POST', `/api/v1/runs/${expired.row.id}/retry`, {})
    expect(retry.status).toBe(409)
    expect(retry.body.code).toBe('run.removed')
    // The flow list's newest run says removed too, when it is the removed one.
    const flows = await platform.request('GET', '/api/v1/flows?limit=100')
    const listed = flows.body.items.find((item: { id: string }) => item.id === expired.row.flow_id)
    const newest = await platform.db
      .selectFrom('runs')
      .select(['id', 'status', 'removed_at'])
      .where('flow_id', '=', expired.row.flow_id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    expect(listed.lastRun).toMatchObject({
      id: newest.id,
      status: newest.removed_at ? 'removed' : newest.status,
    })

    // Audit: the line past five years is gone, the younger one stays; the job left a line of counts.
    const lines = await platform.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', auditAction)
      .execute()
    expect(lines.map((line) => line.id)).toEqual([recentLine.id])
    expect(lines.map((line) => line.id)).not.toContain(oldLine.id)
    const jobLines = await platform.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'retention.run')
      .where(sql<boolean>`details ->> 'now' = ${now}`)
      .execute()
    expect(jobLines).toHaveLength(1)
    expect(jobLines[0]?.details).toMatchObject({ runsRemoved: first.runsRemoved })

    // A second job run at the same frozen time changes nothing.
    const auditCount = async () =>
      Number(
        (
          await platform.db
            .selectFrom('audit_log')
            .select(platform.db.fn.countAll<string>().as('n'))
            .where('action', 'in', [auditAction, 'retention.run'])
            .executeTakeFirstOrThrow()
        ).n,
      )
    const auditBefore = await auditCount()
    const second = await runJob({ now })
    expect(second).toEqual({ now, runsRemoved: 0, runsFailed: 0, auditLinesRemoved: 0 })
    expect(await storedFor(expired.row.id, expired.taskId)).toEqual(after)
    expect(await storedFor(kept.row.id, kept.taskId)).toEqual(before.kept)
    expect(await auditCount()).toBe(auditBefore)
    expect(await recordsOf(expiredKeepingRecords)).toEqual({ intakes: 1, reports: 1, notifications: 1 })
  }, 90_000)

  it('keeps the audit log append-only for the app role: no delete, and no purge inside five years', async () => {
    const action = `retention.guard.${randomUUID()}`
    const line = await platform.db
      .insertInto('audit_log')
      .values({ action, at: new Date(Date.now() - 1000 * day), details: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await expect(platform.db.deleteFrom('audit_log').where('id', '=', line.id).execute()).rejects.toThrow(
      /permission denied|append-only/,
    )
    // Even asked to remove everything up to now, the purge keeps every line younger than 1826 days.
    const purged = await createRetentionStore(platform.db).purgeAuditLog(new Date(), 100)
    expect(purged).toBe(0)
    const kept = await platform.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()
    expect(kept).toHaveLength(1)
  })
})

describe('run rows whose start never reached Temporal', () => {
  it('deletes a row left starting for over a day without a workflow, and settles one with', async () => {
    // A process that dies between saving a run's row and starting its workflow leaves the row
    // `starting`; without an idempotency key no repeat ever finishes it.
    const flow = await platform.request('POST', '/api/v1/flows', flowWithTerm('Nooit gestart', 90))
    expect((await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
    const row = (createdAt: Date) => ({
      id: randomUUID(),
      flow_id: flow.body.id as string,
      flow_version: 1,
      workflow_id: `run-${randomUUID()}`,
      status: 'starting',
      team_id: platform.team.id,
      started_by: null,
      idempotency_key: null,
      created_at: createdAt,
    })
    const twoDaysAgo = new Date(Date.now() - 2 * day)
    const neverStarted = row(twoDaysAgo)
    const startedLate = row(twoDaysAgo)
    const young = row(new Date())
    await platform.db.insertInto('runs').values([neverStarted, startedLate, young]).execute()
    // Its workflow did start (the process died before the row was marked): Temporal knows it.
    // A type no worker has keeps it open without running anything.
    const late = await platform.client.workflow.start('warmflowTestUnknownType', {
      taskQueue: platform.taskQueue,
      workflowId: startedLate.workflow_id,
      args: [],
    })
    try {
      const now = new Date().toISOString()
      const result = await runJob({ now })
      expect(result.unstartedRunsRemoved).toBe(1)
      const status = async (id: string) =>
        (await platform.db.selectFrom('runs').select('status').where('id', '=', id).executeTakeFirst())
          ?.status
      expect(await status(neverStarted.id)).toBeUndefined()
      expect(await status(startedLate.id)).toBe('running')
      expect(await status(young.id)).toBe('starting')
      const line = await platform.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'retention.run')
        .where(sql<boolean>`details ->> 'now' = ${now}`)
        .executeTakeFirstOrThrow()
      expect(line.details).toMatchObject({ unstartedRunsRemoved: 1 })
      // Nothing left to settle: a second run changes nothing.
      expect((await runJob({ now })).unstartedRunsRemoved).toBeUndefined()
    } finally {
      await late.terminate('test over').catch(() => undefined)
      await platform.db.deleteFrom('runs').where('id', 'in', [young.id, startedLate.id]).execute()
    }
  }, 60_000)
})

describe('the retention schedule', () => {
  it('exists after a worker starts: daily at 03:30 Europe/Amsterdam, starting the retention job', async () => {
    const taskQueue = `retention-schedule-${randomUUID()}`
    const started = await createWarmflowWorker({
      address: inject('temporalAddress'),
      taskQueue,
      workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
      payloadCodecs: testPayloadCodecs(),
      retention: createRetentionStore(platform.db),
      retentionSchedule: true,
    })
    const running = started.worker.run()
    try {
      // This deployment's own schedule: its queue is not the default one.
      expect(retentionScheduleIdFor(taskQueue)).toBe(`warmflow-retention-${taskQueue}`)
      expect(retentionScheduleIdFor('warmflow')).toBe(retentionScheduleId)
      const handle = platform.client.schedule.getHandle(retentionScheduleIdFor(taskQueue))
      const description = await handle.describe()
      expect(description.spec.timezone).toBe('Europe/Amsterdam')
      expect(description.spec.calendars).toHaveLength(1)
      expect(description.spec.calendars?.[0]).toMatchObject({
        hour: [{ start: 3, end: 3 }],
        minute: [{ start: 30, end: 30 }],
      })
      expect(description.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: retentionWorkflowType,
        taskQueue,
        workflowId: retentionScheduleIdFor(taskQueue),
        args: [],
      })
      expect(description.policies.overlap).toBe('SKIP')
      // A next start (another worker, a restart) updates the one schedule rather than failing.
      const workerClient = new Client({ connection: started.connection })
      expect(await ensureRetentionSchedule(workerClient, { taskQueue })).toBe('updated')
      expect((await handle.describe()).spec.timezone).toBe('Europe/Amsterdam')
      // Started by the schedule, the job gets no input and measures terms at its own time.
      const before = Date.now()
      await handle.trigger()
      const workflowId = await eventually(
        async () => (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId,
      )
      const result = (await platform.client.workflow.getHandle(workflowId).result()) as RetentionJobResult
      expect(Date.parse(result.now)).toBeGreaterThanOrEqual(before - 1000)
      expect(Date.parse(result.now)).toBeLessThanOrEqual(Date.now())
      await handle.delete()
    } finally {
      started.worker.shutdown()
      await running
      await started.connection.close()
    }
  })

  it('is made again when it is deleted between the attempt to create it and the update', async () => {
    const taskQueue = `retention-schedule-${randomUUID()}`
    const handle = platform.client.schedule.getHandle(retentionScheduleIdFor(taskQueue))
    // There: the create fails, and the update must follow.
    expect(await ensureRetentionSchedule(platform.client, { taskQueue })).toBe('created')
    expect(await ensureRetentionSchedule(platform.client, { taskQueue })).toBe('updated')
    // Another process deletes it right before this worker's update reads it.
    let deletions = 0
    const racing = new Proxy(platform.client.schedule, {
      get(target, property, receiver) {
        if (property !== 'getHandle') return Reflect.get(target, property, receiver)
        return (id: string) => {
          const real = target.getHandle(id)
          return new Proxy(real, {
            get(handleTarget, handleProperty, handleReceiver) {
              if (handleProperty !== 'update')
                return Reflect.get(handleTarget, handleProperty, handleReceiver)
              return async (...args: Parameters<typeof real.update>) => {
                if (deletions === 0) {
                  deletions++
                  await real.delete()
                }
                return real.update(...args)
              }
            },
          })
        }
      },
    })
    const client = new Proxy(platform.client, {
      get: (target, property, receiver) =>
        property === 'schedule' ? racing : Reflect.get(target, property, receiver),
    })
    expect(await ensureRetentionSchedule(client, { taskQueue })).toBe('created')
    expect(deletions).toBe(1)
    const description = await handle.describe()
    expect(description.action).toMatchObject({ type: 'startWorkflow', taskQueue })
    await handle.delete()
  })

  it('is one per task queue: two deployments in one namespace keep their own', async () => {
    const queues = [`retention-test-${randomUUID()}`, `retention-acceptance-${randomUUID()}`]
    for (const taskQueue of queues) {
      expect(await ensureRetentionSchedule(platform.client, { taskQueue })).toBe('created')
    }
    // A restart of the first deployment updates its own schedule and leaves the other's alone.
    expect(await ensureRetentionSchedule(platform.client, { taskQueue: queues[0]! })).toBe('updated')
    for (const taskQueue of queues) {
      const handle = platform.client.schedule.getHandle(retentionScheduleIdFor(taskQueue))
      expect((await handle.describe()).action).toMatchObject({
        type: 'startWorkflow',
        taskQueue,
        workflowId: retentionScheduleIdFor(taskQueue),
      })
      await handle.delete()
    }
  })
})
