import { readFile } from 'node:fs/promises'
import { scheduleIdFor } from '@warmflow/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

const demoFlow = JSON.parse(
  await readFile(new URL('../../examples/flows/demo-welkom.json', import.meta.url), 'utf8'),
)

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
})
afterAll(async () => {
  await platform?.stop()
})

const withMessage = (message: string) => ({
  ...demoFlow,
  nodes: demoFlow.nodes.map((n: { id: string; config: Record<string, unknown> }) =>
    n.id === 'welkom' ? { ...n, config: { ...n.config, fields: { bericht: `'${message}'` } } } : n,
  ),
})

async function draft(definition: unknown = demoFlow) {
  const created = await platform.request('POST', '/api/v1/flows', definition)
  expect(created.status).toBe(201)
  return created.body
}

describe('drafts and revisions', () => {
  it('saves a draft with the revision it edited; a stale revision gets 409 and changes nothing', async () => {
    const flow = await draft()
    expect(flow).toMatchObject({
      revision: 1,
      latestVersion: null,
      teamId: platform.team.id,
      archived: false,
    })
    const first = await platform.request('PUT', `/api/v1/flows/${flow.id}`, {
      revision: 1,
      definition: withMessage('Een'),
    })
    expect(first.status).toBe(200)
    expect(first.body.revision).toBe(2)
    // A second editor still on revision 1.
    const stale = await platform.request('PUT', `/api/v1/flows/${flow.id}`, {
      revision: 1,
      definition: withMessage('Twee'),
    })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('flow.stale_revision')
    expect(stale.body.message.nl).toMatch(/opgeslagen/)
    const read = await platform.request('GET', `/api/v1/flows/${flow.id}`)
    expect(read.body.revision).toBe(2)
    expect(read.body.definition.nodes[1].config.fields).toEqual({ bericht: "'Een'" })
  })

  it('keeps an invalid draft and says what is wrong when validating', async () => {
    const flow = await draft({
      name: 'Half af',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'x', type: 'nope', version: 1 },
      ],
    })
    const validation = await platform.request('POST', `/api/v1/flows/${flow.id}/validate`)
    expect(validation.status).toBe(200)
    expect(validation.body.ok).toBe(false)
    expect(validation.body.problems.map((p: { code: string }) => p.code)).toContain('node.unknown_type')
    const ok = await platform.request('POST', `/api/v1/flows/${await draft().then((f) => f.id)}/validate`)
    expect(ok.body).toEqual({ ok: true, problems: [], warnings: [] })
  })

  it('refuses malformed saves with 400 and never 500', async () => {
    const flow = await draft()
    for (const body of [
      {},
      { revision: 'x', definition: demoFlow },
      { revision: 1 },
      { revision: 1, definition: demoFlow, teamId: platform.team.id },
      { revision: 1, definition: { ...demoFlow, nodes: 'no' } },
      '{"revision": 1, "definition": ',
    ]) {
      const { status } = await platform.request('PUT', `/api/v1/flows/${flow.id}`, body)
      expect(status, JSON.stringify(body).slice(0, 80)).toBe(400)
    }
    expect((await platform.request('POST', '/api/v1/flows?teamId=nope', demoFlow)).status).toBe(400)
  })
})

describe('publishing and versions', () => {
  it('publishes immutable numbered versions with hash, author and note; unchanged publishes nothing new', async () => {
    const flow = await draft()
    const v1 = await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, { note: 'Eerste versie' })
    expect(v1.status).toBe(201)
    expect(v1.body).toMatchObject({ version: 1, note: 'Eerste versie', authorId: platform.admin.id })
    expect(v1.body.hash).toMatch(/^[0-9a-f]{64}$/)
    const again = await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, { note: 'dubbelklik' })
    expect(again.status).toBe(200)
    expect(again.body.version).toBe(1)

    await platform.request('PUT', `/api/v1/flows/${flow.id}`, {
      revision: 1,
      definition: withMessage('Hallo'),
    })
    const stale = await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, { revision: 1 })
    expect(stale.status).toBe(409)
    const v2 = await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, {
      revision: 2,
      note: 'Korter',
    })
    expect(v2.status).toBe(201)
    expect(v2.body.version).toBe(2)
    expect(v2.body.hash).not.toBe(v1.body.hash)

    const list = await platform.request('GET', `/api/v1/flows/${flow.id}/versions?limit=1`)
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([2])
    const next = await platform.request(
      'GET',
      `/api/v1/flows/${flow.id}/versions?limit=1&cursor=${list.body.nextCursor}`,
    )
    expect(next.body.items.map((v: { version: number }) => v.version)).toEqual([1])
    expect(next.body.nextCursor).toBeNull()

    const one = await platform.request('GET', `/api/v1/flows/${flow.id}/versions/1`)
    expect(one.body.definition.nodes[1].config.fields.bericht).toMatch(/Welkom/)
    expect((await platform.request('GET', `/api/v1/flows/${flow.id}/versions/9`)).status).toBe(404)
    expect((await platform.request('GET', `/api/v1/flows/${flow.id}/versions/abc`)).status).toBe(400)

    const diff = await platform.request('GET', `/api/v1/flows/${flow.id}/diff?from=1&to=2`)
    expect(diff.status).toBe(200)
    expect(diff.body.nodes.changed).toEqual([
      {
        id: 'welkom',
        changes: [
          {
            field: 'config.fields',
            before: demoFlow.nodes[1].config.fields,
            after: { bericht: "'Hallo'" },
          },
        ],
      },
    ])
    const toDraft = await platform.request('GET', `/api/v1/flows/${flow.id}/diff?from=2`)
    expect(toDraft.body).toMatchObject({ to: 'draft', nodes: { added: [], removed: [], changed: [] } })

    const rollback = await platform.request('POST', `/api/v1/flows/${flow.id}/versions/1/rollback`, {})
    expect(rollback.status).toBe(201)
    expect(rollback.body).toMatchObject({ version: 3, hash: v1.body.hash, note: 'Rollback to version 1' })
    const read = await platform.request('GET', `/api/v1/flows/${flow.id}`)
    expect(read.body.latestVersion).toBe(3)

    const actions = await platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', flow.id)
      .orderBy('id')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'flow.create',
      'flow.publish',
      'flow.update',
      'flow.publish',
      'flow.rollback',
    ])
  })

  it('refuses to publish an invalid draft, listing the problems', async () => {
    const flow = await draft({
      name: 'Kapot',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'los', type: 'transform', version: 1, config: {} },
      ],
    })
    const { status, body } = await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, {})
    expect(status).toBe(400)
    expect(body.code).toBe('flow.invalid')
    expect(body.errors.length).toBeGreaterThan(0)
    expect((await platform.request('GET', `/api/v1/flows/${flow.id}/versions`)).body.items).toEqual([])
  })
})

