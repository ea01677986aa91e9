import { randomUUID } from 'node:crypto'
import { createPostgresTaskStore, recordActivity, recordTaskOpened } from '@warmflow/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform, type TestUser } from '../support/platform.js'

// The impact report on real PostgreSQL with explicit timestamps: every figure is known exactly.

const flowDefinition = (name: string, minutesByHand?: number) => ({
  name,
  ...(minutesByHand === undefined ? {} : { impact: { minutesByHand } }),
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    {
      id: 'check',
      type: 'human.task',
      version: 1,
      config: { title: { nl: 'Verslag controleren', en: 'Check the report' }, role: 'approver' },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'check' }],
})

const draft = 'Goed gesprek gehad.'
const minute = 60_000
const hour = 60 * minute
// Monday 2 March 2026, 09:00 in Amsterdam.
const weekStart = Date.parse('2026-03-02T08:00:00.000Z')
const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' }

let platform: TestPlatform
let outsider: TestUser
let flowA: string
let flowB: string
let flowC: string
let flowD: string
let openTaskId: string

const humanTask = (id: string, label: string) => ({
  id,
  type: 'human.task',
  version: 1,
  label,
  config: { title: { nl: label, en: label }, role: 'approver' },
})

/** Three human tasks in a row; two of them have their own minutes by hand, which replace the flow's. */
const perNodeDefinition = (minutesByHandPerNode: Record<string, number>) => ({
  name: 'Per stap',
  impact: { minutesByHand: 60, minutesByHandPerNode },
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    humanTask('intake', 'Aanmelding lezen'),
    humanTask('check', 'Verslag controleren'),
    humanTask('sign', 'Ondertekenen'),
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'intake' },
    { id: 'e2', source: 'intake', target: 'check', sourcePort: 'approved' },
    { id: 'e3', source: 'check', target: 'sign', sourcePort: 'approved' },
  ],
})

async function createFlow(name: string, minutesByHand?: number): Promise<string> {
  const created = await platform.request('POST', '/api/v1/flows', flowDefinition(name, minutesByHand))
  expect(created.status).toBe(201)
  expect((await platform.request('POST', `/api/v1/flows/${created.body.id}/publish`, {})).status).toBe(201)
  return created.body.id
}

async function insertRun(
  flowId: string,
  options: { startedAt: number; endedAt: number; status: string; trigger?: string },
) {
  const id = randomUUID()
  await platform.db
    .insertInto('runs')
    .values({
      id,
      flow_id: flowId,
      flow_version: 1,
      workflow_id: `run-${id}`,
      status: options.status,
      team_id: platform.team.id,
      started_by: null,
      trigger: options.trigger ?? 'manual',
      idempotency_key: null,
      retry_of: null,
      created_at: new Date(options.startedAt),
      updated_at: new Date(options.endedAt),
    })
    .execute()
  return id
}

/**
 * A human task for the approvers in run `runId`: opened five minutes after `startedAt`, worked on
 * for `handlingMinutes` (beats one minute apart), not yet decided.
 */
async function workedTask(
  flowId: string,
  runId: string,
  options: {
    nodeId: string
    title: { nl: string; en: string }
    data: Record<string, unknown>
    startedAt: number
    handlingMinutes: number
  },
) {
  const store = createPostgresTaskStore(platform.db)
  const task = await store.createTask({
    id: randomUUID(),
    workflowId: `run-${runId}`,
    runId,
    flowId,
    flowVersion: 1,
    nodeId: options.nodeId,
    teamId: platform.team.id,
    role: 'approver',
    title: options.title,
    form: { fields: {} },
    data: options.data,
    deadline: null,
    fourEyes: false,
    startedBy: null,
  })
  const openedAt = options.startedAt + 5 * minute
  await recordTaskOpened(platform.db, task.id, new Date(openedAt))
  for (let i = 1; i <= options.handlingMinutes; i++) {
    await recordActivity(platform.db, task.id, new Date(openedAt + i * minute))
  }
  return { store, task, openedAt }
}

/**
 * One decided human task without a draft in an existing run: opened five minutes after the start,
 * worked on for `handlingMinutes` (beats one minute apart), decided by `userId`.
 */
