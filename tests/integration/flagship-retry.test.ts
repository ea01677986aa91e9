// The flagship flow "Nieuwe aanmelding" on the whole platform (API, worker, Temporal dev server,
// PostgreSQL, a real SMTP server on 127.0.0.1): the e-mail to the volunteer fails, the run is
// retried through the API, and Warmflow's tables end as if it had gone right the first time.
import { readFile } from 'node:fs/promises'
import { createPostgresRecordStore } from '@warmflow/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform, type TestUser } from '../support/platform.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'

let platform: TestPlatform
let smtp: TestSmtpServer
let coordinator: TestUser
let flowId: string
/** While true, the mail server refuses every message to a volunteer (550). */
let refuseVolunteers = true

const volunteers = [
  {
    name: 'Khadija Retry-Amrani',
    email: 'khadija.retry@example.nl',
    languages: ['nl', 'ar'],
    postcode: '3512 CD',
  },
  { name: 'Bart Retry-Visser', email: 'bart.retry@example.nl', languages: ['nl'], postcode: '3511 AB' },
  { name: 'Noor Retry-Haddou', email: 'noor.retry@example.nl', languages: ['ar'], postcode: '3581 EA' },
]
const volunteerEmails = new Set(volunteers.map((v) => v.email))

const intake = {
  voornaam: 'Fatima',
  achternaam: 'El Amrani',
  email: 'fatima.retry@example.nl',
  telefoon: '06-12345678',
  postcode: '3512ab',
  taal: 'nl',
  talen: ['nl', 'ar'],
  hulpvraag: 'Ze zoekt hulp bij boodschappen op dinsdagmiddag; ze is slecht ter been.',
  momenten: ['di-middag'],
  vog: true,
}

beforeAll(async () => {
  // The worker runs in this process; pseudonymise reads its key from here.
  process.env.WARMFLOW_PSEUDONYM_KEY ??= Buffer.alloc(32, 9).toString('base64')
  smtp = await startSmtpServer({
    reject: (mail) =>
      refuseVolunteers && mail.to.some((to) => volunteerEmails.has(to))
        ? { code: 550, message: 'Mailbox unavailable' }
        : undefined,
  })
  platform = await startTestPlatform()
  coordinator = await platform.createUser({ roles: ['approver', 'coordinator'], teams: [platform.team] })
  const records = createPostgresRecordStore(platform.db)
  for (const volunteer of volunteers) {
    await records.insert('volunteers', {
      ...volunteer,
      team_id: platform.team.id,
      skills: ['boodschappen'],
      availability: [{ day: 'di', part: 'middag' }],
      has_vog: true,
      max_active_matches: 3,
    })
  }
  const credential = await platform.request('POST', '/api/v1/credentials', {
    name: 'smtp',
    value: smtp.credential('Vrijwilligerscentrale <centrale@warmflow.test>'),
  })
  expect(credential.status, JSON.stringify(credential.body)).toBe(201)
  const definition = JSON.parse(
    await readFile(new URL('../../examples/flows/nieuwe-aanmelding.json', import.meta.url), 'utf8'),
  )
  const created = await platform.request('POST', '/api/v1/flows', definition)
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  flowId = created.body.id
  const published = await platform.request('POST', `/api/v1/flows/${flowId}/publish`, {})
  expect(published.status, JSON.stringify(published.body)).toBe(201)
}, 120_000)

afterAll(async () => {
  await platform?.stop()
  await smtp?.stop()
})

const runRow = (id: string) =>
  platform.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

/** Waits for the coordinator's open task of a run and returns its id and proposals. */
async function openTask(runId: string) {
  const taskId = await eventually(async () => {
    const row = await platform.db
      .selectFrom('tasks')
      .select(['id', 'status'])
      .where('run_id', '=', runId)
      .executeTakeFirst()
    return row?.id
  }, 60_000)
  const task = await platform.as(coordinator).request('GET', `/api/v1/tasks/${taskId}`)
  expect(task.status, JSON.stringify(task.body)).toBe(200)
  return { taskId, matches: task.body.data.matches as { id: string; name: string }[] }
}

