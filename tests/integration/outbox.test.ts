// The local test outbox as `warmflow start` wires it without an SMTP credential: a real SMTP
// server on 127.0.0.1 storing messages in a folder, the worker's credential resolver falling back
// to it, and GET /api/v1/outbox reading them per team. The flagship flow runs end to end on it.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectApiTemporal, createApp } from '@warmflow/api'
import { flowsWithoutSmtp, type LocalOutbox, startLocalOutbox, withLocalOutbox } from '@warmflow/cli/services'
import { createSealer, parsePayloadKeys } from '@warmflow/engine'
import { createDb, createPostgresStores } from '@warmflow/store'
import { createWarmflowWorker } from '@warmflow/worker'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { eventually, testPayloadCodecs } from '../support/platform.js'
import { createAccounts, type Requester, type TestTeam, type TestUser } from '../support/users.js'

const dir = mkdtempSync(join(tmpdir(), 'warmflow-outbox-'))
const db = createDb(inject('databaseUrl'), { max: 6 })
const taskQueue = `outbox-${randomBytes(8).toString('hex')}`
let outbox: LocalOutbox
let worker: Awaited<ReturnType<typeof createWarmflowWorker>>
let running: Promise<void>
let client: Awaited<ReturnType<typeof connectApiTemporal>>
let accounts: ReturnType<typeof createAccounts>
let team: TestTeam
let designer: Requester
/** The same API as production runs it: runs of flows that send e-mail need an SMTP credential. */
let production: Requester
let coordinator: TestUser
let flowId: string

const requester = { voornaam: 'Ayla', achternaam: 'Demir', email: 'ayla.outbox@example.nl' }
const volunteer = { name: 'Sanne Outbox-de Vries', email: 'sanne.outbox@example.nl' }

