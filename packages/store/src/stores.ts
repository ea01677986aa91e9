import type { OutputStore, RecordStore, RunStore, Sealer, SecretResolver } from '@warmflow/engine'
import type { Kysely } from 'kysely'
import { createCredentialResolver } from './credentials/resolver.js'
import type { Database } from './db/schema.js'
import { createOutputStore } from './outputs/store.js'
import { createPostgresRecordStore } from './records/store.js'
import { createRetentionStore, type RetentionStore } from './retention/store.js'
import { createPostgresRunStore } from './runs/store.js'
import { createRunKeyStore, type PostgresRunKeyStore } from './subjects/run-keys.js'
import { createPostgresTaskStore, type PostgresTaskStore } from './tasks/store.js'

/** The keys the stores encrypt with; each is optional, and what it protects says so. */
export interface PostgresStoreKeys {
  /**
   * The 32-byte credential key (`loadCredentialKey` / `readCredentialKey`). Without it there is
   * no credential resolver: a node that asks for a credential gets none.
   */
  credentialKey?: Buffer | undefined
  /**
   * Seals large node outputs (`createSealer(loadPayloadKeys(...))`). Without it outputs are
   * stored as plain JSON bytes: only for tests.
   */
  sealer?: Sealer | undefined
}

/**
 * Warmflow's stores on one PostgreSQL pool, named as the worker's options name them, so they
 * can be spread into `createWarmflowWorker({ ... })`.
 */
export interface PostgresStores {
  /** Each run's row and final status (`runs`). */
  runStore: RunStore
  /** Human tasks and their events (`tasks`, `task_events`). */
  taskStore: PostgresTaskStore
  /** Node outputs too large for Temporal (`node_outputs`). */
  outputs: OutputStore
  /** Warmflow's own people and notification tables, for the `records.*` nodes and friends. */
  records: RecordStore
  /** Credentials by name for nodes' secret slots; only when a credential key is given. */
  secrets?: SecretResolver
  /** What the retention job removes, and the audit log's own term. */
  retention: RetentionStore
  /**
   * Each run's own data key (`run_keys`), for `createEncryptionCodec({ keys, runKeys })` and for
   * erasure; only when a sealer is given (the keys are wrapped by it).
   */
  runKeys?: PostgresRunKeyStore
}

/**
 * Every store the worker, the API and the tests need, on one Kysely database. The caller owns
 * `db` and destroys it when done.
 *
 * @example
 * const db = createDb(process.env.DATABASE_URL!)
 * const stores = createPostgresStores(db, { credentialKey, sealer: createSealer(payloadKeys) })
 * const { worker } = await createWarmflowWorker({ address, taskQueue, ...stores })
 */
export function createPostgresStores(db: Kysely<Database>, keys: PostgresStoreKeys = {}): PostgresStores {
  const runKeys = keys.sealer ? createRunKeyStore(db, keys.sealer) : undefined
  return {
    runStore: createPostgresRunStore(db),
    taskStore: createPostgresTaskStore(db, { runKeys }),
    outputs: createOutputStore(db, keys.sealer ? { sealer: keys.sealer, runKeys } : {}),
    records: createPostgresRecordStore(db),
    retention: createRetentionStore(db),
    ...(keys.credentialKey ? { secrets: createCredentialResolver(db, keys.credentialKey) } : {}),
    ...(runKeys ? { runKeys } : {}),
  }
}
