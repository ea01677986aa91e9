import { readFile } from 'node:fs/promises'
import { permissions } from '@warmflow/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform, type TestUser } from '../support/platform.js'

// The authorization matrix: every team-scoped route × every role × own team / other team.
// Own team: a role with the permission gets through (no 401/403/404), one without gets 403.
// Other team: the object does not exist for them (404), or 403 when the role lacks the permission.

const demoFlow = JSON.parse(
  await readFile(new URL('../../examples/flows/demo-welkom.json', import.meta.url), 'utf8'),
)

const approvalFlow = {
  name: 'Aanmelding goedkeuren',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    {
      id: 'check',
      type: 'human.task',
      version: 1,
      config: { title: { nl: 'Aanmelding controleren', en: 'Check the intake' }, role: 'approver' },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'check' }],
}

type Permission = keyof typeof permissions
const roles = ['admin', 'designer', 'approver', 'developer'] as const

let platform: TestPlatform
let flowId: string
let runId: string
let taskId: string
const users: Record<string, { own: TestUser; other: TestUser }> = {}

beforeAll(async () => {
  platform = await startTestPlatform()
  const otherTeam = await platform.createTeam()
  for (const role of roles) {
    users[role] = {
      own: await platform.createUser({ roles: [role], teams: [platform.team] }),
      other: await platform.createUser({ roles: [role], teams: [otherTeam] }),
    }
  }
  const flow = await platform.request('POST', '/api/v1/flows', demoFlow)
  flowId = flow.body.id
  await platform.request('POST', `/api/v1/flows/${flowId}/publish`, {})
  const run = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, { input: { voornaam: 'Sara' } })
  runId = run.body.id
  await eventually(async () => {
    const { body } = await platform.request('GET', `/api/v1/runs/${runId}`)
    return body.status === 'completed' ? true : undefined
  })
  // A flow that waits for an approver, for the inbox routes.
  const approval = await platform.request('POST', '/api/v1/flows', approvalFlow)
  await platform.request('POST', `/api/v1/flows/${approval.body.id}/publish`, {})
  const waiting = await platform.request('POST', `/api/v1/flows/${approval.body.id}/runs`, {
    input: { voornaam: 'Noor' },
  })
  taskId = await eventually(async () => {
    const row = await platform.db
      .selectFrom('tasks')
      .select('id')
      .where('run_id', '=', waiting.body.id)
      .executeTakeFirst()
    return row?.id
  })
})
afterAll(async () => {
  await platform?.stop()
})

interface RouteCase {
  method: string
  path: () => string
  body?: () => unknown
  permission: Permission
}

const routes: RouteCase[] = [
  { method: 'GET', path: () => `/api/v1/flows/${flowId}`, permission: 'flow:read' },
  {
    method: 'PUT',
    path: () => `/api/v1/flows/${flowId}`,
    body: () => ({ revision: 1, definition: demoFlow }),
    permission: 'flow:write',
  },
  { method: 'POST', path: () => `/api/v1/flows/${flowId}/validate`, permission: 'flow:read' },
  {
    method: 'POST',
    path: () => `/api/v1/flows/${flowId}/publish`,
    body: () => ({}),
    permission: 'flow:write',
  },
  { method: 'GET', path: () => `/api/v1/flows/${flowId}/versions`, permission: 'flow:read' },
  { method: 'GET', path: () => `/api/v1/flows/${flowId}/versions/1`, permission: 'flow:read' },
  { method: 'GET', path: () => `/api/v1/flows/${flowId}/diff?from=1`, permission: 'flow:read' },
  {
    method: 'POST',
    path: () => `/api/v1/flows/${flowId}/versions/1/rollback`,
    body: () => ({}),
    permission: 'flow:write',
  },
  { method: 'GET', path: () => `/api/v1/flows/${flowId}/export`, permission: 'flow:read' },
  {
    method: 'POST',
    path: () => `/api/v1/flows/${flowId}/runs`,
    body: () => ({ input: { voornaam: 'Matrix' } }),
    permission: 'run:start',
  },
  {
    method: 'POST',
    path: () => `/api/v1/flows/${flowId}/test-runs`,
    body: () => ({ input: { voornaam: 'Matrix' } }),
    permission: 'flow:write',
  },
  { method: 'GET', path: () => `/api/v1/flows/${flowId}/webhook`, permission: 'flow:read' },
  { method: 'POST', path: () => `/api/v1/flows/${flowId}/webhook/secret`, permission: 'flow:write' },
  { method: 'GET', path: () => `/api/v1/runs/${runId}`, permission: 'run:read' },
  { method: 'GET', path: () => `/api/v1/runs/${runId}/flow`, permission: 'run:read' },
  { method: 'POST', path: () => `/api/v1/runs/${runId}/cancel`, permission: 'run:control' },
  { method: 'POST', path: () => `/api/v1/runs/${runId}/retry`, permission: 'run:control' },
  { method: 'GET', path: () => `/api/v1/tasks/${taskId}`, permission: 'task:work' },
  { method: 'GET', path: () => `/api/v1/tasks/${taskId}/candidates`, permission: 'task:work' },
]