async function decidedTask(
  flowId: string,
  runId: string,
  options: { nodeId: string; startedAt: number; handlingMinutes: number; userId: string },
) {
  const { store, task, openedAt } = await workedTask(flowId, runId, {
    nodeId: options.nodeId,
    title: { nl: options.nodeId, en: options.nodeId },
    data: { naam: 'Casus' },
    startedAt: options.startedAt,
    handlingMinutes: options.handlingMinutes,
  })
  await store.applyChange({
    kind: 'completed',
    taskId: task.id,
    eventKey: 'completed',
    decision: 'approved',
    fields: {},
    userId: options.userId,
  })
  await platform.db
    .updateTable('task_measures')
    .set({
      created_at: new Date(options.startedAt),
      decided_at: new Date(openedAt + options.handlingMinutes * minute),
    })
    .where('task_id', '=', task.id)
    .execute()
}

/**
 * A case with one human task showing an AI draft: opened at `openedAt`, worked on for
 * `handlingMinutes` (beats one minute apart, then one beat after a pause that must not count),
 * decided by `userId` with `approved` as the approved text (or rejected when null).
 */
async function decidedCase(
  flowId: string,
  options: {
    startedAt: number
    leadHours: number
    handlingMinutes: number
    decisionAfterMinutes: number
    userId: string
    approved: string | null
    withDraft?: boolean
  },
) {
  const runId = await insertRun(flowId, {
    startedAt: options.startedAt,
    endedAt: options.startedAt + options.leadHours * hour,
    status: 'completed',
  })
  const { store, task, openedAt } = await workedTask(flowId, runId, {
    nodeId: 'check',
    title: { nl: 'Verslag controleren', en: 'Check the report' },
    data:
      options.withDraft === false
        ? { naam: 'Casus' }
        : {
            samenvatting: draft,
            samenvattingMeta: { method: 'openai-compatible', model: 'test-model', fromPseudonymised: false },
          },
    startedAt: options.startedAt,
    handlingMinutes: options.handlingMinutes,
  })
  // A tab left open over lunch: the beat after a long pause starts a new stretch, counting 0.
  await recordActivity(platform.db, task.id, new Date(openedAt + (options.handlingMinutes + 45) * minute))
  await store.applyChange({
    kind: 'completed',
    taskId: task.id,
    eventKey: 'completed',
    decision: options.approved === null ? 'rejected' : 'approved',
    fields: options.approved === null ? {} : { samenvatting: options.approved },
    userId: options.userId,
  })
  // The decision time is recorded at "now"; set it to the scenario's moment.
  const decidedAt = new Date(options.startedAt + options.decisionAfterMinutes * minute)
  await platform.db
    .updateTable('task_measures')
    .set({ decided_at: decidedAt })
    .where('task_id', '=', task.id)
    .execute()
  await platform.db
    .updateTable('ai_draft_measures')
    .set({ decided_at: decidedAt })
    .where('task_id', '=', task.id)
    .execute()
  await platform.db
    .updateTable('task_measures')
    .set({ created_at: new Date(options.startedAt) })
    .where('task_id', '=', task.id)
    .execute()
  return { runId, taskId: task.id }
}

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
  const otherTeam = await platform.createTeam()
  outsider = await platform.createUser({ roles: ['admin', 'designer'], teams: [otherTeam] })
  flowA = await createFlow('Voortgangsverslag', 30)
  flowB = await createFlow('Eén beoordelaar', 20)
  flowC = await createFlow('Weinig casussen', 10)

  // Flow A: six cases decided by three people; drafts accepted (2), edited (2), rejected (2).
  const approvals = [draft, draft, 'Goed gesprek gehad!', 'Goed gesprek gehad!!', null, null]
  const people = ['u1', 'u1', 'u2', 'u2', 'u3', 'u3']
  for (let i = 0; i < 6; i++) {
    await decidedCase(flowA, {
      startedAt: weekStart + i * hour,
      leadHours: i + 1,
      handlingMinutes: 10 + 2 * i,
      decisionAfterMinutes: 30 * (i + 1),
      userId: people[i]!,
      approved: approvals[i]!,
    })
  }
  // One failed case, one test run (not a case), one case outside the period.
  await insertRun(flowA, { startedAt: weekStart + 7 * hour, endedAt: weekStart + 8 * hour, status: 'failed' })
  await insertRun(flowA, {
    startedAt: weekStart + 9 * hour,
    endedAt: weekStart + 10 * hour,
    status: 'completed',
    trigger: 'test',
  })
  await insertRun(flowA, {
    startedAt: weekStart + 14 * 24 * hour,
    endedAt: weekStart + 15 * 24 * hour,
    status: 'completed',
  })

  // Flow B: five cases, all decided by one person: their speed must not show.
  for (let i = 0; i < 5; i++) {
    await decidedCase(flowB, {
      startedAt: weekStart + i * hour,
      leadHours: 1,
      handlingMinutes: 3,
      decisionAfterMinutes: 20,
      userId: 'u1',
      approved: draft,
      withDraft: false,
    })
  }
  // Flow C: four cases, fewer than the floor.
  for (let i = 0; i < 4; i++) {
    await insertRun(flowC, {
      startedAt: weekStart + i * hour,
      endedAt: weekStart + (i + 1) * hour,
      status: 'completed',
    })
  }
  // Flow D: per-node baselines (intake 12, check 25; sign has none). Six completed cases with
  // three tasks each, decided by three people, and one failed case whose intake was decided.
  const createdD = await platform.request(
    'POST',
    '/api/v1/flows',
    perNodeDefinition({ intake: 12, check: 25 }),
  )
  expect(createdD.status).toBe(201)
  flowD = createdD.body.id
  expect((await platform.request('POST', `/api/v1/flows/${flowD}/publish`, {})).status).toBe(201)
  for (let i = 0; i < 6; i++) {
    const startedAt = weekStart + i * hour
    const runId = await insertRun(flowD, { startedAt, endedAt: startedAt + 2 * hour, status: 'completed' })
    const userId = people[i]!
    await decidedTask(flowD, runId, { nodeId: 'intake', startedAt, handlingMinutes: 2 + i, userId })
    await decidedTask(flowD, runId, { nodeId: 'check', startedAt, handlingMinutes: 10 + i, userId })
    await decidedTask(flowD, runId, { nodeId: 'sign', startedAt, handlingMinutes: 5, userId })
  }
  const failedD = await insertRun(flowD, {
    startedAt: weekStart + 7 * hour,
    endedAt: weekStart + 8 * hour,
    status: 'failed',
  })
  await decidedTask(flowD, failedD, {
    nodeId: 'intake',
    startedAt: weekStart + 7 * hour,
    handlingMinutes: 3,
    userId: 'u1',
  })

  // An open task for the activity route.
  const runId = await insertRun(flowA, { startedAt: Date.now(), endedAt: Date.now(), status: 'running' })
  const open = await createPostgresTaskStore(platform.db).createTask({
    id: randomUUID(),
    workflowId: `run-${runId}`,
    runId,
    flowId: flowA,
    flowVersion: 1,
    nodeId: 'check',
    teamId: platform.team.id,
    role: 'approver',
    title: { nl: 'Open', en: 'Open' },
    form: { fields: {} },
    data: {},
    deadline: null,
    fourEyes: false,
    startedBy: null,
  })
  openTaskId = open.id
}, 120_000)

