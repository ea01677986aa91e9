// The flagship flow "Nieuwe aanmelding" from examples/flows, end to end on the Temporal dev
// server: intake form → pseudonymise → AI summary + extraction (the OpenAI-protocol server on
// 127.0.0.1) → match volunteers (PostgreSQL) → coordinator decides (human task) → restore →
// e-mails over SMTP (a real SMTP server on 127.0.0.1).
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Client, Connection, type WorkflowHandle } from '@temporalio/client'
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker'
import {
  buildRunInput,
  type CompleteTaskArgs,
  completeTaskUpdateName,
  controlPlugin,
  createActivities,
  createRegistry,
  type FlowDefinition,
  interpreterWorkflowType,
  progressQueryName,
  type RunFlowResult,
  type RunProgress,
  snapshotFlow,
  validateFlow,
} from '@warmflow/engine'
import { builtinPlugin, privacyProblems } from '@warmflow/nodes'
import { createDb, createPostgresRecordStore, createPostgresTaskStore } from '@warmflow/store'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type OpenAiServer, startOpenAiServer } from '../support/openai-server.js'
import { eventually } from '../support/platform.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'

const registry = createRegistry([controlPlugin, builtinPlugin])
const taskQueue = `flagship-${randomUUID()}`
const db = createDb(inject('databaseUrl'), { max: 4 })
const records = createPostgresRecordStore(db)
let ai: OpenAiServer
let smtp: TestSmtpServer
let worker: Worker
let running: Promise<void>
let workerConnection: NativeConnection
let connection: Connection
let client: Client
let flow: FlowDefinition

// Three volunteers who fit the request well (Utrecht centre, Tuesday afternoon, VOG, groceries).
const team = randomUUID()
const fitting = [
  {
    name: 'Khadija Test-Amrani',
    email: 'khadija.flagship@example.nl',
    languages: ['nl', 'ar'],
    postcode: '3512 CD',
  },
  { name: 'Bart Test-Visser', email: 'bart.flagship@example.nl', languages: ['nl'], postcode: '3511 AB' },
  { name: 'Noor Test-Haddou', email: 'noor.flagship@example.nl', languages: ['ar'], postcode: '3581 EA' },
]

const intake = {
  voornaam: 'Fatima',
  achternaam: 'El Amrani',
  email: 'fatima.elamrani@example.nl',
  telefoon: '06-12345678',
  postcode: '3512ab',
  taal: 'nl',
  talen: ['nl', 'ar'],
  hulpvraag:
    'Mevrouw Fatima El Amrani (BSN 111222333) is slecht ter been. Ze zoekt hulp bij boodschappen op dinsdagmiddag. Bel 06-12345678 of mail fatima.elamrani@example.nl.',
  momenten: ['di-middag', 'do-middag'],
  vog: true,
}

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  } catch {
    // another helper in this process installed it already
  }
  ai = await startOpenAiServer()
  ai.respond((body) =>
    body?.response_format
      ? JSON.stringify({ vaardigheden: ['boodschappen'] })
      : '[NAAM_1] [NAAM_2] zoekt hulp bij boodschappen op dinsdagmiddag; ze is slecht ter been.',
  )
  smtp = await startSmtpServer()
  const credentials: Record<string, string> = {
    ai: JSON.stringify({ baseUrl: ai.baseUrl, apiKey: 'k', model: 'm', location: 'external', maxRetries: 0 }),
    pseudonymKey: Buffer.alloc(32, 7).toString('base64'),
    smtp: smtp.credential('Vrijwilligerscentrale <centrale@warmflow.test>'),
  }
  for (const volunteer of fitting) {
    await records.insert('volunteers', {
      ...volunteer,
      team_id: team,
      skills: ['boodschappen'],
      availability: [{ day: 'di', part: 'middag' }],
      has_vog: true,
      max_active_matches: 3,
    })
  }
  const parsed = validateFlow(
    JSON.parse(
      await readFile(new URL('../../examples/flows/nieuwe-aanmelding.json', import.meta.url), 'utf8'),
    ),
    registry,
  )
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  flow = parsed.flow

  const address = inject('temporalAddress')
  workerConnection = await NativeConnection.connect({ address })
  worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
    activities: {
      ...createActivities({
        registry,
        log: () => {},
        secrets: async (name) => credentials[name],
        records,
        tasks: createPostgresTaskStore(db),
      }),
    },
  })
  running = worker.run()
  connection = await Connection.connect({ address })
  client = new Client({ connection })
})

afterAll(async () => {
  worker?.shutdown()
  await running
  await workerConnection?.close()
  await connection?.close()
  await ai?.close()
  await smtp?.stop()
  await db.destroy()
})

