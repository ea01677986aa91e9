import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'

const demoFlow = JSON.parse(
  await readFile(new URL('../../examples/flows/demo-welkom.json', import.meta.url), 'utf8'),
)

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform()
})
afterAll(async () => {
  await platform?.stop()
})

// Counts only this platform's team: other test files write to the same database at the same time.
async function countRows() {
  const team = platform.team.id
  const { db } = platform
  const [flows, versions, runs] = await Promise.all([
    db
      .selectFrom('flows')
      .select(db.fn.countAll<string>().as('n'))
      .where('team_id', '=', team)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('flow_versions')
      .innerJoin('flows', 'flows.id', 'flow_versions.flow_id')
      .select(db.fn.countAll<string>().as('n'))
      .where('flows.team_id', '=', team)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('runs')
      .select(db.fn.countAll<string>().as('n'))
      .where('team_id', '=', team)
      .executeTakeFirstOrThrow(),
  ])
  return { flows: Number(flows.n), versions: Number(versions.n), runs: Number(runs.n) }
}

describe('health', () => {
  it('reports database and Temporal as ok', async () => {
    const { status, body } = await platform.request('GET', '/health')
    expect(status).toBe(200)
    expect(body).toEqual({ status: 'ok', checks: { database: 'ok', temporal: 'ok' } })
  })
})

describe('flows', () => {
  it('saves a flow as a draft, publishes it as version 1 and reads it back', async () => {
    const created = await platform.request('POST', '/api/v1/flows', demoFlow)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: demoFlow.name, latestVersion: null, revision: 1 })
    const published = await platform.request('POST', `/api/v1/flows/${created.body.id}/publish`, {})
    expect(published.status).toBe(201)
    expect(published.body).toMatchObject({ version: 1, authorId: platform.admin.id })
    const read = await platform.request('GET', `/api/v1/flows/${created.body.id}`)
    expect(read.status).toBe(200)
    expect(read.body.definition.nodes.map((n: { id: string }) => n.id)).toEqual(['start', 'welkom'])
    const version = await platform.db
      .selectFrom('flow_versions')
      .selectAll()
      .where('flow_id', '=', created.body.id)
      .executeTakeFirstOrThrow()
    expect(version.version).toBe(1)
    expect(version.hash).toMatch(/^[0-9a-f]{64}$/)
    const list = await platform.request('GET', '/api/v1/flows')
    expect(list.body.items.some((f: { id: string }) => f.id === created.body.id)).toBe(true)
  })

  it('rejects malformed JSON with a code and saves nothing', async () => {
    const before = await countRows()
    const { status, body } = await platform.request('POST', '/api/v1/flows', '{"name": "half')
    expect(status).toBe(400)
    expect(body.code).toBe('request.invalid_json')
    expect(body.message.nl).toMatch(/JSON/)
    expect(await countRows()).toEqual(before)
  })

  it('rejects a body that is not JSON with 415', async () => {
    const response = await platform.request('POST', '/api/v1/flows', 'name=x', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(response.status).toBe(415)
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/)
  })

  it('refuses to publish an invalid flow with every problem, in Dutch and English', async () => {
    const draft = await platform.request('POST', '/api/v1/flows', {
      name: 'Kapot',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'vreemd', type: 'bestaat.niet', version: 1 },
        { id: 'los', type: 'transform', version: 1, config: { fields: { x: '1' } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'vreemd' }],
    })
    expect(draft.status).toBe(201)
    const before = await countRows()
    const { status, body } = await platform.request('POST', `/api/v1/flows/${draft.body.id}/publish`, {})
    expect(status).toBe(400)
    expect(body.code).toBe('flow.invalid')
    const codes = body.errors.map((e: { code: string }) => e.code).sort()
    expect(codes).toEqual(['node.unknown_type', 'node.unreachable'])
    for (const error of body.errors) {
      expect(error.message.nl.length).toBeGreaterThan(10)
      expect(error.message.en.length).toBeGreaterThan(10)
    }
    expect(await countRows()).toEqual(before)
  })

  it('rejects a flow missing required fields with a 400 naming the field', async () => {
    const { status, body } = await platform.request('POST', '/api/v1/flows', { nodes: [] })
    expect(status).toBe(400)
    expect(body.errors.some((e: { path?: string[] }) => e.path?.includes('name'))).toBe(true)
  })

  it('answers 404 for unknown and malformed ids', async () => {
    for (const path of [
      '/api/v1/flows/00000000-0000-4000-8000-000000000000',
      '/api/v1/flows/not-a-uuid',
      '/api/v1/runs/00000000-0000-4000-8000-000000000000',
      '/api/v1/runs/123',
    ]) {
      const { status, body } = await platform.request('GET', path)
      expect(status, path).toBe(404)
      expect(body.code).toBe('not_found')
    }
    const start = await platform.request(
      'POST',
      '/api/v1/flows/00000000-0000-4000-8000-000000000000/runs',
      {},
    )
    expect(start.status).toBe(404)
  })
})