describe('authorization matrix', () => {
  for (const route of routes) {
    for (const role of roles) {
      const allowed = (permissions[route.permission] as readonly string[]).includes(role)
      it(`${route.method} ${route.path.toString().match(/`(.*)`/)?.[1]} as ${role}`, async () => {
        const own = await platform.as(users[role]!.own).request(route.method, route.path(), route.body?.())
        const other = await platform
          .as(users[role]!.other)
          .request(route.method, route.path(), route.body?.())
        if (allowed) {
          expect([401, 403, 404], `own team: ${own.status} ${JSON.stringify(own.body)}`).not.toContain(
            own.status,
          )
          expect(own.status).toBeLessThan(500)
          expect(other.status, 'other team').toBe(404)
          expect(other.body.code).toBe('not_found')
        } else {
          expect(own.status, 'own team').toBe(403)
          expect(other.status, 'other team').toBe(403)
        }
      })
    }
  }

  it('DELETE /api/v1/flows/{id} per role and team', async () => {
    for (const role of roles) {
      const flow = await platform.request('POST', '/api/v1/flows', demoFlow)
      const other = await platform.as(users[role]!.other).request('DELETE', `/api/v1/flows/${flow.body.id}`)
      const own = await platform.as(users[role]!.own).request('DELETE', `/api/v1/flows/${flow.body.id}`)
      if ((permissions['flow:write'] as readonly string[]).includes(role)) {
        expect(other.status, role).toBe(404)
        expect(own.status, role).toBe(204)
      } else {
        expect(other.status, role).toBe(403)
        expect(own.status, role).toBe(403)
      }
    }
  })

  it("lists never show another team's flows or runs", async () => {
    for (const role of ['admin', 'designer', 'developer'] as const) {
      const flows = await platform.as(users[role]!.other).request('GET', '/api/v1/flows?archived=all')
      expect(flows.status).toBe(200)
      expect(flows.body.items.map((f: { teamId: string }) => f.teamId)).not.toContain(platform.team.id)
      const runs = await platform.as(users[role]!.other).request('GET', '/api/v1/runs')
      expect(runs.status).toBe(200)
      expect(runs.body.items.map((r: { id: string }) => r.id)).not.toContain(runId)
      const asked = await platform
        .as(users[role]!.other)
        .request('GET', `/api/v1/runs?teamId=${platform.team.id}`)
      expect(asked.body.items).toEqual([])
      const own = await platform.as(users[role]!.own).request('GET', '/api/v1/runs')
      expect(own.body.items.map((r: { id: string }) => r.id)).toContain(runId)
    }
    expect((await platform.as(users.approver!.own).request('GET', '/api/v1/flows')).status).toBe(403)
  })

  it('refuses to create a flow in a team the user is not in', async () => {
    const otherTeamId = users.designer!.other.teamIds[0]
    const { status } = await platform
      .as(users.designer!.own)
      .request('POST', `/api/v1/flows?teamId=${otherTeamId}`, demoFlow)
    expect(status).toBe(404)
  })

  it('redacts personal data in run details for roles that may not see it, and audits every read', async () => {
    const developer = await platform.as(users.developer!.own).request('GET', `/api/v1/runs/${runId}`)
    expect(developer.status).toBe(200)
    expect(developer.body.redacted).toBe(true)
    expect(developer.body.nodes.start.output).toEqual({ voornaam: '[redacted]' })
    expect(JSON.stringify(developer.body.nodes.start)).not.toContain('Sara')
    const designer = await platform.as(users.designer!.own).request('GET', `/api/v1/runs/${runId}`)
    expect(designer.body.redacted).toBe(false)
    expect(designer.body.nodes.start.output).toEqual({ voornaam: 'Sara' })
    const reads = await platform.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'run.read')
      .where('object_id', '=', runId)
      .execute()
    expect(reads.map((r) => r.actor_id)).toEqual(
      expect.arrayContaining([users.developer!.own.id, users.designer!.own.id]),
    )
  })
})
