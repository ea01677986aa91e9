import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { freePort, startTemporalDevServer, type TemporalDevServer } from '@warmflow/cli/services'
import {
  buildRunInput,
  createEncryptionCodec,
  encryptedEncoding,
  flowDefinitionSchema,
  generatePayloadKey,
  interpreterWorkflowType,
  parsePayloadKeys,
  type RunFlowInput,
  type RunFlowResult,
  snapshotFlow,
} from '@warmflow/engine'
import { createWarmflowWorker, type WarmflowWorker } from '@warmflow/worker'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'

// A value that must never reach the Temporal server's database in plain text.
const canary = `CANARY-${randomUUID()}`
const taskQueue = `codec-${randomUUID()}`

const definition = flowDefinitionSchema.parse({
  name: 'Codec',
  nodes: [
    { id: 'start', type: 'manual', version: 1, config: {}, position: { x: 0, y: 0 } },
    {
      id: 'greet',
      type: 'transform',
      version: 1,
      config: { fields: { greeting: "'Hallo ' & naam" }, keepInput: false },
      position: { x: 200, y: 0 },
    },
  ],
  edges: [{ id: 'start-greet', source: 'start', target: 'greet' }],
})

let dir: string
let temporal: TemporalDevServer
let worker: WarmflowWorker
let running: Promise<void>
let connection: Connection
const codecs = [createEncryptionCodec({ keys: parsePayloadKeys(generatePayloadKey('codec1')) })]

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  dir = mkdtempSync(join(tmpdir(), 'warmflow-codec-'))
  // Its own dev server, persisting to a file we can read afterwards.
  temporal = await startTemporalDevServer({ port: await freePort(), dbFile: join(dir, 'temporal.db') })
  worker = await createWarmflowWorker({
    address: temporal.address,
    taskQueue,
    workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
    payloadCodecs: codecs,
  })
  running = worker.worker.run()
  connection = await Connection.connect({ address: temporal.address })
})

afterAll(async () => {
  if (worker) {
    worker.worker.shutdown()
    await running
    await worker.connection.close()
  }
  await connection?.close()
  await temporal?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Every byte string and string inside a value, decoded, so we can look for the canary. */
function texts(value: unknown, out: string[] = []): string[] {
  if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('latin1'))
  else if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const item of value) texts(item, out)
  else if (value && typeof value === 'object') for (const item of Object.values(value)) texts(item, out)
  return out
}

/** Where in a history the payloads with encoding `json/plain` are (dotted paths). */
function plainPayloadPaths(value: unknown, path = '', out: string[] = []): string[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return out
  const encoding = (value as { metadata?: Record<string, unknown> }).metadata?.encoding
  if (encoding instanceof Uint8Array && Buffer.from(encoding).toString() === 'json/plain') out.push(path)
  for (const [key, item] of Object.entries(value)) plainPayloadPaths(item, path ? `${path}.${key}` : key, out)
  return out
}

it('stores no plaintext client data in the Temporal server, while worker and client read it fine', async () => {
  const client = new Client({ connection, dataConverter: { payloadCodecs: codecs } })
  const workflowId = `codec-run-${randomUUID()}`
  const input: RunFlowInput = buildRunInput({
    runId: randomUUID(),
    snapshot: snapshotFlow(randomUUID(), 1, definition),
    input: { naam: canary },
    registry: worker.registry,
  })
  const result = await client.workflow.execute<(input: RunFlowInput) => Promise<RunFlowResult>>(
    interpreterWorkflowType,
    { workflowId, taskQueue, args: [input] },
  )
  // With the codec, the data round-trips.
  expect(result.output).toEqual({ greeting: `Hallo ${canary}` })

  // Without the codec, a client sees only ciphertext: every payload is encrypted.
  const plainClient = new Client({ connection })
  const history = await plainClient.workflow.getHandle(workflowId).fetchHistory()
  const all = texts(history)
  expect(all.some((t) => t.includes(encryptedEncoding))).toBe(true)
  // The only plain payloads are the SDK's own metadata: local-activity markers (activity id, type,
  // timing; the node's result in the same marker is encrypted like everything else) and the name
  // of a code patch (its marker and the TemporalChangeVersion search attribute).
  const sdkMetadata =
    /markerRecordedEventAttributes\.details\.(data|patch-data)\.|indexedFields\.TemporalChangeVersion$/
  expect(plainPayloadPaths(history).filter((path) => !sdkMetadata.test(path))).toEqual([])
  expect(all.some((t) => t.includes(canary))).toBe(false)
  await expect(plainClient.workflow.getHandle(workflowId).result()).rejects.toThrow()

  // And the server's own database file holds neither the canary nor the greeting.
  await temporal.stop()
  const stored = readdirSync(dir)
    .filter((name) => name.startsWith('temporal.db'))
    .map((name) => readFileSync(join(dir, name)))
  expect(stored.length).toBeGreaterThan(0)
  const bytes = Buffer.concat(stored)
  // The file is readable plain SQLite: the workflow id is there, so the search below is meaningful.
  expect(bytes.includes(workflowId)).toBe(true)
  expect(bytes.includes(canary)).toBe(false)
  expect(bytes.includes(canary.slice(7))).toBe(false)
})
