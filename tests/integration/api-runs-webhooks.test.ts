import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Client } from '@temporalio/client'
import { createApp, signWebhook } from '@warmflow/api'
import { createDb, databaseUser, destroyRunKeys, grantAppRole } from '@warmflow/store'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createSideEffectTables } from '../fixtures/side-effect-plugin.js'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createAccounts } from '../support/users.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'

const pluginPath = new URL('../fixtures/side-effect-plugin.ts', import.meta.url).pathname

let platform: TestPlatform
beforeAll(async () => {
  // The slow test node records its attempts in this run's database.
  process.env.DATABASE_URL = inject('databaseUrl')
  platform = await startTestPlatform({ plugins: [pluginPath] })
  // Tables are the owner's to make; the app's role (the platform's) gets its rights on them.
  const owner = createDb(inject('ownerDatabaseUrl'), { max: 1 })
  try {
    await createSideEffectTables({ query: (text) => sql.raw(text).execute(owner) })
    await grantAppRole(owner, databaseUser(inject('databaseUrl')))
  } finally {
    await owner.destroy()
  }
})
afterAll(async () => {
  killWorkerProcesses()
  await platform?.stop()
})

const fields = [
  { name: 'voornaam', type: 'text', label: { nl: 'Voornaam', en: 'First name' }, required: true },
]

function webhookFlow(slowMs?: number) {
  return {
    name: 'Webhook: welkom',
    nodes: [
      { id: 'hook', type: 'webhook', version: 1, config: { fields } },
      ...(slowMs === undefined
        ? []
        : [{ id: 'slow', type: 'test.slow', version: 1, config: { milliseconds: slowMs } }]),
      {
        id: 'welkom',
        type: 'transform',
        version: 1,
        config: { fields: { bericht: "'Welkom, ' & voornaam" } },
      },
    ],
    edges:
      slowMs === undefined
        ? [{ id: 'e1', source: 'hook', target: 'welkom' }]
        : [
            { id: 'e1', source: 'hook', target: 'slow' },
            { id: 'e2', source: 'slow', target: 'welkom' },
          ],
  }
}

