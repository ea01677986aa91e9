import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { emailSendNode } from '@warmflow/nodes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'

let platform: TestPlatform
let smtp: TestSmtpServer
let ai: Server
let aiPort: number
const aiKey = 'sk-test-credential-form'
const previousAllow = process.env.WARMFLOW_HTTP_ALLOW

beforeAll(async () => {
  ;[platform, smtp] = await Promise.all([startTestPlatform({ worker: false }), startSmtpServer()])
  // A real OpenAI-style server on 127.0.0.1: `GET /v1/models` with a key.
  ai = createServer((request, response) => {
    if (request.url !== '/v1/models') return response.writeHead(404).end()
    if (request.headers.authorization !== `Bearer ${aiKey}`) return response.writeHead(401).end()
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ object: 'list', data: [{ id: 'mistral-small' }] }))
  })
  await new Promise<void>((resolve) => ai.listen(0, '127.0.0.1', resolve))
  aiPort = (ai.address() as AddressInfo).port
})
afterAll(async () => {
  if (previousAllow === undefined) delete process.env.WARMFLOW_HTTP_ALLOW
  else process.env.WARMFLOW_HTTP_ALLOW = previousAllow
  await new Promise((resolve) => ai?.close(resolve))
  await smtp?.stop()
  await platform?.stop()
})

async function developer() {
  const team = await platform.createTeam()
  const user = await platform.createUser({ roles: ['developer'], teams: [team] })
  return { team, as: platform.as(user) }
}

const smtpFields = () => ({
  host: smtp.host,
  port: String(smtp.port),
  secure: false,
  user: 'warmflow',
  pass: 'geheim-test-wachtwoord',
  from: 'Vrijwilligerscentrale <info@warmflow.test>',
})