async function startRun(input: Record<string, unknown>): Promise<{ handle: WorkflowHandle; runId: string }> {
  const runId = randomUUID()
  const handle = await client.workflow.start(interpreterWorkflowType, {
    taskQueue,
    workflowId: `run-${runId}`,
    // The run belongs to the team: matching only proposes that team's volunteers.
    args: [
      {
        ...buildRunInput({ runId, snapshot: snapshotFlow(randomUUID(), 1, flow), input, registry }),
        teamId: team,
      },
    ],
  })
  return { handle, runId }
}

/** Waits until the coordinator's task is open; returns its id and what the coordinator sees. */
async function openTask(handle: WorkflowHandle) {
  const taskId = await eventually(async () => {
    const progress = await handle.query<RunProgress>(progressQueryName)
    const state = progress.nodes.koppelen as { status: string; taskId?: string } | undefined
    return state?.status === 'waiting' && state.taskId ? state.taskId : undefined
  }, 60_000)
  const task = await createPostgresTaskStore(db).getTask(taskId)
  return { taskId, data: (task as unknown as { data: Record<string, any> }).data }
}

async function decide(handle: WorkflowHandle, args: CompleteTaskArgs) {
  await handle.executeUpdate(completeTaskUpdateName, { args: [args] })
}

describe('flagship flow "Nieuwe aanmelding"', () => {
  it('is valid and passes the privacy check', () => {
    expect(flow.nodes.map((n) => n.type)).toEqual(
      expect.arrayContaining([
        'form',
        'privacy.pseudonymise',
        'ai.summarise',
        'ai.extract',
        'match.volunteers',
      ]),
    )
    expect(privacyProblems(flow)).toEqual([])
  })

  it('e-mails the volunteer the coordinator chose, and the requester; the AI never sees who it is about', async () => {
    const sentBefore = smtp.messages.length
    const aiBefore = ai.requests.length
    const { handle, runId } = await startRun(intake)
    const { taskId, data } = await openTask(handle)

    // The coordinator sees a pseudonymised summary, labelled as AI-made next to its (pseudonymised)
    // source, and ranked proposals with reasons in Dutch and English.
    expect(data.samenvatting).toContain('[NAAM_1]')
    expect(data.samenvatting).not.toMatch(/Fatima|El Amrani/)
    expect(data.samenvattingMeta).toMatchObject({ method: expect.any(String) })
    expect(typeof data.bron).toBe('string')
    expect(data.bron).not.toMatch(/Fatima|El Amrani/)
    const proposals = data.matches as {
      id: string
      name: string
      score: number
      reasons: { nl: string; en: string }[]
    }[]
    expect(proposals.length).toBe(3)
    const ours = proposals.filter((p) => fitting.some((f) => f.name === p.name))
    expect(ours).toEqual(proposals)
    const dutch = (p: (typeof proposals)[number]) => p.reasons.map((r) => r.nl)
    for (const proposal of proposals) expect(dutch(proposal)).toContain('dinsdagmiddag vrij')
    expect(proposals.flatMap(dutch)).toContain('spreekt Arabisch')
    expect(proposals[0]!.reasons[0]!.en.length).toBeGreaterThan(0)

    // The coordinator does not take the top proposal but another one of the three.
    const chosen = ours.at(-1)!
    expect(chosen).not.toBe(proposals[0])
    const chosenVolunteer = fitting.find((f) => f.name === chosen.name)!
    await decide(handle, {
      taskId,
      decision: 'approve',
      fields: { vrijwilliger: chosen.id },
      userId: 'coordinator-1',
    })

    const result = (await handle.result()) as RunFlowResult
    expect(result.status).toBe('completed')

    const all = smtp.messages.slice(sentBefore)
    // The form promises a confirmation: the requester got one, in their language, right after sending.
    const confirmations = all.filter((m) => m.subject === 'We hebben je aanvraag ontvangen')
    expect(confirmations.map((m) => m.to)).toEqual([[intake.email]])
    expect(confirmations[0]!.text).toContain('Beste Fatima,')
    expect(confirmations[0]!.text).toContain('We hebben hem goed ontvangen.')
    const sent = all.filter((m) => !confirmations.includes(m))
    expect(sent.map((m) => m.to[0]).sort()).toEqual([chosenVolunteer.email, intake.email].sort())
    const toVolunteer = sent.find((m) => m.to[0] === chosenVolunteer.email)!
    expect(toVolunteer.subject).toBe('Nieuwe koppeling: Fatima zoekt hulp')
    // Restored inside the organisation: real name and contact details, and the summary with the name.
    expect(toVolunteer.text).toContain('De coördinator heeft je gekoppeld aan Fatima El Amrani.')
    expect(toVolunteer.text).toContain('Telefoon: 06-12345678, e-mail: fatima.elamrani@example.nl.')
    const summary = toVolunteer.text.split('Waar gaat het om?\n')[1]?.split('\n')[0] ?? ''
    expect(summary).toMatch(
      /^(Fatima|El Amrani|Fatima El Amrani)( \S+)* zoekt hulp bij boodschappen op dinsdagmiddag/,
    )
    expect(summary).not.toContain('[NAAM_')
    const toRequester = sent.find((m) => m.to[0] === intake.email)!
    expect(toRequester.subject).toBe('We hebben een vrijwilliger voor je gevonden')
    expect(toRequester.text).toContain(`Goed nieuws: ${chosen.name} gaat je helpen.`)
    // Message-IDs derive from run and node, so a retry can never produce a second e-mail.
    expect(new Set(sent.map((m) => m.messageId)).size).toBe(2)

    // The AI server got requests, and none of them held a name, BSN, phone number or e-mail address.
    const aiText = ai.requests
      .slice(aiBefore)
      .map((r) => r.raw)
      .join('\n')
    expect(ai.requests.length - aiBefore).toBeGreaterThanOrEqual(2)
    expect(aiText).toContain('[BSN_1]')
    expect(aiText).not.toMatch(/Fatima|Amrani|111222333|06-?12345678|fatima\.elamrani|@example\.nl/i)

    // Warmflow's own tables follow: the intake is linked and the volunteer carries one more match.
    const [saved] = await records.find('intakes', { where: { run_id: `run-${runId}/opslaan` } })
    expect(saved).toMatchObject({
      status: 'gekoppeld',
      volunteer_id: chosen.id,
      postcode: '3512 AB',
      team_id: team,
    })
    const volunteer = await records.get('volunteers', chosen.id)
    expect(volunteer).toMatchObject({ active_matches: 1 })
    expect(volunteer?.last_matched_at).toBeTruthy()
  }, 120_000)

  it('sends only the confirmation when the coordinator rejects the proposals', async () => {
    const sentBefore = smtp.messages.length
    const { handle } = await startRun({
      ...intake,
      voornaam: 'Henk',
      achternaam: 'Jansen',
      email: 'henk@example.nl',
      taal: 'en',
    })
    const { taskId } = await openTask(handle)
    await decide(handle, { taskId, decision: 'reject', reason: 'Eerst bellen', userId: 'coordinator-1' })
    const result = (await handle.result()) as RunFlowResult
    expect(result.status).toBe('completed')
    expect(result.nodes.mailVrijwilliger?.status).toBe('skipped')
    expect(result.nodes.mailAanvrager?.status).toBe('skipped')
    // Only the confirmation that the request arrived, in the language Henk chose.
    expect(smtp.messages.slice(sentBefore).map((m) => [m.to[0], m.subject])).toEqual([
      ['henk@example.nl', 'We have received your request'],
    ])
  }, 120_000)

  it('works with one ticked time slot: the intake is saved and volunteers are matched on it', async () => {
    const { handle, runId } = await startRun({
      ...intake,
      voornaam: 'Ayla',
      achternaam: 'Demir',
      email: 'ayla@example.nl',
      momenten: ['di-middag'],
    })
    const { taskId, data } = await openTask(handle)
    const [saved] = await records.find('intakes', { where: { run_id: `run-${runId}/opslaan` } })
    expect(saved?.availability).toEqual([{ day: 'di', part: 'middag' }])
    const proposals = data.matches as { reasons: { nl: string }[] }[]
    expect(proposals.length).toBeGreaterThan(0)
    expect(proposals[0]!.reasons.map((r) => r.nl)).toContain('dinsdagmiddag vrij')
    await decide(handle, { taskId, decision: 'reject', reason: 'Test', userId: 'coordinator-1' })
    expect(((await handle.result()) as RunFlowResult).status).toBe('completed')
  }, 120_000)

  it('stops at the form when the data is incomplete, naming each field', async () => {
    const { handle } = await startRun({ voornaam: 'Piet', email: 'geen-adres' })
    await expect(handle.result()).rejects.toThrow()
    const progress = await handle.query<RunProgress>(progressQueryName)
    expect(progress.nodes.aanmelding?.error?.code).toBe('trigger.invalid_input')
    expect(progress.nodes.aanmelding?.error?.message).toContain('Last name: this field is required')
    expect(progress.nodes.aanmelding?.error?.message).toContain(
      'E-mail address: enter a valid e-mail address',
    )
    expect(progress.nodes.pseudo?.status).not.toBe('completed')
  }, 60_000)
})
