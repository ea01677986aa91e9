// Erasing one person (AVG art. 17) by crypto-shredding, and the access export (art. 15), on a
// Temporal dev server and a database of this test's own (so a pg_dump and the server's SQLite
// file hold only what this test made). A person's data carries a unique marker; after the
// erasure no byte of it is left in a pg_dump of the whole database, in Temporal's database file
// or in any API answer, the run's saved Temporal payloads can no longer be decrypted, and
// another person's waiting run still finishes. 127.0.0.1 only.
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { WorkflowNotFoundError } from '@temporalio/client'
import type { Payload } from '@temporalio/common'
import { freePort, startTemporalDevServer, type TemporalDevServer } from '@warmflow/cli/services'
import {
  createEncryptionCodec,
  createSealer,
  encryptedEncoding,
  parsePayloadKeys,
  runKeyMetadata,
} from '@warmflow/engine'
import { createRunKeyStore } from '@warmflow/store'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { type OwnDatabase, ownDatabase } from '../support/own-database.js'
import { pgTool } from '../support/pg-tools.js'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { publishFlow } from '../support/users.js'

let own: OwnDatabase | undefined
let temporal: TemporalDevServer | undefined
let platform: TestPlatform | undefined

beforeAll(async () => {
  own = await ownDatabase('erasure')
  temporal = await startTemporalDevServer({ port: await freePort(), dbFile: join(own.dir, 'temporal.db') })
  platform = await startTestPlatform({ temporalAddress: temporal.address, databaseUrl: own.appUrl })
})

afterAll(async () => {
  await platform?.stop()
  await temporal?.stop()
  await own?.remove()
})

const flow = {
  name: 'Aanvraag met besluit',
  description: 'Een hulpvraag vastleggen en laten beoordelen door een medewerker.',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    {
      id: 'opslaan',
      type: 'records.create',
      version: 1,
      config: {
        table: 'intakes',
        values: {
          requester_name: 'naam',
          requester_email: 'email',
          requester_phone: 'telefoon',
          request: 'hulpvraag',
        },
      },
    },
    {
      id: 'besluit',
      type: 'human.task',
      version: 1,
      config: {
        title: { nl: 'Aanvraag beoordelen', en: 'Review the request' },
        role: 'approver',
        data: { vraag: 'record.request', naam: 'record.requester_name' },
      },
    },
    { id: 'klaar', type: 'transform', version: 1, config: { fields: { besluit: "'beoordeeld'" } } },
    { id: 'nee', type: 'transform', version: 1, config: { fields: { besluit: "'afgewezen'" } } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'opslaan' },
    { id: 'e2', source: 'opslaan', target: 'besluit' },
    { id: 'e3', source: 'besluit', sourcePort: 'approved', target: 'klaar' },
    { id: 'e4', source: 'besluit', sourcePort: 'rejected', target: 'nee' },
  ],
}

/** Every payload in a raw (still encoded) history, wherever it sits in the events. */
function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return found
  const candidate = value as { metadata?: Record<string, unknown>; data?: unknown }
  if (
    candidate.metadata &&
    typeof candidate.metadata === 'object' &&
    candidate.metadata.encoding instanceof Uint8Array
  ) {
    found.push(candidate as Payload)
    return found
  }
  for (const child of Object.values(value)) payloadsIn(child, found)
  return found
}

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8')

/** True when the file (or its SQLite journal files) holds the bytes anywhere. */
function fileHolds(path: string, needle: string): boolean {
  return [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]
    .filter((file) => existsSync(file))
    .some((file) => readFileSync(file).includes(Buffer.from(needle)))
}

