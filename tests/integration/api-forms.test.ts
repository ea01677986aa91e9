import { createApp } from '@warmflow/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform
let app: ReturnType<typeof createApp>
let flowId: string

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
  app = createApp({
    db: platform.db,
    registry: platform.registry,
    temporal: { client: platform.client, taskQueue: platform.taskQueue },
    auth: { trustProxy: true },
    forms: { rateLimit: { max: 3, windowMs: 60_000 } },
  })
  const flow = await platform.request('POST', '/api/v1/flows', {
    name: 'Aanmelden als vrijwilliger',
    nodes: [
      {
        id: 'formulier',
        type: 'form',
        version: 1,
        config: {
          title: { nl: 'Word vrijwilliger', en: 'Become a volunteer' },
          fields: [
            { name: 'voornaam', type: 'text', label: { nl: 'Voornaam', en: 'First name' }, required: true },
            { name: 'email', type: 'email', label: { nl: 'E-mail', en: 'E-mail' }, required: true },
          ],
        },
      },
    ],
  })
  flowId = flow.body.id
  expect((await platform.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)
})
afterAll(async () => {
  await platform?.stop()
})

const post = (ip: string, body: unknown, id = flowId, via = app) =>
  via.request(`/api/v1/forms/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const runCount = async () =>
  (await platform.db.selectFrom('runs').select('id').where('flow_id', '=', flowId).execute()).length

describe('public intake form', () => {
  it('serves the form without sign-in, in Dutch and English', async () => {
    const response = await app.request(`/api/v1/forms/${flowId}`)
    expect(response.status).toBe(200)
    const form = (await response.json()) as Record<string, any>
    expect(form.title).toEqual({ nl: 'Word vrijwilliger', en: 'Become a volunteer' })
    expect(form.honeypotField).toBe('website')
    expect(form.schema.required).toEqual(['voornaam', 'email'])
    expect(form.schema.properties.voornaam['x-label']).toEqual({ nl: 'Voornaam', en: 'First name' })
  })

  it('starts a run for a valid submission and refuses one that does not fit', async () => {
    const before = await runCount()
    const ok = await post('198.51.100.1', { voornaam: 'Daan', email: 'daan@example.nl', website: '' })
    expect(ok.status).toBe(202)
    expect(await ok.json()).toEqual({ thanks: expect.objectContaining({ nl: expect.any(String) }) })
    expect(await runCount()).toBe(before + 1)
    const bad = await post('198.51.100.1', { voornaam: 'Daan', email: 'geen-adres' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { code: string }).code).toBe('run.invalid_input')
    expect(await runCount()).toBe(before + 1)
    const runs = await platform.db
      .selectFrom('runs')
      .select(['trigger', 'started_by'])
      .where('flow_id', '=', flowId)
      .execute()
    expect(runs[0]).toEqual({ trigger: 'form', started_by: null })
  })

  it('thanks a bot that fills the honeypot, and starts nothing', async () => {
    const before = await runCount()
    const bot = await post('198.51.100.2', {
      voornaam: 'Bot',
      email: 'bot@example.nl',
      website: 'http://spam.example',
    })
    expect(bot.status).toBe(202)
    expect(await runCount()).toBe(before)
  })

  it('counts an address together across API processes on one database', async () => {
    // A second API process (its own app, same database): the limit is shared, not per process.
    const other = createApp({
      db: platform.db,
      registry: platform.registry,
      temporal: { client: platform.client, taskQueue: platform.taskQueue },
      auth: { trustProxy: true },
      forms: { rateLimit: { max: 3, windowMs: 60_000 } },
    })
    const form = { voornaam: 'B', email: 'b@example.nl' }
    expect((await post('198.51.100.30', form)).status).toBe(202)
    expect((await post('198.51.100.30', form, flowId, other)).status).toBe(202)
    expect((await post('198.51.100.30', form)).status).toBe(202)
    const limited = await post('198.51.100.30', form, flowId, other)
    expect(limited.status).toBe(429)
    expect(((await limited.json()) as { code: string }).code).toBe('form.too_many')
  })

  it('limits submissions per address and size, and never answers 500 to junk', async () => {
    for (let i = 0; i < 3; i++) await post('198.51.100.3', { voornaam: 'A', email: 'a@example.nl' })
    const limited = await post('198.51.100.3', { voornaam: 'A', email: 'a@example.nl' })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    const big = await post('198.51.100.4', { voornaam: 'x'.repeat(70_000), email: 'a@example.nl' })
    expect(big.status).toBe(413)
    for (const [i, junk] of ['{"voornaam": ', '[]', '"x"'].entries()) {
      const response = await post(`198.51.100.${10 + i}`, junk)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
    }
    expect((await post('198.51.100.20', {}, '00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await app.request('/api/v1/forms/not-a-uuid')).status).toBe(404)
  })

  it('offers no form for a flow without a form trigger', async () => {
    const flow = await platform.request('POST', '/api/v1/flows', {
      name: 'Zonder formulier',
      nodes: [{ id: 'start', type: 'manual', version: 1 }],
    })
    await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})
    expect((await app.request(`/api/v1/forms/${flow.body.id}`)).status).toBe(404)
  })
})
