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

async function draft(definition: unknown = demoFlow) {
  const flow = await platform.request('POST', '/api/v1/flows', definition)
  expect(flow.status).toBe(201)
  return flow.body as { id: string; revision: number; definition: typeof demoFlow }
}

async function finished(runId: string) {
  return eventually(async () => {
    const { body } = await platform.request('GET', `/api/v1/runs/${runId}`)
    return ['completed', 'failed', 'cancelled'].includes(body.status) ? body : undefined
  })
}

async function runCount(flowId: string) {
  const rows = await platform.db.selectFrom('runs').select('id').where('flow_id', '=', flowId).execute()
  return rows.length
}

describe('test runs of a draft', () => {
  it('runs the unpublished draft on the interpreter and keeps the definition it ran', async () => {
    const flow = await draft()
    const started = await platform.request('POST', `/api/v1/flows/${flow.id}/test-runs`, {
      input: { voornaam: 'Fatima' },
    })
    expect(started.status).toBe(201)
    expect(started.body).toMatchObject({
      flowId: flow.id,
      flowVersion: null,
      trigger: 'test',
      status: 'running',
      startedBy: platform.admin.id,
      teamId: platform.team.id,
    })
    const run = await finished(started.body.id)
    expect(run.status).toBe('completed')
    expect(run.output).toEqual({
      bericht: 'Welkom bij de vrijwilligerscentrale, Fatima!',
      naamInHoofdletters: 'FATIMA',
    })

    // The draft changes afterwards; the run still shows what it ran.
    const changed = structuredClone(demoFlow)
    changed.nodes[1].config.fields.bericht = "'Hallo ' & voornaam"
    const saved = await platform.request('PUT', `/api/v1/flows/${flow.id}`, {
      revision: flow.revision,
      definition: changed,
    })
    expect(saved.status).toBe(200)
    const ran = await platform.request('GET', `/api/v1/runs/${started.body.id}/flow`)
    expect(ran.status).toBe(200)
    expect(ran.body).toEqual({ version: null, test: true, definition: flow.definition })
    expect(ran.body.definition.nodes[1].config.fields.bericht).toBe(demoFlow.nodes[1].config.fields.bericht)

    // A second test run takes the draft as it is now.
    const second = await platform.request('POST', `/api/v1/flows/${flow.id}/test-runs`, {
      input: { voornaam: 'Sam' },
    })
    expect(second.status).toBe(201)
    expect((await finished(second.body.id)).output).toMatchObject({ bericht: 'Hallo Sam' })
    const secondFlow = await platform.request('GET', `/api/v1/runs/${second.body.id}/flow`)
    expect(secondFlow.body.definition.nodes[1].config.fields.bericht).toBe("'Hallo ' & voornaam")

    // Listed with trigger `test`, and filterable by it.
    const tests = await platform.request('GET', `/api/v1/runs?flowId=${flow.id}&trigger=test`)
    expect(tests.status).toBe(200)
    expect(tests.body.items.map((r: { id: string }) => r.id)).toEqual([second.body.id, started.body.id])
    expect(tests.body.items.every((r: { trigger: string }) => r.trigger === 'test')).toBe(true)
    const manual = await platform.request('GET', `/api/v1/runs?flowId=${flow.id}&trigger=manual`)
    expect(manual.body.items).toEqual([])

    // The flow is still unpublished, and the start is audited as a test.
    expect((await platform.request('GET', `/api/v1/flows/${flow.id}`)).body.latestVersion).toBeNull()
    const audited = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_id', '=', started.body.id)
      .where('action', '=', 'run.start')
      .executeTakeFirstOrThrow()
    expect(audited.details).toMatchObject({ test: true, revision: flow.revision })
  })

  it('shows the published version a normal run ran', async () => {
    const flow = await draft()
    expect((await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, {})).status).toBe(201)
    const run = await platform.request('POST', `/api/v1/flows/${flow.id}/runs`, {
      input: { voornaam: 'Ali' },
    })
    expect(run.status).toBe(201)
    expect(run.body.flowVersion).toBe(1)
    const ran = await platform.request('GET', `/api/v1/runs/${run.body.id}/flow`)
    expect(ran.status).toBe(200)
    expect(ran.body).toEqual({ version: 1, test: false, definition: flow.definition })
  })

  it('refuses an invalid draft with every problem in Dutch and English, and starts nothing', async () => {
    const flow = await draft({
      name: 'Kapot',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'vreemd', type: 'bestaat.niet', version: 1 },
        { id: 'los', type: 'transform', version: 1, config: { fields: { x: '1' } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'vreemd' }],
    })
    const { status, body } = await platform.request('POST', `/api/v1/flows/${flow.id}/test-runs`, {
      input: {},
    })
    expect(status).toBe(400)
    expect(body.code).toBe('flow.invalid')
    expect(body.message.nl).toMatch(/problemen/)
    expect(body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'node.unknown_type',
      'node.unreachable',
    ])
    for (const error of body.errors) {
      expect(error.message.nl.length).toBeGreaterThan(10)
      expect(error.message.en.length).toBeGreaterThan(10)
    }
    expect(await runCount(flow.id)).toBe(0)
  })

  it('rejects unknown fields in the body', async () => {
    const flow = await draft()
    const { status } = await platform.request('POST', `/api/v1/flows/${flow.id}/test-runs`, {
      input: {},
      version: 3,
    })
    expect(status).toBe(400)
    expect(await runCount(flow.id)).toBe(0)
  })

  it("is only for designers of the flow's own team", async () => {
    const flow = await draft()
    const otherTeam = await platform.createTeam()
    const otherDesigner = await platform.createUser({ roles: ['designer'], teams: [otherTeam] })
    const approver = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
    const developer = await platform.createUser({ roles: ['developer'], teams: [platform.team] })
    const path = `/api/v1/flows/${flow.id}/test-runs`
    const other = await platform.as(otherDesigner).request('POST', path, { input: {} })
    expect(other.status).toBe(404)
    expect(other.body.code).toBe('not_found')
    expect((await platform.as(approver).request('POST', path, { input: {} })).status).toBe(403)
    expect((await platform.as(developer).request('POST', path, { input: {} })).status).toBe(403)
    expect(
      (await platform.request('POST', '/api/v1/flows/00000000-0000-4000-8000-000000000000/test-runs', {}))
        .status,
    ).toBe(404)
    expect(await runCount(flow.id)).toBe(0)

    // Reading what a run ran follows the run's own rules.
    const designer = await platform.createUser({ roles: ['designer'], teams: [platform.team] })
    const started = await platform.as(designer).request('POST', path, { input: { voornaam: 'Eva' } })
    expect(started.status).toBe(201)
    expect(started.body.startedBy).toBe(designer.id)
    const runFlow = `/api/v1/runs/${started.body.id}/flow`
    expect((await platform.as(developer).request('GET', runFlow)).status).toBe(200)
    expect((await platform.as(otherDesigner).request('GET', runFlow)).status).toBe(404)
    expect((await platform.as(approver).request('GET', runFlow)).status).toBe(403)
    expect((await platform.request('GET', '/api/v1/runs/not-a-uuid/flow')).status).toBe(404)
    await finished(started.body.id)
  })

  it('starts no test run for an archived flow', async () => {
    const flow = await draft()
    await platform.db
      .updateTable('flows')
      .set({ archived_at: new Date() })
      .where('id', '=', flow.id)
      .execute()
    const { status, body } = await platform.request('POST', `/api/v1/flows/${flow.id}/test-runs`, {
      input: {},
    })
    expect(status).toBe(409)
    expect(body.code).toBe('flow.archived')
    expect(body.message.nl).toMatch(/gearchiveerd/)
    expect(await runCount(flow.id)).toBe(0)
  })

  it('describes both routes in the OpenAPI document', async () => {
    const { body } = await platform.request('GET', '/api/v1/openapi.json')
    expect(body.paths['/api/v1/flows/{id}/test-runs']?.post?.responses).toHaveProperty('201')
    expect(body.paths['/api/v1/runs/{id}/flow']?.get?.responses).toHaveProperty('200')
    expect(body.components.schemas.RunFlow.properties).toHaveProperty('definition')
    expect(body.components.schemas.RunSummary.properties.flowVersion).toBeDefined()
  })
})

