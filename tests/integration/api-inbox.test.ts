import { signWebhook } from '@warmflow/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  eventually,
  startTestPlatform,
  type TestPlatform,
  type TestTeam,
  type TestUser,
} from '../support/platform.js'

let platform: TestPlatform
let team: TestTeam
let designer: TestUser
let approver: TestUser
let colleague: TestUser
let outsider: TestUser
let developer: TestUser

beforeAll(async () => {
  platform = await startTestPlatform()
  team = await platform.createTeam()
  const otherTeam = await platform.createTeam()
  designer = await platform.createUser({ roles: ['designer', 'approver'], teams: [team] })
  approver = await platform.createUser({ roles: ['approver'], teams: [team] })
  colleague = await platform.createUser({ roles: ['approver'], teams: [team] })
  developer = await platform.createUser({ roles: ['developer'], teams: [team] })
  outsider = await platform.createUser({ roles: ['approver', 'admin'], teams: [otherTeam] })
})
afterAll(async () => {
  await platform?.stop()
})

const approvalFlow = (fourEyes: boolean, role = 'approver') => ({
  name: 'Aanmelding goedkeuren',
  nodes: [
    {
      id: 'hook',
      type: 'webhook',
      version: 1,
      config: {
        fields: [
          { name: 'voornaam', type: 'text', label: { nl: 'Voornaam', en: 'First name' }, required: true },
        ],
      },
    },
    {
      id: 'check',
      type: 'human.task',
      version: 1,
      config: {
        title: { nl: 'Aanmelding controleren', en: 'Check the intake' },
        role,
        form: {
          fields: { opmerking: { type: 'string', title: { nl: 'Opmerking', en: 'Remark' }, required: true } },
        },
        data: { naam: 'voornaam' },
        deadline: { days: 2 },
        fourEyes,
      },
    },
    {
      id: 'ok',
      type: 'transform',
      version: 1,
      config: { fields: { bericht: "'Goedgekeurd: ' & fields.opmerking" } },
    },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'check' },
    { id: 'e2', source: 'check', sourcePort: 'approved', target: 'ok' },
  ],
})

async function setUpFlow(fourEyes: boolean, role?: string) {
  const as = platform.as(designer)
  const flow = await as.request('POST', `/api/v1/flows?teamId=${team.id}`, approvalFlow(fourEyes, role))
  expect(flow.status).toBe(201)
  const published = await as.request('POST', `/api/v1/flows/${flow.body.id}/publish`, { note: 'Live' })
  expect(published.status, JSON.stringify(published.body)).toBe(201)
  const secret = await as.request('POST', `/api/v1/flows/${flow.body.id}/webhook/secret`)
  return { flowId: flow.body.id as string, secret: secret.body.secret as string }
}

async function deliver(flowId: string, secret: string, payload: unknown) {
  const body = JSON.stringify(payload)
  const id = `msg_${Math.random().toString(36).slice(2)}`
  const ts = Math.floor(Date.now() / 1000)
  return platform.as(null).request('POST', `/api/v1/hooks/${flowId}?wait=0`, body, {
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signWebhook(secret, id, ts, body),
  })
}

async function taskOf(runId: string) {
  return eventually(async () => {
    const row = await platform.db
      .selectFrom('tasks')
      .select('id')
      .where('run_id', '=', runId)
      .executeTakeFirst()
    return row?.id
  })
}