async function publishedFlow(definition: unknown) {
  const flow = await platform.request('POST', '/api/v1/flows', definition)
  expect(flow.status).toBe(201)
  expect((await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
  return flow
}

describe('runs', () => {
  it('runs the demo flow on Temporal and reports completed with each node output', async () => {
    const flow = await publishedFlow(demoFlow)
    const started = await platform.request('POST', `/api/v1/flows/${flow.body.id}/runs`, {
      input: { voornaam: 'Fatima' },
    })
    expect(started.status).toBe(201)
    expect(started.body.status).toBe('running')
    const run = await eventually(async () => {
      const { body } = await platform.request('GET', `/api/v1/runs/${started.body.id}`)
      return body.status === 'completed' ? body : undefined
    })
    expect(run.output).toEqual({
      bericht: 'Welkom bij de vrijwilligerscentrale, Fatima!',
      naamInHoofdletters: 'FATIMA',
    })
    expect(run.nodes.start).toMatchObject({
      status: 'completed',
      attempts: 1,
      output: { voornaam: 'Fatima' },
    })
    expect(run.nodes.welkom).toMatchObject({ status: 'completed', attempts: 1 })
    const row = await platform.db
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', started.body.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('completed')
    const list = await platform.request('GET', '/api/v1/flows')
    const listed = list.body.items.find((item: { id: string }) => item.id === flow.body.id)
    expect(listed.lastRun).toMatchObject({ id: started.body.id, status: 'completed' })
    const neverRun = await platform.request('POST', '/api/v1/flows', demoFlow)
    const again = await platform.request('GET', '/api/v1/flows')
    expect(again.body.items.find((item: { id: string }) => item.id === neverRun.body.id).lastRun).toBeNull()
  })

  it('rejects unknown fields in the start body', async () => {
    const flow = await publishedFlow(demoFlow)
    const before = await countRows()
    const { status } = await platform.request('POST', `/api/v1/flows/${flow.body.id}/runs`, {
      input: {},
      owner: 'x',
    })
    expect(status).toBe(400)
    expect(await countRows()).toEqual(before)
  })

  it('serves a readable reference page without sign-in', async () => {
    const page = await platform.as(null).request('GET', '/api/v1/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(page.body).toContain('/api/v1/flows/{id}/publish')
    expect(page.body).toContain('/api/v1/tasks/{id}/complete')
    expect(page.body).not.toMatch(/<script/i)
  })

  it('serves its OpenAPI document', async () => {
    const { status, body } = await platform.request('GET', '/api/v1/openapi.json')
    expect(status).toBe(200)
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/flows',
        '/api/v1/flows/{id}',
        '/api/v1/flows/{id}/runs',
        '/api/v1/runs/{id}',
      ]),
    )
  })
})