async function choose(taskId: string, volunteerId: string) {
  const done = await platform.as(coordinator).request('POST', `/api/v1/tasks/${taskId}/complete`, {
    decision: 'approve',
    fields: { vrijwilliger: volunteerId },
  })
  expect(done.status, JSON.stringify(done.body)).toBe(200)
}

const finished = (runId: string) =>
  eventually(async () => {
    const row = await runRow(runId)
    return ['completed', 'failed'].includes(row.status) ? row.status : undefined
  }, 90_000)

describe('flagship: a failed e-mail, then "retry"', () => {
  it('ends with one intake, one match and each e-mail once', async () => {
    const form = await platform.as(null).request('POST', `/api/v1/forms/${flowId}`, intake)
    expect(form.status, JSON.stringify(form.body)).toBe(202)
    const first = await eventually(() =>
      platform.db.selectFrom('runs').selectAll().where('flow_id', '=', flowId).executeTakeFirst(),
    )

    // The coordinator chooses the first proposal; the mail server refuses the volunteer's e-mail.
    const firstTask = await openTask(first.id)
    const firstChoice = firstTask.matches[0]!
    await choose(firstTask.taskId, firstChoice.id)
    expect(await finished(first.id)).toBe('failed')

    // Nothing of the match is recorded before the e-mails went out.
    const intakes = () =>
      platform.db.selectFrom('intakes').selectAll().where('requester_email', '=', intake.email).execute()
    const afterFailure = await intakes()
    expect(afterFailure).toHaveLength(1)
    expect(afterFailure[0]).toMatchObject({ status: 'nieuw', volunteer_id: null })
    const matchCounts = async () =>
      Object.fromEntries(
        (
          await platform.db
            .selectFrom('volunteers')
            .select(['email', 'active_matches'])
            .where('team_id', '=', platform.team.id)
            .execute()
        ).map((v) => [v.email, v.active_matches]),
      )
    expect(Object.values(await matchCounts())).toEqual([0, 0, 0])
    const toRequester = () => smtp.messages.filter((m) => m.to.includes(intake.email))
    expect(toRequester().map((m) => m.subject)).toEqual(['We hebben je aanvraag ontvangen'])

    // The mail server works again; the run is retried and the coordinator chooses someone else.
    refuseVolunteers = false
    const retried = await platform.request('POST', `/api/v1/runs/${first.id}/retry`, {})
    expect(retried.status, JSON.stringify(retried.body)).toBe(201)
    const secondTask = await openTask(retried.body.id)
    const secondChoice = secondTask.matches.find((m) => m.id !== firstChoice.id)!
    await choose(secondTask.taskId, secondChoice.id)
    expect(await finished(retried.body.id)).toBe('completed')

    const saved = await intakes()
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject({
      id: afterFailure[0]!.id,
      status: 'gekoppeld',
      volunteer_id: secondChoice.id,
      run_id: `${first.workflow_id}/opslaan`,
    })
    const chosenEmail = volunteers.find((v) => v.name === secondChoice.name)!.email
    const counts = await matchCounts()
    expect(counts[chosenEmail]).toBe(1)
    expect(Object.values(counts).reduce((a: number, b) => a + Number(b), 0)).toBe(1)

    // The confirmation went out once, in the first run; the retry sent the other two.
    expect(toRequester().map((m) => m.subject)).toEqual([
      'We hebben je aanvraag ontvangen',
      'We hebben een vrijwilliger voor je gevonden',
    ])
    const toVolunteers = smtp.messages.filter((m) => m.to.some((to) => volunteerEmails.has(to)))
    expect(toVolunteers.map((m) => m.to)).toEqual([[chosenEmail]])
  }, 240_000)
})
