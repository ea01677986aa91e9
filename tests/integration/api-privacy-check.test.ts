import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform()
})
afterAll(async () => {
  await platform?.stop()
})

const start = { id: 'start', type: 'manual', version: 1 }
const pseudonymise = {
  id: 'vervangen',
  type: 'privacy.pseudonymise',
  version: 1,
  config: { textFields: ['omschrijving'] },
}
const restore = {
  id: 'terugzetten',
  type: 'privacy.restore',
  version: 1,
  config: { fields: ['omschrijving'] },
}
const summarise = {
  id: 'samenvatten',
  type: 'ai.summarise',
  version: 1,
  config: { fields: ['omschrijving'] },
}
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target })

async function draft(nodes: unknown[], edges: unknown[]) {
  const created = await platform.request('POST', '/api/v1/flows', { name: 'Privacycheck', nodes, edges })
  expect(created.status).toBe(201)
  return created.body.id as string
}

describe('privacy check before publishing', () => {
  it('refuses to publish a flow that sends restored personal data to an AI node, saying why in Dutch', async () => {
    const id = await draft(
      [start, pseudonymise, restore, summarise],
      [edge('start', 'vervangen'), edge('vervangen', 'terugzetten'), edge('terugzetten', 'samenvatten')],
    )
    const validation = await platform.request('POST', `/api/v1/flows/${id}/validate`, {})
    expect(validation.body.ok).toBe(false)
    expect(validation.body.problems.map((p: { code: string }) => p.code)).toEqual([
      'privacy.ai_after_restore',
    ])

    const published = await platform.request('POST', `/api/v1/flows/${id}/publish`, {})
    expect(published.status).toBe(400)
    expect(published.body.errors).toEqual([
      expect.objectContaining({ code: 'privacy.ai_after_restore', nodeId: 'samenvatten' }),
    ])
    expect(published.body.errors[0].message.nl).toMatch(/AI-dienst/)
    const flow = await platform.request('GET', `/api/v1/flows/${id}`)
    expect(flow.body.latestVersion).toBeNull()
  })

  it('warns, but publishes, when an AI node gets text that was not pseudonymised', async () => {
    const id = await draft([start, summarise], [edge('start', 'samenvatten')])
    const validation = await platform.request('POST', `/api/v1/flows/${id}/validate`, {})
    expect(validation.body).toMatchObject({ ok: true, problems: [] })
    expect(validation.body.warnings).toEqual([
      expect.objectContaining({ code: 'privacy.ai_without_pseudonymise', nodeId: 'samenvatten' }),
    ])
    const published = await platform.request('POST', `/api/v1/flows/${id}/publish`, {})
    expect(published.status).toBe(201)
  })

  it('has nothing to say about pseudonymise → AI → restore', async () => {
    const id = await draft(
      [start, pseudonymise, summarise, { ...restore, config: { fields: ['samenvatting'] } }],
      [edge('start', 'vervangen'), edge('vervangen', 'samenvatten'), edge('samenvatten', 'terugzetten')],
    )
    const validation = await platform.request('POST', `/api/v1/flows/${id}/validate`, {})
    expect(validation.body).toEqual({ ok: true, problems: [], warnings: [] })
  })
})
