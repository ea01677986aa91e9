import type { SecretResolver } from '@warmflow/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { decryptSecret } from './crypto.js'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The additional data a credential's ciphertext is bound to. */
export const credentialContext = (teamId: string, name: string) => `credential:${teamId}:${name}`

/**
 * The worker's {@link SecretResolver}: finds the credential by name in the team that owns the
 * run's flow (a run always belongs to its flow's team), and decrypts it. A run can never read
 * another team's credentials. It looks at the flow rather than the run row, because a node may
 * start before the transaction that inserts the run row has committed.
 *
 * @example
 * createWarmflowWorker({ ..., secrets: createCredentialResolver(db, key) })
 */
export function createCredentialResolver(db: Kysely<Database>, key: Buffer): SecretResolver {
  return async (credentialName, run) => {
    if (!uuidPattern.test(run.flowId)) return undefined
    const row = await db
      .selectFrom('flows')
      .innerJoin('credentials', 'credentials.team_id', 'flows.team_id')
      .select(['credentials.team_id', 'credentials.name', 'credentials.secret'])
      .where('flows.id', '=', run.flowId)
      .where('credentials.name', '=', credentialName)
      .executeTakeFirst()
    if (!row) return undefined
    return decryptSecret(key, row.secret, credentialContext(row.team_id, row.name))
  }
}
