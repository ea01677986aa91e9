import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform, type TestUser } from '../support/platform.js'

const pluginPath = new URL('../fixtures/secret-plugin.ts', import.meta.url).pathname

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform({ plugins: [pluginPath] })
})
afterAll(async () => {
  await platform?.stop()
})

const fingerprint = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16)

const secretFlow = {
  name: 'Sleutel gebruiken',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    // The node's slot `api` is filled by the team's credential named `partner-api`.
    { id: 'use', type: 'test.secret-fingerprint', version: 1, credentials: { api: 'partner-api' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'use' }],
}

async function runAs(user: TestUser) {
  const as = platform.as(user)
  const flow = await as.request('POST', '/api/v1/flows', secretFlow)
  expect(flow.status).toBe(201)
  expect((await as.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
  const run = await as.request('POST', `/api/v1/flows/${flow.body.id}/runs`, { input: {} })
  expect(run.status).toBe(201)
  return eventually(async () => {
    const { body } = await as.request('GET', `/api/v1/runs/${run.body.id}`)
    return body.status === 'completed' ? body.output : undefined
  })
}

describe('credentials', () => {
  it('are stored encrypted, never returned, and resolved in the worker for the run’s own team only', async () => {
    const teamA = await platform.createTeam()
    const teamB = await platform.createTeam()
    const developerA = await platform.createUser({ roles: ['developer'], teams: [teamA] })
    const designerA = await platform.createUser({ roles: ['designer'], teams: [teamA] })
    const developerB = await platform.createUser({ roles: ['developer'], teams: [teamB] })
    const designerB = await platform.createUser({ roles: ['designer'], teams: [teamB] })

    // No credential yet: the node finds none.
    expect(await runAs(designerA)).toEqual({ found: false })

    const created = await platform.as(developerA).request('POST', '/api/v1/credentials', {
      name: 'partner-api',
      description: 'Sleutel van de partner',
      value: 'sk-team-a-secret',
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      id: expect.any(String),
      teamId: teamA.id,
      name: 'partner-api',
      description: 'Sleutel van de partner',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    const row = await platform.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow()
    expect(row.secret).not.toContain('sk-team-a-secret')
    expect(Buffer.from(row.secret, 'base64').toString('latin1')).not.toContain('sk-team-a-secret')

    await platform
      .as(developerB)
      .request('POST', '/api/v1/credentials', { name: 'partner-api', value: 'sk-team-b-secret' })

    expect(await runAs(designerA)).toEqual({ found: true, fingerprint: fingerprint('sk-team-a-secret') })
    expect(await runAs(designerB)).toEqual({ found: true, fingerprint: fingerprint('sk-team-b-secret') })

    const list = await platform.as(designerA).request('GET', '/api/v1/credentials')
    expect(list.status).toBe(200)
    expect(list.body.items.map((c: { name: string; teamId: string }) => [c.name, c.teamId])).toEqual([
      ['partner-api', teamA.id],
    ])
    expect(JSON.stringify(list.body)).not.toMatch(/secret|sk-team/)

    // Rotation: new runs use the new value.
    const rotated = await platform
      .as(developerA)
      .request('PUT', `/api/v1/credentials/${created.body.id}`, { value: 'sk-team-a-new' })
    expect(rotated.status).toBe(200)
    expect(await runAs(designerA)).toEqual({ found: true, fingerprint: fingerprint('sk-team-a-new') })

    // Another team cannot see, change or delete it.
    expect(
      (await platform.as(developerB).request('PUT', `/api/v1/credentials/${created.body.id}`, { value: 'x' }))
        .status,
    ).toBe(404)
    expect(
      (await platform.as(developerB).request('DELETE', `/api/v1/credentials/${created.body.id}`)).status,
    ).toBe(404)
    // Approvers neither read nor write credentials; designers of the team write them.
    const approverA = await platform.createUser({ roles: ['approver'], teams: [teamA] })
    expect((await platform.as(approverA).request('GET', '/api/v1/credentials')).status).toBe(403)
    expect(
      (await platform.as(approverA).request('POST', '/api/v1/credentials', { name: 'x', value: 'y' })).status,
    ).toBe(403)
    expect(
      (await platform.as(approverA).request('DELETE', `/api/v1/credentials/${created.body.id}`)).status,
    ).toBe(403)
    const byDesigner = await platform
      .as(designerA)
      .request('POST', '/api/v1/credentials', { name: 'smtp-designer', value: 'y' })
    expect(byDesigner.status).toBe(201)
    expect(
      (await platform.as(designerA).request('DELETE', `/api/v1/credentials/${byDesigner.body.id}`)).status,
    ).toBe(204)

    const deleted = await platform.as(developerA).request('DELETE', `/api/v1/credentials/${created.body.id}`)
    expect(deleted.status).toBe(204)
    const actions = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_id', '=', created.body.id)
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'credential.create',
      'credential.rotate',
      'credential.delete',
    ])
    expect(JSON.stringify(actions)).not.toContain('sk-team')
  })

  it('validates input: names, duplicates, unknown fields, empty values', async () => {
    const team = await platform.createTeam()
    const developer = await platform.createUser({ roles: ['developer'], teams: [team] })
    const as = platform.as(developer)
    expect((await as.request('POST', '/api/v1/credentials', { name: 'ok-name', value: 'v' })).status).toBe(
      201,
    )
    const duplicate = await as.request('POST', '/api/v1/credentials', { name: 'ok-name', value: 'v2' })
    expect(duplicate.status).toBe(409)
    for (const body of [
      { name: 'Met Spaties', value: 'v' },
      { name: 'x', value: '' },
      { name: 'x' },
      { name: 'x', value: 'v', teamId: team.id },
      { name: 'x', value: 'v', secret: 'raw' },
    ]) {
      expect((await as.request('POST', '/api/v1/credentials', body)).status, JSON.stringify(body)).toBe(400)
    }
    expect((await as.request('PUT', '/api/v1/credentials/not-a-uuid', { value: 'v' })).status).toBe(404)
  })
})