describe('inbox, end to end', () => {
  it('designer publishes, a webhook starts the run, the right approver decides, the run completes, all audited; another team gets 404', async () => {
    const { flowId, secret } = await setUpFlow(false)
    const started = await deliver(flowId, secret, { voornaam: 'Amira' })
    expect(started.status).toBe(202)
    const runId: string = started.body.runId
    const taskId = await taskOf(runId)

    // Another team's approver (even an admin) sees nothing and can do nothing.
    const other = platform.as(outsider)
    expect((await other.request('GET', `/api/v1/tasks/${taskId}`)).status).toBe(404)
    expect((await other.request('POST', `/api/v1/tasks/${taskId}/claim`)).status).toBe(404)
    expect(
      (
        await other.request('POST', `/api/v1/tasks/${taskId}/complete`, {
          decision: 'approve',
          fields: { opmerking: 'x' },
        })
      ).status,
    ).toBe(404)
    expect(
      (await other.request('POST', `/api/v1/tasks/${taskId}/assign`, { userId: outsider.id })).status,
    ).toBe(404)
    expect((await other.request('GET', `/api/v1/runs/${runId}`)).status).toBe(404)
    const otherInbox = await other.request('GET', '/api/v1/tasks')
    expect(otherInbox.body.items.map((t: { id: string }) => t.id)).not.toContain(taskId)
    // Developers do not work the inbox.
    expect((await platform.as(developer).request('GET', '/api/v1/tasks')).status).toBe(403)

    const me = platform.as(approver)
    const inbox = await me.request('GET', '/api/v1/tasks?view=unassigned')
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(taskId)
    const dueSoon = await me.request('GET', '/api/v1/tasks?view=due_soon&dueWithinHours=72')
    expect(dueSoon.body.items.map((t: { id: string }) => t.id)).toContain(taskId)
    expect(
      (await me.request('GET', '/api/v1/tasks?view=overdue')).body.items.map((t: { id: string }) => t.id),
    ).not.toContain(taskId)

    const task = await me.request('GET', `/api/v1/tasks/${taskId}`)
    expect(task.status).toBe(200)
    expect(task.body).toMatchObject({
      status: 'open',
      teamId: team.id,
      role: 'approver',
      data: { naam: 'Amira' },
      assignee: null,
    })

    const claimed = await me.request('POST', `/api/v1/tasks/${taskId}/claim`)
    expect(claimed.body.assignee).toBe(approver.id)
    // The team sees who has it by name.
    expect(claimed.body.assigneeName).toBe(approver.email.split('@')[0])
    expect((await platform.as(colleague).request('POST', `/api/v1/tasks/${taskId}/claim`)).status).toBe(409)
    expect(
      (await me.request('GET', '/api/v1/tasks?view=mine')).body.items.map((t: { id: string }) => t.id),
    ).toEqual([taskId])

    // Hand over to a colleague and back.
    expect(
      (await me.request('POST', `/api/v1/tasks/${taskId}/assign`, { userId: developer.id })).status,
    ).toBe(400)
    const handed = await me.request('POST', `/api/v1/tasks/${taskId}/assign`, { userId: colleague.id })
    expect(handed.body.assignee).toBe(colleague.id)
    expect(handed.body.assigneeName).toBe(colleague.email.split('@')[0])
    expect(
      (
        await me.request('POST', `/api/v1/tasks/${taskId}/complete`, {
          decision: 'approve',
          fields: { opmerking: 'x' },
        })
      ).status,
    ).toBe(409)
    const back = await platform.as(colleague).request('POST', `/api/v1/tasks/${taskId}/unclaim`)
    expect(back.body.assignee).toBeNull()
    expect(back.body).not.toHaveProperty('assigneeName')

    // Fields must fit the form.
    const invalid = await me.request('POST', `/api/v1/tasks/${taskId}/complete`, {
      decision: 'approve',
      fields: {},
    })
    expect(invalid.status).toBe(400)
    expect(invalid.body.code).toBe('task.invalid_fields')
    expect((await me.request('POST', `/api/v1/tasks/${taskId}/complete`, { decision: 'maybe' })).status).toBe(
      400,
    )

    const done = await me.request('POST', `/api/v1/tasks/${taskId}/complete`, {
      decision: 'approve',
      reason: 'Past goed',
      fields: { opmerking: 'Welkom' },
    })
    expect(done.status).toBe(200)
    expect(done.body.status).toBe('completed')
    expect(done.body.outcome).toMatchObject({
      decision: 'approved',
      userId: approver.id,
      reason: 'Past goed',
    })
    expect(done.body.history.map((h: { type: string }) => h.type)).toEqual(
      expect.arrayContaining(['created', 'claimed', 'handed_over', 'unclaimed', 'completed']),
    )
    const run = await eventually(async () => {
      const { body } = await platform.as(designer).request('GET', `/api/v1/runs/${runId}`)
      return body.status === 'completed' ? body : undefined
    })
    expect(run.output).toMatchObject({ bericht: 'Goedgekeurd: Welkom' })

    const flowAudit = await platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', flowId)
      .orderBy('id')
      .execute()
    expect(flowAudit.map((a) => a.action)).toEqual(['flow.create', 'flow.publish', 'flow.webhook_secret'])
    const runAudit = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'on_behalf_of'])
      .where('object_id', '=', runId)
      .orderBy('id')
      .execute()
    expect(runAudit[0]).toEqual({ action: 'run.start', on_behalf_of: 'webhook' })
    const taskAudit = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('object_id', '=', taskId)
      .orderBy('id')
      .execute()
    expect(taskAudit.map((a) => a.action)).toEqual([
      'task.read',
      'task.claim',
      'task.assign',
      'task.unclaim',
      'task.complete',
    ])
    expect(taskAudit.every((a) => a.actor_id !== outsider.id)).toBe(true)

    // The admin's access report for the run: who saw it and its task, and what they did.
    const report = await platform.request('GET', `/api/v1/admin/audit/runs/${runId}`)
    expect(report.status).toBe(200)
    const byActor = Object.fromEntries(report.body.accesses.map((a: { actorId: string }) => [a.actorId, a]))
    expect(byActor[approver.id]).toMatchObject({
      reads: 1,
      actions: expect.arrayContaining(['task.read', 'task.complete']),
    })
    expect(byActor[designer.id].actions).toContain('run.read')
    expect(byActor[outsider.id]).toBeUndefined()
    // Claiming, handing over and giving back show task data too: they are in the run's report.
    expect(report.body.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['task.read', 'task.claim', 'task.assign', 'task.unclaim', 'task.complete']),
    )
    const log = await platform.request('GET', `/api/v1/admin/audit?objectId=${taskId}&limit=2`)
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['task.complete', 'task.unclaim'])
    const older = await platform.request(
      'GET',
      `/api/v1/admin/audit?objectId=${taskId}&limit=2&cursor=${log.body.nextCursor}`,
    )
    expect(older.body.items.map((e: { action: string }) => e.action)).toEqual(['task.assign', 'task.claim'])
    expect((await platform.request('GET', '/api/v1/admin/audit?cursor=abc')).status).toBe(400)
    expect((await platform.as(approver).request('GET', '/api/v1/admin/audit')).status).toBe(403)
    expect((await platform.as(approver).request('GET', `/api/v1/admin/audit/runs/${runId}`)).status).toBe(403)
    expect(
      (await platform.request('GET', '/api/v1/admin/audit/runs/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404)
  })

  it('two approvers deciding at once: exactly one decision counts, the other gets 409', async () => {
    const { flowId, secret } = await setUpFlow(false)
    const started = await deliver(flowId, secret, { voornaam: 'Bram' })
    const taskId = await taskOf(started.body.runId)
    const [a, b] = await Promise.all([
      platform.as(approver).request('POST', `/api/v1/tasks/${taskId}/complete`, {
        decision: 'approve',
        fields: { opmerking: 'A' },
      }),
      platform
        .as(colleague)
        .request('POST', `/api/v1/tasks/${taskId}/complete`, { decision: 'reject', fields: {}, reason: 'B' }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const again = await platform.as(approver).request('POST', `/api/v1/tasks/${taskId}/complete`, {
      decision: 'approve',
      fields: { opmerking: 'A' },
    })
    expect(again.status).toBe(409)
    const events = await platform.db
      .selectFrom('task_events')
      .select('type')
      .where('task_id', '=', taskId)
      .where('type', '=', 'completed')
      .execute()
    expect(events).toHaveLength(1)
  })

  it('lists tasks without reading their data: one task whose sealed data is damaged leaves the inbox working', async () => {
    const { flowId, secret } = await setUpFlow(false)
    const good = await deliver(flowId, secret, { voornaam: 'Ilse' })
    const bad = await deliver(flowId, secret, { voornaam: 'Wout' })
    const goodId = await taskOf(good.body.runId)
    const badId = await taskOf(bad.body.runId)
    const row = await platform.db
      .selectFrom('tasks')
      .select('data')
      .where('id', '=', badId)
      .executeTakeFirstOrThrow()
    const sealed = row.data as { $sealed?: string; data?: string }
    expect(sealed.$sealed).toBe('run')
    // One byte of the ciphertext changed, as a damaged disk page or a bad restore would.
    const bytes = Buffer.from(sealed.data as string, 'base64')
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff
    await platform.db
      .updateTable('tasks')
      .set({ data: JSON.stringify({ ...sealed, data: bytes.toString('base64') }) })
      .where('id', '=', badId)
      .execute()
    const list = await platform.as(approver).request('GET', `/api/v1/tasks?teamId=${team.id}&limit=100`)
    expect(list.status).toBe(200)
    const ids = (list.body.items as { id: string; title: { nl: string } }[]).map((t) => t.id)
    expect(ids).toEqual(expect.arrayContaining([goodId, badId]))
    expect(list.body.items.find((t: { id: string }) => t.id === badId).title.nl).toBe(
      'Aanmelding controleren',
    )
    // The damaged task itself cannot be opened; the other one can.
    expect((await platform.as(approver).request('GET', `/api/v1/tasks/${goodId}`)).body.data).toEqual({
      naam: 'Ilse',
    })
    const damaged = await platform.as(approver).request('GET', `/api/v1/tasks/${badId}`)
    expect(damaged.status).toBe(500)
    // Said as what it is: data that does not decrypt, not an unexplained error.
    expect(damaged.body.code).toBe('data.unreadable')
    expect(damaged.body.message.nl).toMatch(/beschadigd/)
    expect(JSON.stringify(damaged.body)).not.toContain('Wout')
  })

  it('lists the colleagues a task can be handed over to: active team members who may do it, e-mail for admins only', async () => {
    const teamAdmin = await platform.createUser({ roles: ['admin'], teams: [team] })
    const gone = await platform.createUser({ roles: ['approver'], teams: [team] })
    await platform.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', gone.id)
      .execute()
    const { flowId, secret } = await setUpFlow(false)
    const taskId = await taskOf((await deliver(flowId, secret, { voornaam: 'Eva' })).body.runId)

    const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id)
    const asApprover = await platform.as(approver).request('GET', `/api/v1/tasks/${taskId}/candidates`)
    expect(asApprover.status).toBe(200)
    // Not the viewer, not a developer, not a disabled account, not another team's admin.
    expect(ids(asApprover.body).sort()).toEqual([colleague.id, designer.id, teamAdmin.id].sort())
    for (const item of asApprover.body.items) expect(Object.keys(item).sort()).toEqual(['id', 'name'])

    const asAdmin = await platform.as(teamAdmin).request('GET', `/api/v1/tasks/${taskId}/candidates`)
    expect(asAdmin.body.items.find((item: { id: string }) => item.id === approver.id)).toEqual({
      id: approver.id,
      name: expect.any(String),
      email: approver.email,
    })
    expect((await platform.as(outsider).request('GET', `/api/v1/tasks/${taskId}/candidates`)).status).toBe(
      404,
    )
    expect((await platform.as(developer).request('GET', `/api/v1/tasks/${taskId}/candidates`)).status).toBe(
      403,
    )

    // Every candidate is accepted by the hand-over; once handed over, that colleague is no longer offered.
    const handed = await platform
      .as(approver)
      .request('POST', `/api/v1/tasks/${taskId}/assign`, { userId: colleague.id })
    expect(handed.status).toBe(200)
    const after = await platform.as(approver).request('GET', `/api/v1/tasks/${taskId}/candidates`)
    expect(ids(after.body)).not.toContain(colleague.id)
    const mine = await platform.as(colleague).request('GET', '/api/v1/tasks?view=mine')
    expect(ids(mine.body)).toContain(taskId)

    // A task for designers: only colleagues who work the inbox and have that role.
    const designerFlow = await setUpFlow(false, 'designer')
    const designerTask = await taskOf(
      (await deliver(designerFlow.flowId, designerFlow.secret, { voornaam: 'Tom' })).body.runId,
    )
    const forDesigners = await platform
      .as(teamAdmin)
      .request('GET', `/api/v1/tasks/${designerTask}/candidates`)
    expect(ids(forDesigners.body).sort()).toEqual([designer.id].sort())
  })

  it('four eyes: the person who started the run may not decide its task', async () => {
    const { flowId } = await setUpFlow(true)
    const run = await platform
      .as(designer)
      .request('POST', `/api/v1/flows/${flowId}/runs`, { input: { voornaam: 'Cas' } })
    expect(run.status).toBe(201)
    const taskId = await taskOf(run.body.id)
    const refused = await platform.as(designer).request('POST', `/api/v1/tasks/${taskId}/complete`, {
      decision: 'approve',
      fields: { opmerking: 'zelf' },
    })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('task.four_eyes')
    const ok = await platform.as(approver).request('POST', `/api/v1/tasks/${taskId}/complete`, {
      decision: 'reject',
      reason: 'Niet passend',
      fields: {},
    })
    expect(ok.status).toBe(200)
    expect(ok.body.outcome).toMatchObject({ decision: 'rejected', reason: 'Niet passend' })
  })
})