describe('credential forms', () => {
  it('lists a type per secret slot of the node types, with the fields the nodes read', async () => {
    const { body, status } = await platform.request('GET', '/api/v1/credentials/types')
    expect(status).toBe(200)
    const bySlot = new Map(body.items.map((type: { slot: string }) => [type.slot, type]))
    const fieldNames = (slot: string) =>
      (bySlot.get(slot) as { fields: { name: string }[] }).fields.map((field) => field.name)
    expect(fieldNames('smtp')).toEqual(['host', 'port', 'secure', 'user', 'pass', 'from'])
    expect(fieldNames('ai')).toEqual(['baseUrl', 'apiKey', 'model', 'location'])
    expect(fieldNames('http')).toEqual(['hosts', 'bearer', 'basicUser', 'basicPass'])
    expect(bySlot.get('smtp')).toMatchObject({ testable: true, required: true, usedBy: ['email.send@1'] })
    expect(bySlot.get('ai')).toMatchObject({ required: false })
    // A slot Warmflow has no form for gets one secret value.
    expect(fieldNames('webhook')).toEqual(['value'])
  })

  it('stores a filled-in SMTP form as the JSON the e-mail node reads, and says in words what is missing', async () => {
    const { as } = await developer()
    const incomplete = await as.request('POST', '/api/v1/credentials', {
      name: 'smtp',
      fields: { ...smtpFields(), host: '', port: 'zeventig' },
    })
    expect(incomplete.status).toBe(422)
    expect(incomplete.body.code).toBe('credential.invalid_fields')
    expect(incomplete.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['host'],
          message: { nl: 'Vul een waarde in.', en: 'Fill in a value.' },
        }),
        expect.objectContaining({ path: ['port'] }),
      ]),
    )

    const created = await as.request('POST', '/api/v1/credentials', { name: 'smtp', fields: smtpFields() })
    expect(created.status).toBe(201)
    expect(JSON.stringify(created.body)).not.toContain('geheim')
    // The stored value is what the e-mail node reads: testing it by id logs in to the server.
    expect((await as.request('POST', `/api/v1/credentials/${created.body.id}/test`)).body).toMatchObject({
      ok: true,
    })
    expect(emailSendNode.secrets).toEqual(['smtp'])

    // Rotating with a form replaces the value; the answer never holds it.
    const rotated = await as.request('PUT', `/api/v1/credentials/${created.body.id}`, {
      fields: { ...smtpFields(), pass: 'nieuw-wachtwoord' },
    })
    expect(rotated.status).toBe(200)
    expect(JSON.stringify(rotated.body)).not.toContain('wachtwoord')
    expect((await as.request('POST', `/api/v1/credentials/${created.body.id}/test`)).body).toMatchObject({
      ok: false,
      code: 'smtp.auth_failed',
    })
  })

  it('tests an SMTP login against a real server: a right password passes, a wrong one is named', async () => {
    const { as } = await developer()
    const good = await as.request('POST', '/api/v1/credentials/test', { type: 'smtp', fields: smtpFields() })
    expect(good.status).toBe(200)
    expect(good.body).toMatchObject({ ok: true, code: 'smtp.ok' })
    expect(good.body.durationMs).toBeLessThan(10_000)

    const wrong = await as.request('POST', '/api/v1/credentials/test', {
      type: 'smtp',
      fields: { ...smtpFields(), pass: 'fout' },
    })
    expect(wrong.body).toMatchObject({ ok: false, code: 'smtp.auth_failed' })
    expect(wrong.body.message.nl).toContain('weigert de inlog')
    expect(JSON.stringify(wrong.body)).not.toContain('fout')

    // A stored credential is tested by id, without its value leaving the server.
    const created = await as.request('POST', '/api/v1/credentials', {
      name: 'smtp.kantoor',
      fields: smtpFields(),
    })
    const stored = await as.request('POST', `/api/v1/credentials/${created.body.id}/test`)
    expect(stored.body).toMatchObject({ ok: true, code: 'smtp.ok' })
  })

  it('tests an AI endpoint with GET /models through the SSRF guard', async () => {
    const { as } = await developer()
    const fields = {
      baseUrl: `http://127.0.0.1:${aiPort}/v1`,
      apiKey: aiKey,
      model: 'mistral-small',
      location: 'local',
    }
    delete process.env.WARMFLOW_HTTP_ALLOW
    const blocked = await as.request('POST', '/api/v1/credentials/test', { type: 'ai', fields })
    expect(blocked.body).toMatchObject({ ok: false, code: 'http.blocked_address' })

    process.env.WARMFLOW_HTTP_ALLOW = `127.0.0.1:${aiPort}`
    expect((await as.request('POST', '/api/v1/credentials/test', { type: 'ai', fields })).body).toMatchObject(
      { ok: true, code: 'ai.ok' },
    )
    expect(
      (
        await as.request('POST', '/api/v1/credentials/test', {
          type: 'ai',
          fields: { ...fields, apiKey: 'x' },
        })
      ).body,
    ).toMatchObject({ ok: false, code: 'ai.auth_failed' })
    expect(
      (
        await as.request('POST', '/api/v1/credentials/test', {
          type: 'ai',
          fields: { ...fields, model: 'gpt-9' },
        })
      ).body,
    ).toMatchObject({ ok: false, code: 'ai.unknown_model' })
  })

  it('lets only credential writers test a connection', async () => {
    const team = await platform.createTeam()
    const approver = await platform.createUser({ roles: ['approver'], teams: [team] })
    const answer = await platform
      .as(approver)
      .request('POST', '/api/v1/credentials/test', { type: 'smtp', fields: smtpFields() })
    expect(answer.status).toBe(403)
    expect((await platform.as(approver).request('GET', '/api/v1/credentials/types')).status).toBe(403)
    // A designer sets up the team's credentials, and may test them first.
    const designer = await platform.createUser({ roles: ['designer'], teams: [team] })
    expect((await platform.as(designer).request('GET', '/api/v1/credentials/types')).status).toBe(200)
    const tried = await platform
      .as(designer)
      .request('POST', '/api/v1/credentials/test', { type: 'smtp', fields: smtpFields() })
    expect(tried.status).toBe(200)
  })
})