async function publishedFlow(definition: unknown) {
  const flow = await platform.request('POST', '/api/v1/flows', definition)
  expect(flow.status).toBe(201)
  expect((await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
  return flow.body.id as string
}

async function deliver(
  flowId: string,
  secret: string,
  body: string,
  options: { id?: string; timestamp?: number; query?: string; signature?: string } = {},
) {
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  return platform.as(null).request('POST', `/api/v1/hooks/${flowId}${options.query ?? ''}`, body, {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': options.signature ?? signWebhook(secret, id, timestamp, body),
  })
}

describe('webhook trigger', () => {
  it('starts a run from a signed delivery and answers with its output; a repeat returns the same run', async () => {
    const flowId = await publishedFlow(webhookFlow())
    const made = await platform.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    expect(made.status).toBe(201)
    expect(made.body.secret).toMatch(/^whsec_/)
    expect(made.body.url).toBe(`/api/v1/hooks/${flowId}`)
    const info = await platform.request('GET', `/api/v1/flows/${flowId}/webhook`)
    expect(info.body).toEqual({ url: `/api/v1/hooks/${flowId}`, hasSecret: true })
    const stored = await platform.db
      .selectFrom('flows')
      .select('webhook_secret')
      .where('id', '=', flowId)
      .executeTakeFirstOrThrow()
    expect(stored.webhook_secret).not.toContain(made.body.secret.slice(6))

    const body = JSON.stringify({ voornaam: 'Fatima', extra: 1 })
    const first = await deliver(flowId, made.body.secret, body, { id: 'msg_once' })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ status: 'completed', output: { bericht: 'Welkom, Fatima' } })
    expect(first.body.statusUrl).toBe(`/api/v1/runs/${first.body.runId}`)
    // Where the delivery's time went: checking, starting, and waiting for the run's answer.
    expect(first.headers.get('server-timing')).toMatch(
      /^verify;dur=\d+\.\d, start;dur=\d+\.\d, result;dur=\d+\.\d$/,
    )
    const replay = await deliver(flowId, made.body.secret, body, { id: 'msg_once' })
    expect(replay.status).toBe(200)
    expect(replay.body.runId).toBe(first.body.runId)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    const runs = await platform.db
      .selectFrom('runs')
      .select(['id', 'trigger', 'started_by'])
      .where('flow_id', '=', flowId)
      .execute()
    expect(runs).toEqual([{ id: first.body.runId, trigger: 'webhook', started_by: null }])
    const audit = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'on_behalf_of'])
      .where('object_id', '=', first.body.runId)
      .orderBy('id')
      .execute()
    // The start, and the replay (see "replayed deliveries").
    expect(audit).toEqual([
      { action: 'run.start', on_behalf_of: 'webhook' },
      { action: 'webhook.replayed', on_behalf_of: 'webhook' },
    ])
  })

  it('refuses a wrong secret, a stale timestamp, missing headers and a body that does not fit', async () => {
    const flowId = await publishedFlow(webhookFlow())
    const { body: made } = await platform.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    const body = JSON.stringify({ voornaam: 'Sem' })
    const wrong = await deliver(flowId, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', body)
    expect(wrong.status).toBe(401)
    // Timings are only given to authenticated callers.
    expect(wrong.headers.get('server-timing')).toBeNull()
    expect(wrong.body.code).toBe('webhook.invalid_signature')
    const stale = await deliver(flowId, made.secret, body, { timestamp: Math.floor(Date.now() / 1000) - 600 })
    expect(stale.status).toBe(401)
    expect(stale.body.code).toBe('webhook.stale_timestamp')
    const missing = await platform.as(null).request('POST', `/api/v1/hooks/${flowId}`, body)
    expect(missing.status).toBe(400)
    expect(missing.body.code).toBe('webhook.missing_headers')
    // A body changed after signing.
    const id = 'msg_tampered'
    const ts = Math.floor(Date.now() / 1000)
    const tampered = await deliver(flowId, made.secret, JSON.stringify({ voornaam: 'Mallory' }), {
      id,
      timestamp: ts,
      signature: signWebhook(made.secret, id, ts, body),
    })
    expect(tampered.status).toBe(401)
    const unfit = await deliver(flowId, made.secret, JSON.stringify({ achternaam: 'x' }))
    expect(unfit.status).toBe(400)
    expect(unfit.body.code).toBe('run.invalid_input')
    expect(unfit.body.errors[0].path).toEqual(['input', 'voornaam'])
    for (const bad of ['{"voornaam": ', '[1,2]', '"tekst"']) {
      const response = await deliver(flowId, made.secret, bad)
      expect(response.status, bad).toBeGreaterThanOrEqual(400)
      expect(response.status, bad).toBeLessThan(500)
    }
    expect(await platform.db.selectFrom('runs').select('id').where('flow_id', '=', flowId).execute()).toEqual(
      [],
    )
    const rejected = await platform.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'webhook.rejected')
      .where('object_id', '=', flowId)
      .execute()
    expect(rejected.length).toBeGreaterThanOrEqual(3)
  })

  it('answers 404 for unknown flows and flows without a secret', async () => {
    const flowId = await publishedFlow(webhookFlow())
    const body = '{"voornaam":"A"}'
    expect((await deliver(flowId, 'whsec_x', body)).status).toBe(404)
    expect((await deliver('00000000-0000-4000-8000-000000000000', 'whsec_x', body)).status).toBe(404)
    expect((await deliver('nope', 'whsec_x', body)).status).toBe(404)
  })

  it("writes the run's data key with its row, and never makes a new key for an erased run", async () => {
    const flowId = await publishedFlow(webhookFlow())
    const { body: made } = await platform.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    const answer = await deliver(flowId, made.secret, '{"voornaam":"Ilse"}', { id: 'msg_key' })
    expect(answer.body).toMatchObject({ status: 'completed', output: { bericht: 'Welkom, Ilse' } })
    const run = await platform.db
      .selectFrom('runs')
      .innerJoin('run_keys', 'run_keys.workflow_id', 'runs.workflow_id')
      .select(['run_keys.key_id', 'run_keys.wrapped', 'run_keys.created_at', 'runs.created_at as runCreated'])
      .where('runs.id', '=', answer.body.runId)
      .executeTakeFirstOrThrow()
    // The key went in with the row, in the same statement (the worker read it from there).
    expect(run.key_id).not.toBeNull()
    expect(run.wrapped).not.toBeNull()
    expect(run.created_at.getTime()).toBe(run.runCreated.getTime())

    // A delivery id names its workflow. Once that workflow's key is destroyed (the person was
    // erased), a delivery under the same id makes no new key: its run cannot start.
    const workflowId = `run-${flowId}-${createHash('sha256').update('webhook:msg_gone').digest('hex').slice(0, 32)}`
    await destroyRunKeys(platform.db, [workflowId])
    const refused = await deliver(flowId, made.secret, '{"voornaam":"Ilse"}', { id: 'msg_gone' })
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('run.erased')
    expect(JSON.stringify(refused.body)).not.toContain('Ilse')
    const key = await platform.db
      .selectFrom('run_keys')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .executeTakeFirstOrThrow()
    expect(key).toMatchObject({ key_id: null, wrapped: null })
    await expect(platform.client.workflow.getHandle(workflowId).describe()).rejects.toThrow()
  })

  it('answers 202 with a status URL past the wait, and the run still finishes', async () => {
    const flowId = await publishedFlow(webhookFlow(2500))
    const { body: made } = await platform.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    const started = Date.now()
    const answer = await deliver(flowId, made.secret, '{"voornaam":"Noor"}', { query: '?wait=1' })
    expect(answer.status).toBe(202)
    expect(Date.now() - started).toBeLessThan(2400)
    expect(answer.body).toMatchObject({ status: 'running', statusUrl: `/api/v1/runs/${answer.body.runId}` })
    expect(answer.headers.get('location')).toBe(answer.body.statusUrl)
    const done = await eventually(async () => {
      const { body } = await platform.request('GET', answer.body.statusUrl)
      return body.status === 'completed' ? body : undefined
    })
    expect(done.output).toMatchObject({ bericht: 'Welkom, Noor' })
    const immediate = await deliver(flowId, made.secret, '{"voornaam":"Lina"}', { query: '?wait=0' })
    expect(immediate.status).toBe(202)
    expect(immediate.headers.get('server-timing')).toMatch(/^verify;dur=[\d.]+, start;dur=[\d.]+$/)
  })
})

