import { randomUUID } from 'node:crypto'
import {
  createSealer,
  hasRunKey,
  type OutputStore,
  PayloadCodecError,
  type RunKeyStore,
  runKeyId,
  type Sealer,
  WarmflowError,
} from '@warmflow/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** Options for {@link createOutputStore}. */
export interface OutputStoreOptions {
  /**
   * Encrypts each output with the payload keys (`createSealer(loadPayloadKeys(...))`), bound to
   * its row id. Without it outputs are stored as plain JSON bytes: only for tests.
   */
  sealer?: Sealer
  /**
   * Each run's own data key: with it, an output is sealed with the key of its run (`key_id` is
   * `run:<workflow id>`), so erasing the run makes every copy of it unreadable, in a backup too.
   */
  runKeys?: RunKeyStore | undefined
}

const runKeyPrefix = 'run:'
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Stores large node outputs in PostgreSQL (`node_outputs`), encrypted with AES-256-GCM: with
 * the run's own data key when `runKeys` is given and the run is known, otherwise with the
 * payload keys.
 *
 * @example
 * const outputs = createOutputStore(db, { sealer: createSealer(loadPayloadKeys(process.env, dataDir)) })
 * const activities = createActivities({ registry, outputs })
 */
export function createOutputStore(db: Kysely<Database>, options: OutputStoreOptions = {}): OutputStore {
  const context = (id: string) => `node_outputs:${id}`
  const workflowOf = async (runId: string) =>
    (await db.selectFrom('runs').select('workflow_id').where('id', '=', runId).executeTakeFirst())
      ?.workflow_id
  const erased = () =>
    new PayloadCodecError('codec.run_erased', "The run's data key was destroyed: its output was erased", {
      text: {
        nl: 'De gegevens van deze run zijn gewist en kunnen niet meer worden gelezen.',
        en: "This run's data was erased and can no longer be read.",
      },
    })
  return {
    async put({ runId, nodeId, json }) {
      const id = randomUUID()
      const plain = encoder.encode(json)
      let sealed = options.sealer?.seal(plain, context(id))
      const workflowId = options.runKeys ? await workflowOf(runId) : undefined
      if (options.runKeys && workflowId && hasRunKey(workflowId)) {
        const key = await options.runKeys.obtain(workflowId)
        if (!key) throw erased()
        const own = createSealer([{ id: runKeyId, key }]).seal(plain, context(id))
        sealed = { keyId: `${runKeyPrefix}${workflowId}`, data: own.data }
      }
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
      if (!uuidPattern.test(id)) return undefined
      const row = await db
        .selectFrom('node_outputs')
        .select(['key_id', 'data'])
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row) return undefined
      if (row.key_id === null) return decoder.decode(row.data)
      if (row.key_id.startsWith(runKeyPrefix)) {
        const workflowId = row.key_id.slice(runKeyPrefix.length)
        if (!options.runKeys) {
          throw new WarmflowError(
            'output.no_run_keys',
            `Stored output ${id} is sealed with its run's key and this store has no run keys`,
            {
              text: {
                nl: 'Opgeslagen uitvoer is versleuteld met de sleutel van de run, maar dit proces kan die sleutels niet lezen.',
                en: "Stored output is encrypted with its run's key, but this process cannot read run keys.",
              },
            },
          )
        }
        const key = await options.runKeys.find(workflowId)
        if (!key) throw erased()
        return decoder.decode(
          createSealer([{ id: runKeyId, key }]).open({ keyId: runKeyId, data: row.data }, context(id)),
        )
      }
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
