// A flow intake → pseudonymise → summarise + extract → draft → restore, run by the real
// interpreter on the Temporal dev server, with the AI nodes talking to the OpenAI-protocol server.
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker'
import {
  buildRunInput,
  controlPlugin,
  createActivities,
  createRegistry,
  type FlowDefinitionInput,
  interpreterWorkflowType,
  type RunFlowResult,
  snapshotFlow,
  validateFlow,
} from '@warmflow/engine'
import { builtinPlugin, privacyProblems } from '@warmflow/nodes'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type OpenAiServer, startOpenAiServer } from '../support/openai-server.js'

const flow: FlowDefinitionInput = {
  name: 'Aanmelding met AI',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    {
      id: 'pseudo',
      type: 'privacy.pseudonymise',
      version: 1,
      config: {
        textFields: ['omschrijving'],
        fields: { voornaam: 'voornaam', achternaam: 'achternaam', telefoon: 'telefoon', email: 'email' },
      },
    },
    { id: 'summary', type: 'ai.summarise', version: 1, config: { fields: ['omschrijving'] } },
    {
      id: 'extract',
      type: 'ai.extract',
      version: 1,
      config: {
        fields: ['omschrijving'],
        schema: [{ name: 'soortHulp', type: 'enum', options: ['boodschappen', 'vervoer'], required: true }],
      },
    },
    {
      id: 'draft',
      type: 'ai.draft',
      version: 1,
      config: {
        instructions: 'Schrijf een korte bevestiging aan de aanvrager.',
        fields: ['samenvatting', 'voornaam'],
      },
    },
    { id: 'restore', type: 'privacy.restore', version: 1, config: { fields: ['concept'] } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'pseudo' },
    { id: 'e2', source: 'pseudo', target: 'summary' },
    { id: 'e3', source: 'pseudo', target: 'extract' },
    { id: 'e4', source: 'summary', target: 'draft' },
    { id: 'e5', source: 'extract', target: 'draft' },
    { id: 'e6', source: 'draft', target: 'restore' },
  ],
}

const intake = {
  voornaam: 'Fatima',
  achternaam: 'El Amrani',
  telefoon: '0612345678',
  email: 'fatima@example.nl',
  omschrijving:
    'Mevrouw El Amrani (BSN 111222333, 06-12 34 56 78, fatima@example.nl) woont aan de Kerkstraat 12, 3512 AB Utrecht en is geboren op 3 maart 1957. Fatima zoekt hulp bij boodschappen op dinsdag.',
}

let server: OpenAiServer
let worker: Worker
let running: Promise<void>
let workerConnection: NativeConnection
let connection: Connection
let client: Client
const taskQueue = `ai-flow-${randomUUID()}`
const registry = createRegistry([controlPlugin, builtinPlugin])

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  } catch {
    // already installed by another helper in this process
  }
  server = await startOpenAiServer()
  server.respond((body) =>
    body?.response_format
      ? JSON.stringify({ soortHulp: 'boodschappen' })
      : body.messages[0].content.includes('draft')
        ? 'Beste [NAAM_1], we zoeken een vrijwilliger voor uw boodschappen.'
        : '[NAAM_2] zoekt hulp bij boodschappen op dinsdag.',
  )
  const credentials: Record<string, string> = {
    ai: JSON.stringify({
      baseUrl: server.baseUrl,
      apiKey: 'k',
      model: 'm',
      location: 'external',
      maxRetries: 0,
    }),
    pseudonymKey: Buffer.alloc(32, 21).toString('base64'),
  }
  const address = inject('temporalAddress')
  workerConnection = await NativeConnection.connect({ address })
  worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
    activities: {
      ...createActivities({ registry, log: () => {}, secrets: async (name) => credentials[name] }),
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
  await server?.close()
})

describe('intake flow with pseudonymise and AI on the Temporal dev server', () => {
  it('has no privacy findings', () => {
    expect(privacyProblems(flow)).toEqual([])
  })

  it('runs end to end; the AI server never receives a name, BSN, phone, e-mail or address', async () => {
    const validation = validateFlow(flow, registry)
    expect(validation.problems).toEqual([])
    if (!validation.ok) return
    const runId = randomUUID()
    const handle = await client.workflow.start(interpreterWorkflowType, {
      taskQueue,
      workflowId: `run-${runId}`,
      args: [
        buildRunInput({
          runId,
          snapshot: snapshotFlow(randomUUID(), 1, validation.flow),
          input: intake,
          registry,
        }),
      ],
    })
    const result = (await handle.result()) as RunFlowResult
    expect(result.status).toBe('completed')
    const output = result.output as Record<string, any>
    expect(output.concept).toBe('Beste Fatima, we zoeken een vrijwilliger voor uw boodschappen.')
    expect(output.gegevens).toEqual({ soortHulp: 'boodschappen' })
    expect(output.samenvattingMeta.method).toBe('openai-compatible')
    expect(output.samenvattingMeta.usage.totalTokens).toBeGreaterThan(0)
    expect(output.omschrijving).not.toMatch(/111222333|El Amrani|Kerkstraat|fatima@/)
    expect(output._privacy.mapping).toMatch(/^wfpm1:/)

    expect(server.requests).toHaveLength(3)
    const received = server.receivedText()
    for (const secret of [
      'Fatima',
      'Amrani',
      '111222333',
      '12 34 56 78',
      '0612345678',
      'example.nl',
      'Kerkstraat',
      '3512',
      'maart 1957',
    ]) {
      expect(received).not.toContain(secret)
    }
  })
})
