// A decision in the inbox for a run that no worker takes (its worker is gone, or it cannot
// replay the run) gets a clear 503 within the decision timeout, not a request that never ends;
// once a worker is back the task can be decided and the run goes on: nothing is lost.
import { afterAll, describe, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'

const platforms: TestPlatform[] = []
afterAll(async () => {
  for (const platform of platforms.splice(0)) await platform.stop().catch(() => undefined)
})

const approvalFlow = {
  name: 'Aanvraag goedkeuren',
  nodes: [
    { id: 'start', type: 'manual', version: 1, config: {} },
    {
      id: 'check',
      type: 'human.task',
      version: 1,
      config: {
        title: { nl: 'Aanvraag controleren', en: 'Check the request' },
        role: 'approver',
        form: { fields: {} },
        data: {},
      },
    },
    { id: 'ok', type: 'transform', version: 1, config: { fields: { bericht: "'Goedgekeurd'" } } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', sourcePort: 'approved', target: 'ok' },
  ],
}

describe('a decision the run does not take', () => {
  it('answers 503 task.not_delivered in time, audits the attempt, and the task can be decided once a worker is back', async () => {
    const live = await startTestPlatform()
    platforms.push(live)
    const flow = await live.request('POST', '/api/v1/flows', approvalFlow)
    expect(flow.status, JSON.stringify(flow.body)).toBe(201)
    expect((await live.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
    const run = await live.request('POST', `/api/v1/flows/${flow.body.id}/runs`, { input: {} })
    expect(run.status).toBe(201)
    const taskId = await eventually(async () => {
      const row = await live.db
        .selectFrom('tasks')
        .select('id')
        .where('run_id', '=', run.body.id)
        .executeTakeFirst()
      return row?.id
    })
    // The run's worker goes away; the API of another process has none for this task queue.
    await live.stop()
    platforms.splice(platforms.indexOf(live), 1)
    const stranded = await startTestPlatform({
      worker: false,
      taskQueue: live.taskQueue,
      tasks: { decisionTimeoutMs: 1500 },
    })
    platforms.push(stranded)
    const team = await stranded.db
      .selectFrom('tasks')
      .select('team_id')
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow()
    const approver = await stranded.createUser({ roles: ['approver'], teams: [team.team_id ?? ''] })
    const asApprover = stranded.as(approver)

    const began = Date.now()
    const refused = await asApprover.request('POST', `/api/v1/tasks/${taskId}/complete`, {
      decision: 'approve',
      fields: {},
    })
    expect(refused.status).toBe(503)
    expect(refused.body.code).toBe('task.not_delivered')
    expect(refused.body.message.nl).toMatch(/nog niet verwerkt/)
    expect(Date.now() - began).toBeLessThan(15_000)
    const attempts = await stranded.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('object_id', '=', taskId)
      .where('action', 'like', 'task.%')
      .execute()
    expect(attempts).toContainEqual({ action: 'task.decision_not_delivered', actor_id: approver.id })
    // Nothing was decided: the task is still open.
    const open = await asApprover.request('GET', `/api/v1/tasks/${taskId}`)
    expect(open.body.status).toBe('open')

    // A worker for the task queue again: the task is decided (by this request, or by the earlier
    // one if Temporal kept it), and the run completes.
    const back = await startTestPlatform({ taskQueue: live.taskQueue })
    platforms.push(back)
    const decided = await eventually(async () => {
      const answer = await asApprover.request('POST', `/api/v1/tasks/${taskId}/complete`, {
        decision: 'approve',
        fields: {},
      })
      return answer.status === 503 ? undefined : answer
    }, 60_000)
    expect([200, 409]).toContain(decided.status)
    const done = await eventually(async () => {
      const row = await back.db
        .selectFrom('runs')
        .select('status')
        .where('id', '=', run.body.id)
        .executeTakeFirst()
      return row?.status === 'completed' ? row : undefined
    }, 60_000)
    expect(done.status).toBe('completed')
  }, 120_000)
})