describe('respond node', () => {
  const respondingFlow = (before: Record<string, string>) => ({
    name: 'Webhook: meteen antwoord, daarna verder',
    nodes: [
      { id: 'hook', type: 'webhook', version: 1, config: { fields } },
      { id: 'ontvangst', type: 'transform', version: 1, config: { fields: before, keepInput: false } },
      { id: 'antwoord', type: 'respond', version: 1 },
      // What follows the answer takes long; the caller does not wait for it.
      { id: 'later', type: 'wait', version: 1, config: { duration: { seconds: 30 } } },
      { id: 'klaar', type: 'transform', version: 1, config: { fields: { klaar: 'true' } } },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'ontvangst' },
      { id: 'e2', source: 'ontvangst', target: 'antwoord' },
      { id: 'e3', source: 'antwoord', target: 'later' },
      { id: 'e4', source: 'later', target: 'klaar' },
    ],
  })

  it('answers when the run reaches its respond node, while the run goes on', async () => {
    const flowId = await publishedFlow(respondingFlow({ ontvangen: "'Bedankt, ' & voornaam" }))
    const { body: made } = await platform.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    const started = Date.now()
    const answer = await deliver(flowId, made.secret, '{"voornaam":"Samira"}', {
      id: 'msg_respond',
      query: '?wait=20',
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ status: 'responded', output: { ontvangen: 'Bedankt, Samira' } })
    expect(Date.now() - started).toBeLessThan(15_000)
    const run = await platform.request('GET', answer.body.statusUrl)
    expect(run.body.status).toBe('running')
    expect(run.body.nodes.antwoord.status).toBe('completed')
    // The same delivery again: the same run, and the same answer.
    const again = await deliver(flowId, made.secret, '{"voornaam":"Samira"}', {
      id: 'msg_respond',
      query: '?wait=20',
    })
    expect(again.body).toMatchObject({
      runId: answer.body.runId,
      status: 'responded',
      output: { ontvangen: 'Bedankt, Samira' },
    })
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    await platform.request('POST', `/api/v1/runs/${answer.body.runId}/cancel`, {})
  })

  it('answers with the failure when the run fails before its respond node', async () => {
    const flowId = await publishedFlow(respondingFlow({ ontvangen: "$error('niet te verwerken')" }))
    const { body: made } = await platform.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    const answer = await deliver(flowId, made.secret, '{"voornaam":"Samira"}', { query: '?wait=20' })
    expect(answer.status).toBe(200)
    expect(answer.body.status).toBe('failed')
    // The failure's kind, never the text the expression built (it may hold personal data).
    expect(answer.body.error.message).toContain('$error')
    expect(answer.body.error.message).not.toContain('niet te verwerken')
  })
})

