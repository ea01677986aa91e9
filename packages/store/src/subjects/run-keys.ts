import { randomBytes } from 'node:crypto'
import type { RunKeyStore, Sealer } from '@warmflow/engine'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'

/** A {@link RunKeyStore} that can also destroy keys: erasure and retention use it. */
export interface PostgresRunKeyStore extends RunKeyStore {
  /**
   * Destroys the data keys of these workflows. A workflow without a key gets a destroyed one,
   * so no key is ever made for it later. Returns how many keys were destroyed now.
   */
  destroy(workflowIds: readonly string[]): Promise<number>
  /**
   * A new key for a workflow, for the caller to insert in a statement of its own (so a run's row
   * and its key take one round trip): `row` goes into `run_keys` with `on conflict do nothing`,
   * and `keep()` is called only once that insert is known to have happened, after which
   * {@link RunKeyStore.obtain} answers from memory. A key that was not inserted is never used.
   */
  prepare(workflowId: string): PreparedRunKey
}

/** A key made by {@link PostgresRunKeyStore.prepare}, not yet in the database. */
export interface PreparedRunKey {
  /** The row to insert into `run_keys`: the key wrapped by the payload keys. */
  row: { workflow_id: string; key_id: string; wrapped: Uint8Array }
  /** Keeps the key in memory; call it after the row was inserted and committed. */
  keep(): void
}

/** Options for {@link createRunKeyStore}. */
export interface RunKeyStoreOptions {
  /**
   * How long a process keeps a key in memory (default 30 s). Another process that destroys the
   * key is seen after at most this long; the process that destroys it forgets it at once.
   */
  cacheMs?: number
  /** The most keys kept in memory (default 10 000; the oldest go first). */
  maxCached?: number
}

const wrapContext = (workflowId: string) => `run-key:${workflowId}`

/**
 * Destroys the data keys of these workflows in the database (see
 * {@link PostgresRunKeyStore.destroy}, which also forgets them in its process). Returns how many
 * keys were destroyed now; a workflow without a key gets a destroyed one.
 *
 * @example
 * await destroyRunKeys(db, ['run-3b97731c-1312-4dc2-8392-d92982370000'])
 */
export async function destroyRunKeys(db: Kysely<Database>, workflowIds: readonly string[]): Promise<number> {
  const ids = [...new Set(workflowIds)]
  if (ids.length === 0) return 0
  // Two idempotent statements: run twice (or inside a caller's transaction) they destroy once.
  const updated = await db
    .updateTable('run_keys')
    .set({ key_id: null, wrapped: null, destroyed_at: new Date() })
    .where('workflow_id', 'in', ids)
    .where('destroyed_at', 'is', null)
    .returning('workflow_id')
    .execute()
  await sql`insert into run_keys (workflow_id, destroyed_at)
    select id, now() from unnest(${ids}::text[]) as id
    on conflict (workflow_id) do nothing`.execute(db)
  return updated.length
}

/**
 * Each run's own AES-256 data key in `run_keys`, wrapped (AES-256-GCM, bound to the workflow id)
 * by the payload keys' sealer, so the table alone opens nothing. A key is made on first use;
 * {@link PostgresRunKeyStore.destroy} erases it for good.
 *
 * @example
 * const runKeys = createRunKeyStore(db, createSealer(payloadKeys))
 * const codec = createEncryptionCodec({ keys: payloadKeys, runKeys })
 */
export function createRunKeyStore(
  db: Kysely<Database>,
  sealer: Sealer,
  options: RunKeyStoreOptions = {},
): PostgresRunKeyStore {
  const cacheMs = options.cacheMs ?? 30_000
  const maxCached = options.maxCached ?? 10_000
  const cache = new Map<string, { key: Uint8Array; until: number }>()
  const pending = new Map<string, Promise<Uint8Array | undefined>>()

  const remember = (workflowId: string, key: Uint8Array) => {
    if (cache.size >= maxCached) {
      const oldest = cache.keys().next().value
      if (oldest !== undefined) cache.delete(oldest)
    }
    cache.set(workflowId, { key, until: Date.now() + cacheMs })
    return key
  }
  const cached = (workflowId: string) => {
    const hit = cache.get(workflowId)
    if (!hit) return undefined
    if (hit.until < Date.now()) {
      cache.delete(workflowId)
      return undefined
    }
    return hit.key
  }
  const unwrap = (
    workflowId: string,
    row: { key_id: string | null; wrapped: Uint8Array | null } | undefined,
  ) =>
    row?.key_id && row.wrapped
      ? remember(workflowId, sealer.open({ keyId: row.key_id, data: row.wrapped }, wrapContext(workflowId)))
      : undefined
  // One lookup per workflow at a time: a batch of activations asks for the same key at once.
  const once = (workflowId: string, load: () => Promise<Uint8Array | undefined>) => {
    const hit = cached(workflowId)
    if (hit) return Promise.resolve(hit)
    let inFlight = pending.get(workflowId)
    if (!inFlight) {
      inFlight = load().finally(() => pending.delete(workflowId))
      pending.set(workflowId, inFlight)
    }
    return inFlight
  }

  return {
    prepare(workflowId) {
      const key = randomBytes(32)
      const made = sealer.seal(key, wrapContext(workflowId))
      return {
        row: { workflow_id: workflowId, key_id: made.keyId, wrapped: made.data },
        keep: () => {
          remember(workflowId, new Uint8Array(key))
        },
      }
    },
    obtain(workflowId) {
      return once(workflowId, async () => {
        const made = sealer.seal(randomBytes(32), wrapContext(workflowId))
        // Insert unless it exists, and read whichever row is there, in one round trip.
        const { rows } = await sql<{ key_id: string | null; wrapped: Uint8Array | null }>`
          with made as (
            insert into run_keys (workflow_id, key_id, wrapped) values (${workflowId}, ${made.keyId}, ${made.data})
            on conflict (workflow_id) do nothing
            returning key_id, wrapped
          )
          select key_id, wrapped from made
          union all
          select key_id, wrapped from run_keys where workflow_id = ${workflowId}
          limit 1`.execute(db)
        // Another process inserted the row at the same moment: this statement's snapshot does not
        // see it, so read it again with a new one.
        const row =
          rows[0] ??
          (await db
            .selectFrom('run_keys')
            .select(['key_id', 'wrapped'])
            .where('workflow_id', '=', workflowId)
            .executeTakeFirst())
        return unwrap(workflowId, row)
      })
    },
    find(workflowId) {
      return once(workflowId, async () =>
        unwrap(
          workflowId,
          await db
            .selectFrom('run_keys')
            .select(['key_id', 'wrapped'])
            .where('workflow_id', '=', workflowId)
            .executeTakeFirst(),
        ),
      )
    },
    async destroy(workflowIds) {
      const ids = [...new Set(workflowIds)]
      for (const id of ids) cache.delete(id)
      if (ids.length === 0) return 0
      const destroyed = await destroyRunKeys(db, ids)
      // Forgotten again: a lookup may have filled the cache meanwhile.
      for (const id of ids) cache.delete(id)
      return destroyed
    },
  }
}