describe('export and import', () => {
  it('exports a version and imports it as a new draft of my team, ignoring ids and owners in the file', async () => {
    const flow = await draft()
    await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, {})
    const exported = await platform.request('GET', `/api/v1/flows/${flow.id}/export?version=1`)
    expect(exported.status).toBe(200)
    expect(exported.body).toMatchObject({ format: 'warmflow.flow/v1', sourceVersion: 1 })
    const other = await platform.createTeam()
    const file = { ...exported.body, id: flow.id, teamId: other.id, createdBy: 'someone', latestVersion: 7 }
    const imported = await platform.request('POST', '/api/v1/flows/import', file)
    expect(imported.status).toBe(201)
    expect(imported.body.id).not.toBe(flow.id)
    expect(imported.body).toMatchObject({ teamId: platform.team.id, latestVersion: null, revision: 1 })
    expect(imported.body.definition).toEqual(exported.body.definition)

    const broken = await platform.request('POST', '/api/v1/flows/import', {
      format: 'warmflow.flow/v1',
      definition: { name: 'x', nodes: [{ id: 'a', type: 'nope', version: 1 }] },
    })
    expect(broken.status).toBe(400)
    expect(broken.body.code).toBe('flow.invalid')
    expect(
      (await platform.request('POST', '/api/v1/flows/import', { format: 'other', definition: {} })).status,
    ).toBe(400)
  })
})

describe('lists and deletion', () => {
  it('lists with filters and a cursor', async () => {
    const marker = `Lijst ${Date.now()}`
    const made = []
    for (let i = 0; i < 3; i++) made.push(await draft({ ...demoFlow, name: `${marker} ${i}` }))
    await platform.request('POST', `/api/v1/flows/${made[0].id}/publish`, {})
    const q = encodeURIComponent(marker)
    const first = await platform.request('GET', `/api/v1/flows?q=${q}&limit=2`)
    const second = await platform.request(
      'GET',
      `/api/v1/flows?q=${q}&limit=2&cursor=${first.body.nextCursor}`,
    )
    expect([...first.body.items, ...second.body.items].map((f: { id: string }) => f.id)).toEqual(
      made.map((f) => f.id).reverse(),
    )
    expect(second.body.nextCursor).toBeNull()
    const published = await platform.request('GET', `/api/v1/flows?q=${q}&published=true`)
    expect(published.body.items.map((f: { id: string }) => f.id)).toEqual([made[0].id])
    expect((await platform.request('GET', '/api/v1/flows?archived=maybe')).status).toBe(400)
  })

  it('deletes a flow without running runs', async () => {
    const flow = await draft()
    const deleted = await platform.request('DELETE', `/api/v1/flows/${flow.id}`)
    expect(deleted.status).toBe(204)
    expect((await platform.request('GET', `/api/v1/flows/${flow.id}`)).status).toBe(404)
  })
})

describe('scheduled flows', () => {
  it('publishing a flow with a schedule trigger makes its Temporal Schedule; deleting the flow removes it', async () => {
    const flow = await draft({
      name: 'Elk uur',
      nodes: [
        { id: 'klok', type: 'schedule', version: 1, config: { everyMinutes: 60, input: { bron: 'schema' } } },
        { id: 'stap', type: 'transform', version: 1, config: { fields: { x: "'1'" } } },
      ],
      edges: [{ id: 'e1', source: 'klok', target: 'stap' }],
    })
    expect((await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, {})).status).toBe(201)
    const handle = platform.client.schedule.getHandle(scheduleIdFor(flow.id))
    const description = await handle.describe()
    expect(description.spec.intervals?.[0]?.every).toBe(3_600_000)
    expect((await platform.request('DELETE', `/api/v1/flows/${flow.id}`)).status).toBe(204)
    await expect(handle.describe()).rejects.toThrow()
  })
})