afterAll(() => platform?.stop())

const report = (query: Record<string, string>, as = platform.request) =>
  as('GET', `/api/v1/impact?${new URLSearchParams({ ...period, ...query })}`)

describe('GET /api/v1/impact', () => {
  it('returns the exact figures of a flow: cases, lead times, handling, minutes saved and drafts', async () => {
    const { status, body } = await report({ flowId: flowA })
    expect(status).toBe(200)
    expect(body.flows).toHaveLength(1)
    const flow = body.flows[0]
    expect(flow).toMatchObject({ flowId: flowA, name: 'Voortgangsverslag', minutesByHand: 30 })
    const expected = {
      hidden: false,
      cases: 7,
      completed: 6,
      failed: 1,
      exampleCases: 0,
      // Lead times 1..6 hours: median 3.5, p90 5.5.
      leadTimeHours: { median: 3.5, p90: 5.5 },
      // First decisions after 0.5..3 hours.
      decisionLeadHours: 1.75,
      // Handling 10, 12, …, 20 minutes: the pause after each stretch does not count.
      handlingMinutes: { median: 15, p25: 12.5, p75: 17.5 },
      handlingHiddenBecause: null,
      // 6 cases × 30 minutes by hand − 90 minutes measured.
      minutesSaved: 90,
      baselineCases: 6,
      // Edited: 1 and 2 characters of 19 and 20 changed.
      drafts: { accepted: 2, edited: 2, rejected: 2, medianEditRatio: 0.076 },
    }
    expect(flow.totals).toEqual(expected)
    expect(flow.weeks).toEqual([{ week: '2026-03-02', ...expected }])
    expect(flow.nodes).toEqual([
      {
        nodeId: 'check',
        label: null,
        hidden: false,
        tasks: 6,
        waitMinutesMedian: 5,
        handlingMinutesMedian: 15,
        decisionLeadHoursMedian: 1.75,
        minutesByHand: null,
        minutesSaved: null,
        baselineTasks: null,
      },
    ])
    expect(flow.drafts).toEqual([
      {
        nodeId: 'check',
        field: 'samenvatting',
        method: 'openai-compatible',
        model: 'test-model',
        hidden: false,
        accepted: 2,
        edited: 2,
        rejected: 2,
        medianEditRatio: 0.076,
      },
    ])
  })

  it('hides every figure about fewer than 5 cases, and handling times that would show one person', async () => {
    const { body } = await report({})
    const byName = Object.fromEntries(body.flows.map((f: { name: string }) => [f.name, f]))
    expect(byName['Weinig casussen'].totals).toMatchObject({
      hidden: true,
      cases: null,
      minutesSaved: null,
      leadTimeHours: null,
    })
    expect(byName['Weinig casussen'].weeks[0]).toMatchObject({ hidden: true, cases: null })
    const single = byName['Eén beoordelaar'].totals
    expect(single).toMatchObject({
      hidden: false,
      cases: 5,
      handlingMinutes: null,
      handlingHiddenBecause: 'people',
    })
    expect(single.minutesSaved).toBeNull()
    expect(byName['Eén beoordelaar'].nodes[0]).toMatchObject({ tasks: 5, handlingMinutesMedian: null })
    // The team: 7 + 5 + 4 + 7 cases, handled by three people.
    expect(body.totals).toMatchObject({
      hidden: false,
      cases: 23,
      completed: 21,
      failed: 2,
      baselineCases: 21,
    })
    expect(body.totals.handlingMinutes).not.toBeNull()
    // 180 − 90 (flow A) + 5 × 20 − 15 (flow B) + 4 × 10 (flow C, no human task) + 120 (flow D, per node).
    expect(body.totals.minutesSaved).toBe(90 + 85 + 40 + 120)
  })

  it('answers 404 for another team’s flow or team, and 400 for a reversed period', async () => {
    const other = platform.as(outsider)
    expect((await report({ flowId: flowA }, other.request)).status).toBe(404)
    expect((await report({ teamId: platform.team.id }, other.request)).status).toBe(404)
    expect((await report({ flowId: 'not-a-uuid' })).status).toBe(404)
    const own = await report({}, other.request)
    expect(own.status).toBe(200)
    expect(own.body.flows).toEqual([])
    expect(own.body.totals.hidden).toBe(true)
    const reversed = await platform.request('GET', `/api/v1/impact?from=${period.to}&to=${period.from}`)
    expect(reversed.status).toBe(400)
    expect(reversed.body.code).toBe('impact.invalid_period')
  })
})

