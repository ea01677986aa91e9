// Runs flows straight on the interpreter (no HTTP API in between) with a worker in this process,
// without a payload codec so the recorded histories in tests/histories replay anywhere.
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Client, Connection, type WorkflowHandle } from '@temporalio/client'
import type { PayloadCodec } from '@temporalio/common'
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import {
  buildRunInput,
  controlPlugin,
  createRegistry,
  createSealer,
  type FlowDefinitionInput,
  interpreterWorkflowType,
  type NodeRegistry,
  parsePayloadKeys,
  type RunFlowResult,
  snapshotFlow,
  validateFlow,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import {
  createDb,
  createPostgresTaskStore,
  createRunKeyStore,
  type Database,
  type PostgresTaskStore,
} from '@warmflow/store'
import { createWarmflowWorker, loadPlugins } from '@warmflow/worker'
import { type Kysely, sql } from 'kysely'
import { inject } from 'vitest'

export const pluginPath = fileURLToPath(new URL('../fixtures/side-effect-plugin.ts', import.meta.url))
export const historiesDir = fileURLToPath(new URL('../histories/', import.meta.url))

/** A worker, a client and the task store, on a task queue of their own. */
export interface EngineHarness {
  client: Client
  db: Kysely<Database>
  tasks: PostgresTaskStore
  registry: NodeRegistry
  taskQueue: string
  /** Validates the flow (throws on problems) and starts a run; returns its handle and run id. */
  start(
    flow: FlowDefinitionInput,
    input?: Record<string, unknown>,
    extra?: { teamId?: string; startedBy?: string },
  ): Promise<{ handle: WorkflowHandle; runId: string }>
  /** Saves a finished run's history as tests/histories/<name>.json when WARMFLOW_RECORD_HISTORIES=1. */
  record(name: string, handle: WorkflowHandle): Promise<void>
  stop(): Promise<void>
}

let runtimeInstalled = false

/** Starts the harness against the test run's Temporal dev server and database. */
export async function startEngineHarness(
  options: {
    worker?: boolean
    /** The codecs of the harness's client; a function gets the harness's database (for run keys). */
    payloadCodecs?: PayloadCodec[] | ((db: Kysely<Database>) => PayloadCodec[])
  } = {},
): Promise<EngineHarness> {
  if (!runtimeInstalled) {
    runtimeInstalled = true
    try {
      Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
    } catch {
      // another helper in this process installed it already
    }
  }
  const address = inject('temporalAddress')
  const taskQueue = `engine-${randomUUID()}`
  const db = createDb(inject('databaseUrl'), { max: 4 })
  process.env.DATABASE_URL = inject('databaseUrl')
  // Task data is sealed with each run's own key, as the worker processes write it.
  const tasks = createPostgresTaskStore(db, {
    runKeys: createRunKeyStore(db, createSealer(parsePayloadKeys(inject('payloadKeys')))),
  })
  let worker: Awaited<ReturnType<typeof createWarmflowWorker>> | undefined
  let registry: NodeRegistry
  let running: Promise<void> | undefined
  if (options.worker === false) {
    const loaded = await loadPlugins([pluginPath])
    if (loaded.failures.length) throw new Error(JSON.stringify(loaded.failures))
    registry = createRegistry([controlPlugin, builtinPlugin, ...loaded.plugins])
  } else {
    worker = await createWarmflowWorker({
      address,
      taskQueue,
      plugins: [pluginPath],
      workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
      taskStore: tasks,
    })
    if (worker.pluginFailures.length) throw new Error(JSON.stringify(worker.pluginFailures))
    registry = worker.registry
    running = worker.worker.run()
  }
  const connection = await Connection.connect({ address })
  const payloadCodecs =
    typeof options.payloadCodecs === 'function' ? options.payloadCodecs(db) : options.payloadCodecs
  const client = new Client({
    connection,
    ...(payloadCodecs ? { dataConverter: { payloadCodecs } } : {}),
  })
  return {
    client,
    db,
    tasks,
    registry,
    taskQueue,
    async start(flow, input = {}, extra = {}) {
      const validation = validateFlow(flow, registry)
      if (!validation.ok) throw new Error(JSON.stringify(validation.problems.map((p) => p.message.en)))
      const runId = randomUUID()
      const handle = await client.workflow.start(interpreterWorkflowType, {
        taskQueue,
        workflowId: `run-${runId}`,
        args: [
          buildRunInput({
            runId,
            snapshot: snapshotFlow(randomUUID(), 1, validation.flow),
            input,
            registry,
            ...extra,
          }),
        ],
      })
      return { handle, runId }
    },
    async record(name, handle) {
      if (process.env.WARMFLOW_RECORD_HISTORIES !== '1') return
      const history = await handle.fetchHistory()
      mkdirSync(historiesDir, { recursive: true })
      // A suffix keeps older recordings next to new ones: both must keep replaying.
      const suffix = process.env.WARMFLOW_RECORD_SUFFIX ?? ''
      writeFileSync(`${historiesDir}${name}${suffix}.json`, `${historyToJSON(history)}\n`)
    },
    async stop() {
      if (worker && running) {
        worker.worker.shutdown()
        await running
        await worker.connection.close()
      }
      await connection.close()
      await db.destroy()
    },
  }
}

/** The result of a run that must complete. */
export async function completed(handle: WorkflowHandle): Promise<RunFlowResult> {
  return (await handle.result()) as RunFlowResult
}

/** Counts side-effect rows per node of a run. */
export async function sideEffects(db: Kysely<Database>, runId: string): Promise<Record<string, number>> {
  const rows = await sql<{ node_id: string; n: string }>`
    select node_id, count(*) as n from test_side_effects where run_id = ${runId} group by node_id`.execute(db)
  return Object.fromEntries(rows.rows.map((r) => [r.node_id, Number(r.n)]))
}

/** Attempts recorded per node of a run, in order. */
export async function attempts(db: Kysely<Database>, runId: string, nodeId: string): Promise<number[]> {
  const rows = await sql<{ attempt: number }>`
    select attempt from test_attempts where run_id = ${runId} and node_id = ${nodeId} order by created_at, attempt`.execute(
    db,
  )
  return rows.rows.map((r) => r.attempt)
}