beforeAll(async () => {
  process.env.WARMFLOW_PSEUDONYM_KEY ??= Buffer.alloc(32, 5).toString('base64')
  outbox = await startLocalOutbox({ dir })
  const payloadCodecs = testPayloadCodecs()
  const credentialKey = randomBytes(32)
  const stores = createPostgresStores(db, {
    credentialKey,
    sealer: createSealer(parsePayloadKeys(inject('payloadKeys'))),
  })
  // What `warmflow start` does without an SMTP credential.
  stores.secrets = withLocalOutbox(stores.secrets, outbox.credential)
  worker = await createWarmflowWorker({
    address: inject('temporalAddress'),
    taskQueue,
    workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
    payloadCodecs,
    ...stores,
  })
  running = worker.worker.run()
  client = await connectApiTemporal({ address: inject('temporalAddress'), payloadCodecs })
  const app = createApp({
    db,
    registry: worker.registry,
    temporal: { client, taskQueue, searchAttributes: true },
    credentialKey,
    stores,
    outbox: { dir: outbox.dir },
    auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
    // Form submissions without a client address share one bucket with other test files.
    forms: { rateLimit: { max: 10_000, windowMs: 60_000 } },
  })
  accounts = createAccounts(app, db)
  team = await accounts.createTeam()
  const designerUser = await accounts.createUser({ roles: ['admin', 'designer'], teams: [team] })
  designer = accounts.as(designerUser)
  const productionApp = createApp({
    db,
    registry: worker.registry,
    temporal: { client, taskQueue, searchAttributes: true },
    credentialKey,
    requireSmtpCredential: true,
    auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
  })
  production = createAccounts(productionApp, db).as(designerUser)
  coordinator = await accounts.createUser({ roles: ['approver', 'coordinator'], teams: [team] })
  await stores.records.insert('volunteers', {
    ...volunteer,
    team_id: team.id,
    postcode: '3512 CD',
    languages: ['nl'],
    skills: ['boodschappen'],
    availability: [{ day: 'di', part: 'middag' }],
    has_vog: true,
    max_active_matches: 3,
  })
  const definition = JSON.parse(
    await readFile(new URL('../../examples/flows/nieuwe-aanmelding.json', import.meta.url), 'utf8'),
  )
  const created = await designer.request('POST', `/api/v1/flows?teamId=${team.id}`, definition)
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  flowId = created.body.id
  expect((await designer.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)
}, 120_000)

afterAll(async () => {
  worker?.worker.shutdown()
  await running
  await worker?.connection.close()
  await client?.connection.close()
  await outbox?.stop()
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('the local test outbox', () => {
  it('receives the flagship e-mails; the team reads them, others do not', async () => {
    const form = await accounts.as(null).request('POST', `/api/v1/forms/${flowId}`, {
      ...requester,
      postcode: '3512ab',
      taal: 'nl',
      talen: ['nl'],
      hulpvraag: 'Ze zoekt hulp bij boodschappen op dinsdagmiddag.',
      momenten: ['di-middag'],
      vog: true,
    })
    expect(form.status).toBe(202)
    const run = await eventually(() =>
      db.selectFrom('runs').select(['id']).where('flow_id', '=', flowId).executeTakeFirst(),
    )
    const taskId = await eventually(
      async () =>
        (await db.selectFrom('tasks').select('id').where('run_id', '=', run.id).executeTakeFirst())?.id,
      60_000,
    )
    const asCoordinator = accounts.as(coordinator)
    const task = await asCoordinator.request('GET', `/api/v1/tasks/${taskId}`)
    const proposal = (task.body.data.matches as { id: string; name: string }[]).find(
      (m) => m.name === volunteer.name,
    )!
    const done = await asCoordinator.request('POST', `/api/v1/tasks/${taskId}/complete`, {
      decision: 'approve',
      fields: { vrijwilliger: proposal.id },
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    await eventually(async () => {
      const row = await db.selectFrom('runs').select('status').where('id', '=', run.id).executeTakeFirst()
      return row?.status === 'completed' ? true : undefined
    }, 60_000)

    // All three e-mails are in the outbox, none went anywhere else, and the team sees them.
    const list = await asCoordinator.request('GET', '/api/v1/outbox')
    expect(list.status, JSON.stringify(list.body)).toBe(200)
    expect(list.body.enabled).toBe(true)
    expect(list.body.notice).toEqual({
      nl: 'Testpostvak — deze berichten zijn niet echt verstuurd',
      en: 'Test outbox — these messages were not really sent',
    })
    const ours = (list.body.items as { id: string; subject: string; to: string[]; runId: string }[]).filter(
      (m) => m.runId === run.id,
    )
    expect(ours.map((m) => [m.to, m.subject]).sort()).toEqual(
      [
        [[requester.email], 'We hebben je aanvraag ontvangen'],
        [[requester.email], 'We hebben een vrijwilliger voor je gevonden'],
        [[volunteer.email], 'Nieuwe koppeling: Ayla zoekt hulp'],
      ].sort(),
    )
    const toRequester = ours.find((m) => m.subject === 'We hebben een vrijwilliger voor je gevonden')!
    const message = await asCoordinator.request('GET', `/api/v1/outbox/${toRequester.id}`)
    expect(message.status).toBe(200)
    expect(message.body.text).toContain(`Goed nieuws: ${volunteer.name} gaat je helpen.`)
    expect(message.body).toMatchObject({ teamId: team.id, flowId, runId: run.id })

    // Another team's admin sees none of it; a developer (no personal data) may not look; nobody
    // signed out may either.
    const otherTeam = await accounts.createTeam()
    const outsider = accounts.as(await accounts.createUser({ roles: ['admin'], teams: [otherTeam] }))
    const theirs = await outsider.request('GET', '/api/v1/outbox')
    expect(theirs.status).toBe(200)
    expect((theirs.body.items as { runId: string | null }[]).filter((m) => m.runId === run.id)).toEqual([])
    expect((await outsider.request('GET', `/api/v1/outbox/${toRequester.id}`)).status).toBe(404)
    const developer = accounts.as(await accounts.createUser({ roles: ['developer'], teams: [team] }))
    expect((await developer.request('GET', '/api/v1/outbox')).status).toBe(403)
    expect((await accounts.as(null).request('GET', '/api/v1/outbox')).status).toBe(401)
    expect((await asCoordinator.request('GET', '/api/v1/outbox/not-a-uuid')).status).toBe(404)

    // Documented in the API description.
    const document = await designer.request('GET', '/api/v1/openapi.json')
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/outbox', '/api/v1/outbox/{id}']),
    )
  }, 180_000)

  it('in production, names the flows that cannot send e-mail and refuses to start them', async () => {
    const ours = async () =>
      (await flowsWithoutSmtp(db, worker.registry)).filter((m) => m.teamName === team.name)
    expect(await ours()).toEqual([{ flowName: 'Nieuwe aanmelding', teamName: team.name, credential: 'smtp' }])
    const start = () =>
      production.request('POST', `/api/v1/flows/${flowId}/runs`, {
        input: {
          voornaam: 'Piet',
          achternaam: 'Prod',
          email: 'piet.prod@example.nl',
          postcode: '3512ab',
          taal: 'nl',
          talen: ['nl'],
          hulpvraag: 'Hulp bij de tuin.',
          momenten: ['di-middag'],
        },
      })
    const refused = await start()
    expect(refused.status, JSON.stringify(refused.body)).toBe(409)
    expect(refused.body.code).toBe('flow.smtp_credential_missing')
    expect(refused.body.message.nl).toContain('geen SMTP-inloggegevens "smtp"')
    expect(refused.body.message.en).toContain('no SMTP credential "smtp"')
    const created = await designer.request('POST', '/api/v1/credentials', {
      name: 'smtp',
      value: JSON.stringify({ host: '127.0.0.1', port: outbox.port, from: 'centrale@warmflow.test' }),
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(await ours()).toEqual([])
    const started = await start()
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    // The run waits for the coordinator; it is stopped so nothing of it outlives this test.
    expect((await designer.request('POST', `/api/v1/runs/${started.body.id}/cancel`)).status).toBe(202)
  })
})