describe('minutes by hand per human-task node', () => {
  it('sums minutes saved over the nodes with a baseline, each its tasks × (minutes by hand − handling)', async () => {
    const { status, body } = await report({ flowId: flowD })
    expect(status).toBe(200)
    const flow = body.flows[0]
    expect(flow).toMatchObject({
      flowId: flowD,
      minutesByHand: 60,
      minutesByHandPerNode: { intake: 12, check: 25 },
      baselineSource: 'nodes',
    })
    // intake: 6 × 12 − (2 + 3 + … + 7) = 72 − 27 = 45; the failed case's intake does not count.
    // check: 6 × 25 − (10 + 11 + … + 15) = 150 − 75 = 75; sign has no baseline: not counted.
    // The flow's own 60 minutes per case are not used once per-node baselines are given.
    expect(flow.totals).toMatchObject({
      cases: 7,
      completed: 6,
      failed: 1,
      minutesSaved: 120,
      baselineCases: 6,
    })
    expect(flow.weeks).toMatchObject([{ week: '2026-03-02', minutesSaved: 120, baselineCases: 6 }])
    expect(flow.nodes).toEqual([
      {
        nodeId: 'check',
        label: 'Verslag controleren',
        hidden: false,
        tasks: 6,
        waitMinutesMedian: 5,
        handlingMinutesMedian: 12.5,
        decisionLeadHoursMedian: 0.29,
        minutesByHand: 25,
        minutesSaved: 75,
        baselineTasks: 6,
      },
      {
        nodeId: 'intake',
        label: 'Aanmelding lezen',
        hidden: false,
        tasks: 7,
        waitMinutesMedian: 5,
        // 2, 3, 3, 4, 5, 6, 7 minutes; decided 7, 8, 8, 9, 10, 11, 12 minutes after the start.
        handlingMinutesMedian: 4,
        decisionLeadHoursMedian: 0.15,
        minutesByHand: 12,
        minutesSaved: 45,
        baselineTasks: 6,
      },
      {
        nodeId: 'sign',
        label: 'Ondertekenen',
        hidden: false,
        tasks: 6,
        waitMinutesMedian: 5,
        handlingMinutesMedian: 5,
        decisionLeadHoursMedian: 0.17,
        minutesByHand: null,
        minutesSaved: null,
        baselineTasks: null,
      },
    ])
    // A flow with only the flow's baseline says so.
    const flowOnly = await report({ flowId: flowA })
    expect(flowOnly.body.flows[0]).toMatchObject({ minutesByHandPerNode: {}, baselineSource: 'flow' })
  })

  it('hides a node’s minutes saved that would show one person’s pace', async () => {
    const { body } = await report({ flowId: flowB })
    expect(body.flows[0]).toMatchObject({ baselineSource: 'flow' })
    expect(body.flows[0].nodes[0]).toMatchObject({ minutesByHand: null, minutesSaved: null })
  })

  it('refuses to publish a per-node baseline for a node that is not a human task', async () => {
    const created = await platform.request(
      'POST',
      '/api/v1/flows',
      perNodeDefinition({ intake: 12, start: 5, removed: 3 }),
    )
    expect(created.status).toBe(201)
    const published = await platform.request('POST', `/api/v1/flows/${created.body.id}/publish`, {})
    expect(published.status).toBe(400)
    expect(published.body.code).toBe('flow.invalid')
    expect(published.body.errors.map((e: { code: string; nodeId: string }) => [e.code, e.nodeId])).toEqual([
      ['impact.not_a_human_task', 'start'],
      ['impact.not_a_human_task', 'removed'],
    ])
    const negative = await platform.request('POST', '/api/v1/flows', perNodeDefinition({ intake: -1 }))
    expect(negative.status).toBe(400)
  })
})

describe('POST /api/v1/tasks/{id}/activity', () => {
  it('counts a beat on a task of the team, and is a 404 for another team', async () => {
    const beat = await platform.request('POST', `/api/v1/tasks/${openTaskId}/activity`)
    expect(beat.status).toBe(204)
    const measures = await platform.db
      .selectFrom('task_measures')
      .selectAll()
      .where('task_id', '=', openTaskId)
      .executeTakeFirstOrThrow()
    expect(measures.last_beat_at).not.toBeNull()
    expect(measures.opened_at).not.toBeNull()
    expect((await platform.as(outsider).request('POST', `/api/v1/tasks/${openTaskId}/activity`)).status).toBe(
      404,
    )
  })
})