function numberFlow(expression: string) {
  return {
    name: 'Getal lezen',
    nodes: [
      { id: 'start', type: 'manual', version: 1 },
      {
        id: 'getal',
        type: 'transform',
        version: 1,
        config: { fields: { getal: expression } },
        options: { retry: { maximumAttempts: 1 } },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'getal' }],
  }
}
// Fails on input that is not a number; the fixed version always succeeds.
const failing = numberFlow('$number(nummer)')
const fixed = numberFlow('"geen getal nodig"')

describe('retry', () => {
  it('runs the version the failed run ran, with the same input, not the newest', async () => {
    const flow = await draft(failing)
    expect((await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, {})).status).toBe(201)
    const run = await platform.request('POST', `/api/v1/flows/${flow.id}/runs`, {
      input: { nummer: 'twaalf' },
    })
    expect(run.body.flowVersion).toBe(1)
    expect((await finished(run.body.id)).status).toBe('failed')

    const saved = await platform.request('PUT', `/api/v1/flows/${flow.id}`, {
      revision: flow.revision,
      definition: fixed,
    })
    expect(saved.status).toBe(200)
    const v2 = await platform.request('POST', `/api/v1/flows/${flow.id}/publish`, {})
    expect(v2.body.version).toBe(2)

    const retried = await platform.request('POST', `/api/v1/runs/${run.body.id}/retry`)
    expect(retried.status).toBe(201)
    expect(retried.body).toMatchObject({ flowVersion: 1, trigger: 'retry', retryOf: run.body.id })
    const again = await finished(retried.body.id)
    expect(again.status).toBe('failed')
    expect(again.nodes.start.output).toEqual({ nummer: 'twaalf' })
    expect(again.nodes.getal.status).toBe('failed')
    const ran = await platform.request('GET', `/api/v1/runs/${retried.body.id}/flow`)
    expect(ran.body).toMatchObject({ version: 1, test: false })
    expect(ran.body.definition.nodes[1].config.fields.getal).toBe('$number(nummer)')

    // A new run takes the newest version, which works.
    const fresh = await platform.request('POST', `/api/v1/flows/${flow.id}/runs`, {
      input: { nummer: 'twaalf' },
    })
    expect(fresh.body.flowVersion).toBe(2)
    expect((await finished(fresh.body.id)).output).toEqual({ nummer: 'twaalf', getal: 'geen getal nodig' })
  })

  it('retries a test run with the same test definition, after the draft changed', async () => {
    const flow = await draft(failing)
    const run = await platform.request('POST', `/api/v1/flows/${flow.id}/test-runs`, {
      input: { nummer: 'zeven' },
    })
    expect(run.status).toBe(201)
    expect((await finished(run.body.id)).status).toBe('failed')
    await platform.request('PUT', `/api/v1/flows/${flow.id}`, { revision: flow.revision, definition: fixed })

    const retried = await platform.request('POST', `/api/v1/runs/${run.body.id}/retry`)
    expect(retried.status).toBe(201)
    expect(retried.body).toMatchObject({ flowVersion: null, trigger: 'retry', retryOf: run.body.id })
    const again = await finished(retried.body.id)
    expect(again.status).toBe('failed')
    expect(again.nodes.start.output).toEqual({ nummer: 'zeven' })
    const ran = await platform.request('GET', `/api/v1/runs/${retried.body.id}/flow`)
    expect(ran.body).toEqual({ version: null, test: true, definition: flow.definition })

    // An archived flow starts no retries either.
    await platform.db
      .updateTable('flows')
      .set({ archived_at: new Date() })
      .where('id', '=', flow.id)
      .execute()
    const refused = await platform.request('POST', `/api/v1/runs/${retried.body.id}/retry`)
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('flow.archived')
  })
})