it('erases one person everywhere by destroying their run keys, and exports what is held first', async () => {
  if (!platform || !own || !temporal) throw new Error('not started')
  const { dir, scratch } = own
  const p = platform
  const marker = `CANARY${randomUUID().replaceAll('-', '')}`
  const person = {
    naam: `Fenna ${marker}`,
    email: `fenna.${marker.toLowerCase()}@example.nl`,
    telefoon: '06-48211937',
  }
  const other = { naam: 'Bram Ouweneel', email: `bram.${randomUUID()}@example.nl`, telefoon: '06-77120455' }

  const flowId = await publishFlow(p.as(p.admin), flow, p.team.id)
  const approver = await p.createUser({ roles: ['approver'], teams: [p.team] })
  const privacy = await p.createUser({ roles: ['privacy'] })

  const start = async (who: typeof person, hulpvraag: string) => {
    const run = await p.request('POST', `/api/v1/flows/${flowId}/runs`, { input: { ...who, hulpvraag } })
    expect(run.status, JSON.stringify(run.body)).toBe(201)
    const runId: string = run.body.id
    const taskId = await eventually(async () => {
      const row = await p.db.selectFrom('tasks').select('id').where('run_id', '=', runId).executeTakeFirst()
      return row?.id
    })
    return { runId, taskId }
  }
  // The person: one run decided and finished, one still waiting; someone else: one waiting.
  const done = await start(person, `Hulp bij boodschappen voor ${marker}`)
  const waiting = await start(
    { ...person, email: person.email.toUpperCase(), telefoon: '+31 6 4821 1937' },
    `Vervoer voor ${marker}`,
  )
  const kept = await start(other, 'Hulp bij de administratie')
  const decide = (taskId: string) =>
    p.as(approver).request('POST', `/api/v1/tasks/${taskId}/complete`, { decision: 'approve', fields: {} })
  expect((await decide(done.taskId)).status).toBe(200)
  await eventually(async () => {
    const { body } = await p.request('GET', `/api/v1/runs/${done.runId}`)
    return body.status === 'completed' ? body : undefined
  })
  const workflowIds = await p.db
    .selectFrom('runs')
    .select(['id', 'workflow_id'])
    .where('id', 'in', [done.runId, waiting.runId])
    .execute()

  // The person is also a client of the team, filed with the phone number written another way,
  // with a progress report; someone else's client shares the last digits but not the number.
  const client = await p.db
    .insertInto('clients')
    .values({ team_id: p.team.id, name: `Fenna ${marker}`, phone: '+31 (0)6 482 119 37' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await p.db
    .insertInto('progress_reports')
    .values({ team_id: p.team.id, client_id: client.id, body: `Gesprek met ${marker}` })
    .execute()
  const lookAlike = await p.db
    .insertInto('clients')
    .values({ team_id: p.team.id, name: 'Iemand Anders', phone: '+32 6 48 21 19 37' })
    .returning('id')
    .executeTakeFirstOrThrow()

  // Found by either identifier, however it is written.
  const asPrivacy = p.as(privacy)
  const found = await asPrivacy.request('POST', '/api/v1/subjects/find', { phone: '0648211937' })
  expect(found.status, JSON.stringify(found.body)).toBe(200)
  expect(found.body.runs.map((r: { id: string }) => r.id).sort()).toEqual([done.runId, waiting.runId].sort())
  expect(found.body.counts).toMatchObject({
    runs: 2,
    openRuns: 1,
    tasks: 2,
    intakes: 2,
    clients: 1,
    progressReports: 1,
  })
  expect(
    (await p.as(approver).request('POST', '/api/v1/subjects/find', { email: person.email })).status,
  ).toBe(403)
  const missing = await asPrivacy.request('POST', '/api/v1/subjects/find', {})
  expect(missing.status).toBe(400)
  expect(missing.body.code).toBe('subject.identifier_required')

  // The access export holds the person's data, which flow processed it, and who viewed it.
  await p.request('GET', `/api/v1/runs/${done.runId}`)
  const exported = await asPrivacy.request('POST', '/api/v1/subjects/export', { email: person.email })
  expect(exported.status, JSON.stringify(exported.body)).toBe(200)
  expect(JSON.stringify(exported.body)).toContain(marker)
  const exportedDone = exported.body.runs.find((r: { id: string }) => r.id === done.runId)
  expect(exportedDone).toMatchObject({
    flow: { name: flow.name, purpose: flow.description },
    contents: 'held',
    startData: { email: person.email },
  })
  expect(exportedDone.tasks[0].data.vraag).toContain(marker)
  expect(exported.body.records.intakes).toHaveLength(2)
  expect(
    exported.body.access.some(
      (a: { action: string; objectId: string }) => a.action === 'run.read' && a.objectId === done.runId,
    ),
  ).toBe(true)
  const page = await asPrivacy.request('POST', '/api/v1/subjects/export', {
    email: person.email,
    format: 'html',
  })
  expect(page.status).toBe(200)
  expect(page.headers.get('content-type')).toContain('text/html')
  expect(page.headers.get('content-disposition')).toMatch(
    /attachment; filename="inzage-\d{4}-\d{2}-\d{2}\.html"/,
  )
  expect(String(page.body)).toContain(marker)
  expect(String(page.body)).toContain(flow.description)

  // Task data is stored sealed with the run's key: the inbox shows it, the table does not.
  const taskRow = await p.db
    .selectFrom('tasks')
    .select('data')
    .where('id', '=', waiting.taskId)
    .executeTakeFirstOrThrow()
  expect(JSON.stringify(taskRow.data).includes(marker)).toBe(false)
  const shown = await p.as(approver).request('GET', `/api/v1/tasks/${waiting.taskId}`)
  expect(JSON.stringify(shown.body.data)).toContain(marker)

  // Before: every payload of the person's runs in Temporal is encrypted with that run's own key.
  const saved: Payload[] = []
  for (const { workflow_id } of workflowIds) {
    const raw = await p.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: workflow_id },
    })
    const payloads = payloadsIn(raw.history)
    const encrypted = payloads.filter((payload) => text(payload.metadata?.encoding) === encryptedEncoding)
    expect(encrypted.length).toBeGreaterThan(3)
    for (const payload of encrypted) expect(text(payload.metadata?.[runKeyMetadata])).toBe(workflow_id)
    // What is not encrypted (search attributes) names nobody.
    for (const payload of payloads) expect(text(payload.data).includes(marker)).toBe(false)
    saved.push(...encrypted)
  }
  // The checks below can fail: before the erasure the dump holds the marker.
  const dumpFile = join(dir, 'before.sql')
  await pgTool('pg_dump', ['--format=plain', `--file=${dumpFile}`], scratch.url)
  expect(readFileSync(dumpFile, 'utf8')).toContain(marker)

  // The request names both: each finds what carries it (the client record only has the phone).
  const erase = await asPrivacy.request('POST', '/api/v1/subjects/erase', {
    email: person.email,
    phone: '06 48 21 19 37',
    reason: 'consent_withdrawn',
    reference: 'ZAAK-2026/117',
    confirm: true,
  })
  expect(erase.status, JSON.stringify(erase.body)).toBe(200)
  expect(erase.body.erased).toMatchObject({
    runs: 2,
    cancelled: 1,
    tasks: 2,
    intakes: 2,
    clients: 1,
    progressReports: 1,
    runKeys: 2,
  })
  const clientsLeft = await p.db
    .selectFrom('clients')
    .select('id')
    .where('id', 'in', [client.id, lookAlike.id])
    .execute()
  expect(clientsLeft.map((row) => row.id)).toEqual([lookAlike.id])

  // The saved payloads cannot be read any more, not even by a process with the payload keys.
  const payloadKeys = parsePayloadKeys(inject('payloadKeys'))
  const reader = createEncryptionCodec({
    keys: payloadKeys,
    runKeys: createRunKeyStore(p.db, createSealer(payloadKeys)),
  })
  for (const payload of saved) {
    await expect(reader.decode([payload])).rejects.toMatchObject({ code: 'codec.run_erased' })
  }
  // Temporal deletes the executions.
  for (const { workflow_id } of workflowIds) {
    await eventually(async () =>
      p.client.workflow
        .getHandle(workflow_id)
        .describe()
        .then(
          () => undefined,
          (error: unknown) => (error instanceof WorkflowNotFoundError ? true : undefined),
        ),
    )
  }

  // No byte of the marker, the e-mail address or the phone number in a dump of the database.
  const afterFile = join(dir, 'after.sql')
  await pgTool('pg_dump', ['--format=plain', `--file=${afterFile}`], scratch.url)
  const dump = readFileSync(afterFile, 'utf8')
  expect(dump.includes(marker)).toBe(false)
  expect(dump.toLowerCase().includes(person.email)).toBe(false)
  expect(dump.includes('48211937')).toBe(false)
  // Nor in Temporal's database file.
  expect(fileHolds(join(dir, 'temporal.db'), marker)).toBe(false)
  expect(fileHolds(join(dir, 'temporal.db'), person.email)).toBe(false)

  // Nor through the API: the runs say erased, the tasks and export hold nothing of it.
  for (const runId of [done.runId, waiting.runId]) {
    const { status, body } = await p.request('GET', `/api/v1/runs/${runId}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'erased' })
    expect(JSON.stringify(body).includes(marker)).toBe(false)
    const retry = await p.request('POST', `/api/v1/runs/${runId}/retry`, {})
    expect(retry.status).toBe(409)
    expect(retry.body.code).toBe('run.erased')
  }
  const answers = await Promise.all([
    p.request('GET', `/api/v1/runs?flowId=${flowId}`),
    p.as(approver).request('GET', '/api/v1/tasks'),
    p.request('GET', `/api/v1/tasks/${waiting.taskId}`),
    p.request('GET', '/api/v1/admin/audit?limit=200'),
    asPrivacy.request('POST', '/api/v1/subjects/export', { email: person.email }),
    asPrivacy.request('POST', '/api/v1/subjects/find', { phone: person.telefoon }),
  ])
  for (const answer of answers) {
    const body = JSON.stringify(answer.body)
    expect(body.includes(marker)).toBe(false)
    expect(body.toLowerCase().includes(person.email)).toBe(false)
  }
  const [, inbox, , audit, exportAfter, findAfter] = answers
  expect(inbox!.body.items.map((t: { id: string }) => t.id)).not.toContain(waiting.taskId)
  expect(exportAfter!.body.runs).toEqual([])
  expect(findAfter!.body.counts.runs).toBe(0)
  // The audit entry says what and why, in counts: nothing that names the person.
  const entry = audit!.body.items.find((a: { action: string }) => a.action === 'subject.erase')
  expect(entry.details).toMatchObject({ reason: 'consent_withdrawn', reference: 'ZAAK-2026/117', runs: 2 })

  // A second erasure finds nothing left.
  const again = await asPrivacy.request('POST', '/api/v1/subjects/erase', {
    email: person.email,
    reason: 'consent_withdrawn',
    confirm: true,
  })
  expect(again.body.erased).toMatchObject({ runs: 0, runKeys: 0 })

  // Someone else's run is untouched: found, and it finishes when decided.
  const otherFound = await asPrivacy.request('POST', '/api/v1/subjects/find', { email: other.email })
  expect(otherFound.body.runs.map((r: { id: string }) => r.id)).toEqual([kept.runId])
  expect((await decide(kept.taskId)).status).toBe(200)
  const finished = await eventually(async () => {
    const { body } = await p.request('GET', `/api/v1/runs/${kept.runId}`)
    return body.status === 'completed' ? body : undefined
  })
  expect(finished.output).toMatchObject({ besluit: 'beoordeeld' })
})
