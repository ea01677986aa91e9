import { randomUUID } from 'node:crypto'
import { type OutputStore, type Sealer, WarmflowError } from '@warmflow/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** Options for {@link createOutputStore}. */
export interface OutputStoreOptions {
  /**
   * Encrypts each output with the payload keys (`createSealer(loadPayloadKeys(...))`), bound to
   * its row id. Without it outputs are stored as plain JSON bytes: only for tests.
   */
  sealer?: Sealer
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Stores large node outputs in PostgreSQL (`node_outputs`), encrypted with AES-256-GCM.
 *
 * @example
 * const outputs = createOutputStore(db, { sealer: createSealer(loadPayloadKeys(process.env, dataDir)) })
 * const activities = createActivities({ registry, outputs })
 */
export function createOutputStore(db: Kysely<Database>, options: OutputStoreOptions = {}): OutputStore {
  const context = (id: string) => `node_outputs:${id}`
  return {
    async put({ runId, nodeId, json }) {
      const id = randomUUID()
      const plain = encoder.encode(json)
      const sealed = options.sealer?.seal(plain, context(id))
      await db
        .insertInto('node_outputs')
        .values({
          id,
          run_id: runId,
          node_id: nodeId,
          key_id: sealed?.keyId ?? null,
          data: sealed ? sealed.data : plain,
          size_bytes: plain.length,
        })
        .execute()
      return id
    },
    async get(id) {
      // Not a uuid: cannot exist, and PostgreSQL would refuse the comparison.
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined
      const row = await db
        .selectFrom('node_outputs')
        .select(['key_id', 'data'])
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row) return undefined
      if (row.key_id === null) return decoder.decode(row.data)
      if (!options.sealer) {
        throw new WarmflowError(
          'output.no_keys',
          `Stored output ${id} is encrypted and this store has no keys`,
          {
            text: {
              nl: 'Opgeslagen uitvoer is versleuteld, maar deze worker heeft de sleutels niet.',
              en: 'Stored output is encrypted, but this worker does not have the keys.',
            },
          },
        )
      }
      return decoder.decode(options.sealer.open({ keyId: row.key_id, data: row.data }, context(id)))
    },
  }
}
