// Production (`WARMFLOW_ENV=production`, the API's `requireSmtpCredential`) refuses to publish a
// flow that starts by itself (a public form, a webhook) and sends e-mail while its team has no
// SMTP credential: the person filling in the form would be thanked and the run would stop at the
// e-mail, with nobody to see the refusal the run start gives. On the real API and PostgreSQL.
import { readFile } from 'node:fs/promises'
import { createApp } from '@warmflow/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createAccounts, type Requester, type TestTeam } from '../support/users.js'

let platform: TestPlatform
let production: Requester
let team: TestTeam

const mail = {
  id: 'mail',
  type: 'email.send',
  version: 1,
  config: {
    to: '"centrale@example.nl"',
    subject: { nl: 'Nieuw bericht', en: 'New message' },
    body: { nl: 'Er is iets binnengekomen.', en: 'Something came in.' },
  },
  credentials: { smtp: 'smtp' },
}

/** A flow of `trigger` → e-mail, created in the production team; returns its id. */
async function flowStartedBy(trigger: string, name: string): Promise<string> {
  const created = await production.request('POST', `/api/v1/flows?teamId=${team.id}`, {
    name,
    nodes: [{ id: 'start', type: trigger, version: 1 }, mail],
    edges: [{ id: 'e1', source: 'start', target: 'mail' }],
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.id
}

const versionsOf = async (flowId: string) =>
  (await production.request('GET', `/api/v1/flows/${flowId}/versions`)).body.items as unknown[]

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
  const productionApp = createApp({
    db: platform.db,
    registry: platform.registry,
    temporal: { client: platform.client, taskQueue: platform.taskQueue },
    credentialKey: platform.credentialKey,
    requireSmtpCredential: true,
    auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
  })
  const accounts = createAccounts(productionApp, platform.db)
  team = await accounts.createTeam()
  production = accounts.as(await accounts.createUser({ roles: ['admin', 'designer'], teams: [team] }))
}, 120_000)

afterAll(async () => {
  await platform?.stop()
})

describe('publishing in production without an SMTP credential', () => {
  it('refuses a flow started by a form or a webhook, in Dutch and English, and publishes nothing', async () => {
    const flagship = JSON.parse(
      await readFile(new URL('../../examples/flows/nieuwe-aanmelding.json', import.meta.url), 'utf8'),
    )
    const created = await production.request('POST', `/api/v1/flows?teamId=${team.id}`, flagship)
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const form = created.body.id
    const refused = await production.request('POST', `/api/v1/flows/${form}/publish`, { note: 'v1' })
    expect(refused.status, JSON.stringify(refused.body)).toBe(409)
    // The run start's problem: the same code and first sentence, then why publishing is refused.
    expect(refused.body.code).toBe('flow.smtp_credential_missing')
    expect(refused.body.message.nl).toMatch(
      /^Deze flow verstuurt e-mail, maar het team heeft geen SMTP-inloggegevens "smtp"\. .*publiceer de flow daarna\.$/,
    )
    expect(refused.body.message.en).toMatch(
      /^This flow sends e-mail, but the team has no SMTP credential "smtp"\. .*then publish the flow\.$/,
    )
    expect(await versionsOf(form)).toEqual([])

    const webhook = await flowStartedBy('webhook', 'Melding van het CRM')
    const refusedWebhook = await production.request('POST', `/api/v1/flows/${webhook}/publish`, {})
    expect(refusedWebhook.status).toBe(409)
    expect(refusedWebhook.body.code).toBe('flow.smtp_credential_missing')
    expect(await versionsOf(webhook)).toEqual([])

    // A flow someone starts by hand publishes: its start is refused where that person sees it.
    const manual = await flowStartedBy('manual', 'Handmatig bericht')
    expect((await production.request('POST', `/api/v1/flows/${manual}/publish`, {})).status).toBe(201)
    const start = await production.request('POST', `/api/v1/flows/${manual}/runs`, { input: {} })
    expect(start.status).toBe(409)
    expect(start.body.code).toBe('flow.smtp_credential_missing')

    // Outside production the same flow publishes (its e-mail goes to the local outbox).
    const local = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, flagship)
    expect((await platform.request('POST', `/api/v1/flows/${local.body.id}/publish`, {})).status).toBe(201)
  })

  it('publishes once the team has the credential, and refuses a rollback again after it is deleted', async () => {
    const form = await flowStartedBy('form', 'Contactformulier')
    const credential = await production.request('POST', `/api/v1/credentials?teamId=${team.id}`, {
      name: 'smtp',
      value: JSON.stringify({ host: 'smtp.example.nl', port: 587, from: 'centrale@example.nl' }),
    })
    expect(credential.status, JSON.stringify(credential.body)).toBe(201)
    const published = await production.request('POST', `/api/v1/flows/${form}/publish`, { note: 'v1' })
    expect(published.status, JSON.stringify(published.body)).toBe(201)

    const removed = await production.request('DELETE', `/api/v1/credentials/${credential.body.id}`)
    expect(removed.status).toBe(204)
    const rollback = await production.request('POST', `/api/v1/flows/${form}/versions/1/rollback`, {})
    expect(rollback.status, JSON.stringify(rollback.body)).toBe(409)
    expect(rollback.body.code).toBe('flow.smtp_credential_missing')
    expect(await versionsOf(form)).toHaveLength(1)
  })
})