describe('manual runs', () => {
  const manualFlow = {
    name: 'Handmatig met velden',
    nodes: [
      { id: 'start', type: 'manual', version: 1, config: { fields } },
      { id: 'welkom', type: 'transform', version: 1, config: { fields: { bericht: "'Hoi ' & voornaam" } } },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'welkom' }],
  }

  it('checks the input against the trigger, refuses unpublished flows, and is idempotent with a key', async () => {
    const draft = await platform.request('POST', '/api/v1/flows', manualFlow)
    const unpublished = await platform.request('POST', `/api/v1/flows/${draft.body.id}/runs`, {
      input: { voornaam: 'A' },
    })
    expect(unpublished.status).toBe(409)
    expect(unpublished.body.code).toBe('flow.not_published')
    await platform.request('POST', `/api/v1/flows/${draft.body.id}/publish`, {})
    const invalid = await platform.request('POST', `/api/v1/flows/${draft.body.id}/runs`, { input: {} })
    expect(invalid.status).toBe(400)
    expect(invalid.body.code).toBe('run.invalid_input')
    expect(invalid.body.errors[0].message.nl.length).toBeGreaterThan(3)

    const headers = { 'idempotency-key': 'aanvraag-42' }
    const [a, b] = await Promise.all([
      platform.request(
        'POST',
        `/api/v1/flows/${draft.body.id}/runs`,
        { input: { voornaam: 'Yara' } },
        headers,
      ),
      platform.request(
        'POST',
        `/api/v1/flows/${draft.body.id}/runs`,
        { input: { voornaam: 'Yara' } },
        headers,
      ),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 201])
    expect(a.body.id).toBe(b.body.id)
    const again = await platform.request(
      'POST',
      `/api/v1/flows/${draft.body.id}/runs`,
      { input: { voornaam: 'Yara' } },
      headers,
    )
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(a.body.id)
    const rows = await platform.db
      .selectFrom('runs')
      .select('id')
      .where('flow_id', '=', draft.body.id)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('cancels a running run and retries it as a new run with the same input', async () => {
    const flowId = await publishedFlow({
      name: 'Traag',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'slow', type: 'test.slow', version: 1, config: { milliseconds: 20_000 } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'slow' }],
    })
    const run = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, { input: { kenmerk: 'R-1' } })
    const stillRunning = await platform.request('POST', `/api/v1/runs/${run.body.id}/retry`)
    expect(stillRunning.status).toBe(409)
    const cancel = await platform.request('POST', `/api/v1/runs/${run.body.id}/cancel`)
    expect(cancel.status).toBe(202)
    await eventually(async () => {
      const { body } = await platform.request('GET', `/api/v1/runs/${run.body.id}`)
      return body.status === 'cancelled' ? true : undefined
    })
    expect((await platform.request('POST', `/api/v1/runs/${run.body.id}/cancel`)).status).toBe(409)
    const retried = await platform.request('POST', `/api/v1/runs/${run.body.id}/retry`)
    expect(retried.status).toBe(201)
    expect(retried.body).toMatchObject({ retryOf: run.body.id, trigger: 'retry', status: 'running' })
    const progress = await eventually(async () => {
      const { body } = await platform.request('GET', `/api/v1/runs/${retried.body.id}`)
      return body.nodes?.start?.status === 'completed' ? body : undefined
    })
    expect(progress.nodes.start.output).toEqual({ kenmerk: 'R-1' })
    await platform.request('POST', `/api/v1/runs/${retried.body.id}/cancel`)

    const list = await platform.request('GET', `/api/v1/runs?flowId=${flowId}&trigger=retry`)
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([retried.body.id])
    expect((await platform.request('GET', '/api/v1/runs?status=weird')).status).toBe(400)
    expect((await platform.request('GET', '/api/v1/runs?since=yesterday')).status).toBe(400)
  })

  it('archives instead of deleting a flow with a running run; an archived flow starts no runs', async () => {
    const flowId = await publishedFlow({
      name: 'Nog bezig',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'slow', type: 'test.slow', version: 1, config: { milliseconds: 20_000 } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'slow' }],
    })
    const run = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })
    expect(run.status).toBe(201)
    const deleted = await platform.request('DELETE', `/api/v1/flows/${flowId}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual({ archived: true })
    const read = await platform.request('GET', `/api/v1/flows/${flowId}`)
    expect(read.body.archived).toBe(true)
    const list = await platform.request('GET', '/api/v1/flows?limit=200')
    expect(list.body.items.map((f: { id: string }) => f.id)).not.toContain(flowId)
    const archived = await platform.request('GET', '/api/v1/flows?archived=true&limit=200')
    expect(archived.body.items.map((f: { id: string }) => f.id)).toContain(flowId)
    const refused = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('flow.archived')
    await platform.request('POST', `/api/v1/runs/${run.body.id}/cancel`)
  })
})

describe('replayed deliveries', () => {
  it('writes every replay of a delivery to the audit log, naming the run and the delivery', async () => {
    const flowId = await publishedFlow(webhookFlow())
    const { body: made } = await platform.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    const first = await deliver(flowId, made.secret, '{"voornaam":"Ada"}', { id: 'msg_replay_audit' })
    expect(first.status).toBe(200)
    for (let i = 0; i < 2; i++) {
      const again = await deliver(flowId, made.secret, '{"voornaam":"Ada"}', { id: 'msg_replay_audit' })
      expect(again.body.runId).toBe(first.body.runId)
      expect(again.headers.get('idempotent-replayed')).toBe('true')
    }
    const entries = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'team_id', 'on_behalf_of', 'details'])
      .where('object_id', '=', first.body.runId)
      .orderBy('id')
      .execute()
    expect(entries.map((e) => e.action)).toEqual(['run.start', 'webhook.replayed', 'webhook.replayed'])
    expect(entries[1]).toMatchObject({
      object_type: 'run',
      team_id: platform.team.id,
      on_behalf_of: 'webhook',
      details: { deliveryId: 'msg_replay_audit' },
    })
  })
})

/**
 * The Temporal client of an API process that dies while it starts a run: just before or just
 * after Temporal accepted the start, before the API could answer or record anything more.
 */
function dyingClient(client: Client, when: 'before' | 'after'): Client {
  const workflow = new Proxy(client.workflow, {
    get(target, key) {
      if (key !== 'start') {
        const value = Reflect.get(target, key)
        return typeof value === 'function' ? value.bind(target) : value
      }
      return async (...args: Parameters<Client['workflow']['start']>) => {
        if (when === 'after') await target.start(...args)
        throw new Error(`the API process died ${when} starting the workflow`)
      }
    },
  })
  return new Proxy(client, {
    get: (target, key) => (key === 'workflow' ? workflow : Reflect.get(target, key)),
  })
}

describe('a start the API did not finish, and large outputs', () => {
  // Its own worker process, whose outputs over 1 KB go to PostgreSQL as references.
  const taskQueue = `webhook-start-${randomUUID()}`
  const credentialKey = randomBytes(32)
  const appOn = (client: Client) =>
    createApp({
      db: platform.db,
      registry: platform.registry,
      temporal: { client, taskQueue, searchAttributes: true },
      credentialKey,
      // The platform's output store: sealed with the payload keys and each run's own key.
      stores: { outputs: platform.stores.outputs },
      auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
    })
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    await startWorkerProcess({ taskQueue, env: { WARMFLOW_LARGE_OUTPUT_BYTES: '1024' } })
    app = appOn(platform.client)
  })

  async function sendTo(
    target: ReturnType<typeof createApp>,
    flowId: string,
    secret: string,
    id: string,
    query = '',
  ) {
    const body = '{"voornaam":"Noor"}'
    const timestamp = Math.floor(Date.now() / 1000)
    return createAccounts(target, platform.db)
      .as(null)
      .request('POST', `/api/v1/hooks/${flowId}${query}`, body, {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, id, timestamp, body),
      })
  }

  async function executions(workflowId: string) {
    let count = 0
    for await (const _ of platform.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) count++
    return count
  }

  for (const when of ['after', 'before'] as const) {
    it(`gives the retry of a delivery whose API died ${when} starting its workflow that one run: never 500, never a second`, async () => {
      const flowId = await publishedFlow({
        name: 'Webhook: start onderbroken',
        nodes: [
          { id: 'hook', type: 'webhook', version: 1, config: { fields } },
          { id: 'even', type: 'wait', version: 1, config: { duration: { seconds: 2 } } },
          {
            id: 'welkom',
            type: 'transform',
            version: 1,
            config: { fields: { bericht: "'Welkom, ' & voornaam" } },
          },
        ],
        edges: [
          { id: 'e1', source: 'hook', target: 'even' },
          { id: 'e2', source: 'even', target: 'welkom' },
        ],
      })
      const made = await createAccounts(app, platform.db)
        .as(platform.admin)
        .request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
      expect(made.status).toBe(201)
      const secret = made.body.secret as string
      const id = `msg_died_${when}`

      const died = await sendTo(appOn(dyingClient(platform.client, when)), flowId, secret, id, '?wait=0')
      expect(died.status).toBe(500)

      // The sender retries: the same run, still running or just started.
      const retried = await sendTo(app, flowId, secret, id, '?wait=0')
      expect(retried.status).toBe(202)
      expect(retried.body.status).toBe('running')
      const runId = retried.body.runId as string
      // Once it has finished, a later retry still gets that run and its output.
      const done = await sendTo(app, flowId, secret, id, '?wait=20')
      expect(done.status).toBe(200)
      expect(done.body).toMatchObject({ runId, status: 'completed', output: { bericht: 'Welkom, Noor' } })
      const late = await sendTo(app, flowId, secret, id, '?wait=0')
      expect(late.body.runId).toBe(runId)

      const rows = await platform.db
        .selectFrom('runs')
        .select(['id', 'workflow_id', 'status'])
        .where('flow_id', '=', flowId)
        .execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ id: runId, status: 'completed' })
      expect(await executions(rows[0]!.workflow_id)).toBe(1)
    })
  }

  it('leaves no run behind when Temporal refuses a start without a key', async () => {
    const flowId = await publishedFlow({
      name: 'Handmatig: start geweigerd',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        { id: 'klaar', type: 'transform', version: 1, config: { fields: { klaar: 'true' } } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'klaar' }],
    })
    const refusing = createAccounts(appOn(dyingClient(platform.client, 'before')), platform.db)
    const refused = await refusing.as(platform.admin).request('POST', `/api/v1/flows/${flowId}/runs`, {
      input: {},
    })
    expect(refused.status).toBe(500)
    const rows = await platform.db.selectFrom('runs').select('id').where('flow_id', '=', flowId).execute()
    expect(rows).toEqual([])
    // The next start works, and is audited once.
    const started = await createAccounts(app, platform.db)
      .as(platform.admin)
      .request('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })
    expect(started.status).toBe(201)
    expect(started.body.status).toBe('running')
    const audited = await platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', started.body.id)
      .execute()
    expect(audited).toEqual([{ action: 'run.start' }])
  })

  it('answers a respond-mode delivery with a large output itself, not with its reference', async () => {
    const flowId = await publishedFlow({
      name: 'Webhook: groot antwoord',
      nodes: [
        { id: 'hook', type: 'webhook', version: 1, config: { fields } },
        {
          id: 'groot',
          type: 'transform',
          version: 1,
          config: { fields: { groet: "'Hoi ' & voornaam", lang: "$pad('', 5000, 'x')" }, keepInput: false },
        },
        { id: 'antwoord', type: 'respond', version: 1 },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'groot' },
        { id: 'e2', source: 'groot', target: 'antwoord' },
      ],
    })
    const made = await createAccounts(app, platform.db)
      .as(platform.admin)
      .request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    const answer = await sendTo(app, flowId, made.body.secret, 'msg_large_answer', '?wait=20')
    expect(answer.status).toBe(200)
    expect(['responded', 'completed']).toContain(answer.body.status)
    expect(answer.body.output).toEqual({ groet: 'Hoi Noor', lang: 'x'.repeat(5000) })
    // The output really travelled as a reference: it is in PostgreSQL.
    const stored = await platform.db
      .selectFrom('node_outputs')
      .select('size_bytes')
      .where('run_id', '=', answer.body.runId)
      .execute()
    expect(stored.length).toBeGreaterThan(0)
  })
})
