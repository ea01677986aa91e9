import { randomBytes, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { Client } from '@temporalio/client'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { connectApiTemporal, createApp } from '@warmflow/api'
import {
  controlPlugin,
  createEncryptionCodec,
  createRegistry,
  createSealer,
  type NodeRegistry,
  parsePayloadKeys,
  payloadKeysVariable,
  type RunKeyStore,
  type SecretResolver,
  warmflowDataConverter,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { createDb, createPostgresStores, type Database, type PostgresStores } from '@warmflow/store'
import { createWarmflowWorker, loadPlugins } from '@warmflow/worker'
import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import { createAccounts, type Requester, type TestTeam, type TestUser } from './users.js'

export type { Requester, TestResponse, TestTeam, TestUser } from './users.js'

/** The real platform, in this test process: API app, database, Temporal client and a worker. */
export interface TestPlatform {
  app: ReturnType<typeof createApp>
  db: Kysely<Database>
  client: Client
  /** The client on the worker's connection that starts runs eagerly (none without a worker). */
  eagerStart?: Client
  registry: NodeRegistry
  taskQueue: string
  /** The key the API and the worker encrypt and read credentials with. */
  credentialKey: Buffer
  /** The stores the API and the worker share (run keys included), for servers a test starts. */
  stores: PostgresStores
  /** JSON request helper around `app.request`, signed in as {@link TestPlatform.admin}. */
  request: Requester['request']
  /** Acts as another user (`null`: not signed in). */
  as(user: TestUser | null): Requester
  /** An admin (also designer) in {@link TestPlatform.team}; `request` acts as this user. */
  admin: TestUser
  /** This platform's own team. */
  team: TestTeam
  createUser(options: { roles: string[]; teams?: (TestTeam | string)[]; email?: string }): Promise<TestUser>
  createTeam(name?: string): Promise<TestTeam>
  stop(): Promise<void>
}

/**
 * The payload codec of this test run (AES-256-GCM), shared by test workers and clients. With
 * `runKeys` (the stores' run key store), each run's payloads get the run's own key, as in
 * `warmflow start`.
 */
export function testPayloadCodecs(runKeys?: RunKeyStore) {
  const keys = inject('payloadKeys')
  // Worker processes a test spawns read the same key from the environment.
  process.env[payloadKeysVariable] = keys
  return [createEncryptionCodec({ keys: parsePayloadKeys(keys), runKeys })]
}

/**
 * Starts a worker on its own task queue and builds the API app around it, against the run's
 * Temporal dev server and PostgreSQL database.
 */
let runtimeInstalled = false
function quietRuntime() {
  if (runtimeInstalled) return
  runtimeInstalled = true
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
}

export async function startTestPlatform(
  options: {
    plugins?: string[]
    worker?: boolean
    /** Wraps the worker's credential resolver, as `warmflow start` does (e.g. the local outbox). */
    secrets?: (stored: SecretResolver | undefined) => SecretResolver
    /** A Temporal server of the test's own instead of the test run's (e.g. one it stops and restores). */
    temporalAddress?: string
    /** A database of the test's own (the app role's URL) instead of the test run's. */
    databaseUrl?: string
    /** The task queue of an earlier platform (runs it started go on there); a new one by default. */
    taskQueue?: string
    /**
     * Start runs with eager workflow start on the worker in this process, as `warmflow start`
     * does (default true when there is a worker).
     */
    eagerStart?: boolean
    /** The API's human-task settings (e.g. a short decision timeout). */
    tasks?: { decisionTimeoutMs?: number }
  } = {},
): Promise<TestPlatform> {
  const address = options.temporalAddress ?? inject('temporalAddress')
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`
  // One pool for the API and the stores, as large as the two pools (API and records) it replaces.
  const db = createDb(options.databaseUrl ?? inject('databaseUrl'), { max: 8 })
  quietRuntime()
  const credentialKey = randomBytes(32)
  // The stores `warmflow start` wires, large outputs sealed with this run's payload keys.
  const stores = createPostgresStores(db, {
    credentialKey,
    sealer: createSealer(parsePayloadKeys(inject('payloadKeys'))),
  })
  const payloadCodecs = testPayloadCodecs(stores.runKeys)
  let registry: NodeRegistry
  let worker: Awaited<ReturnType<typeof createWarmflowWorker>> | undefined
  let running: Promise<void> | undefined
  if (options.worker === false) {
    const loaded = await loadPlugins(options.plugins ?? [])
    if (loaded.failures.length) throw new Error(JSON.stringify(loaded.failures))
    registry = createRegistry([controlPlugin, builtinPlugin, ...loaded.plugins])
  } else {
    const workflowBundle = { code: await readFile(inject('workflowBundlePath'), 'utf8') }
    worker = await createWarmflowWorker({
      address,
      taskQueue,
      plugins: options.plugins ?? [],
      workflowBundle,
      payloadCodecs,
      ...stores,
      ...(options.secrets ? { secrets: options.secrets(stores.secrets) } : {}),
    })
    registry = worker.registry
    running = worker.worker.run()
  }
  // The API's own client: its deadlines, and payloads and failures encrypted like the workers'.
  const client = await connectApiTemporal({ address, payloadCodecs })
  const connection = client.connection
  // As under `warmflow start`: runs start eagerly on the worker in this process.
  const eagerStart =
    worker && options.eagerStart !== false
      ? new Client({ connection: worker.connection, dataConverter: warmflowDataConverter(payloadCodecs) })
      : undefined
  const app = createApp({
    db,
    registry,
    temporal: { client, taskQueue, searchAttributes: true, ...(eagerStart ? { eagerStart } : {}) },
    credentialKey,
    stores,
    // Many sign-ins and form submissions from one test process: in-process requests have no
    // client address, so every test file would share one bucket of 10 forms a minute in the
    // shared table. The limiters themselves are tested on their own apps (api-forms, api-auth).
    auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
    forms: { rateLimit: { max: 10_000, windowMs: 60_000 } },
    ...(options.tasks ? { tasks: options.tasks } : {}),
  })
  const accounts = createAccounts(app, db)
  const team = await accounts.createTeam()
  const admin = await accounts.createUser({ roles: ['admin', 'designer'], teams: [team] })
  const asAdmin = accounts.as(admin)
  return {
    app,
    db,
    client,
    ...(eagerStart ? { eagerStart } : {}),
    registry,
    taskQueue,
    credentialKey,
    stores,
    request: (method, path, body, headers) => asAdmin.request(method, path, body, headers),
    as: accounts.as,
    admin,
    team,
    createUser: accounts.createUser,
    createTeam: accounts.createTeam,
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

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
