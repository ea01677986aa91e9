import type { NodeRegistry } from '@warmflow/engine'
import { credentialContext, type Database, decryptSecret } from '@warmflow/store'
import type { Kysely } from 'kysely'
import { buildRegisterFlow, type CredentialTarget, type RegisterFlow } from './build.js'
import type { RecipientLocation } from './labels.js'

/** The most flows one register lists; an organisation with more gets the first ones by team and name. */
export const maxRegisterFlows = 2000

/** The register of the given teams (all teams with `'all'`), and whether it was cut at {@link maxRegisterFlows}. */
export interface RegisterResult {
  flows: RegisterFlow[]
  truncated: boolean
}

const aiLocations: Record<string, RecipientLocation> = {
  local: 'organisation',
  eu: 'eu',
  external: 'outside-eu',
}

/**
 * Where a stored credential sends data, from its decrypted JSON: an AI credential's `location`
 * and `baseUrl` host, a mail server's `host`. Only these fields are read; no key or password
 * leaves this function. Unknown when the value cannot be read.
 */
export function credentialTarget(raw: string | undefined, slot: string): CredentialTarget {
  if (raw === undefined) return { location: 'unknown' }
  let value: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed !== 'object' || parsed === null) return { location: 'unknown' }
    value = parsed as Record<string, unknown>
  } catch {
    return { location: 'unknown' }
  }
  const host = (() => {
    if (typeof value.host === 'string' && value.host.length <= 253) return value.host.toLowerCase()
    if (typeof value.baseUrl !== 'string') return undefined
    try {
      return new URL(value.baseUrl).hostname.toLowerCase()
    } catch {
      return undefined
    }
  })()
  const location =
    slot === 'ai' && typeof value.location === 'string'
      ? (aiLocations[value.location] ?? 'unknown')
      : 'unknown'
  return host ? { host, location } : { location }
}

/**
 * Builds the processing register from the latest published version of every flow that is not
 * archived, in the given teams. Reads credentials only for the slots recipients use, decrypting
 * each at most once (without `credentialKey` their location is unknown).
 *
 * @example
 * const { flows } = await loadRegister(db, registry, key, 'all')
 */
export async function loadRegister(
  db: Kysely<Database>,
  registry: NodeRegistry,
  credentialKey: Buffer | undefined,
  teamIds: readonly string[] | 'all',
): Promise<RegisterResult> {
  if (teamIds !== 'all' && teamIds.length === 0) return { flows: [], truncated: false }
  let query = db
    .selectFrom('flows')
    .innerJoin('teams', 'teams.id', 'flows.team_id')
    .innerJoin('flow_versions', (join) =>
      join
        .onRef('flow_versions.flow_id', '=', 'flows.id')
        .onRef('flow_versions.version', '=', 'flows.latest_version'),
    )
    .select([
      'flows.id as flowId',
      'flows.name as name',
      'flows.team_id as teamId',
      'teams.name as teamName',
      'flow_versions.version as version',
      'flow_versions.created_at as publishedAt',
      'flow_versions.definition as definition',
    ])
    .where('flows.archived_at', 'is', null)
  if (teamIds !== 'all') query = query.where('flows.team_id', 'in', [...teamIds])
  const rows = await query
    .orderBy('teams.name')
    .orderBy('flows.name')
    .orderBy('flows.id')
    .limit(maxRegisterFlows + 1)
    .execute()
  const truncated = rows.length > maxRegisterFlows

  const teams = [...new Set(rows.map((row) => row.teamId))]
  const stored =
    teams.length === 0
      ? []
      : await db
          .selectFrom('credentials')
          .select(['team_id', 'name', 'secret'])
          .where('team_id', 'in', teams)
          .execute()
  const secrets = new Map(stored.map((row) => [`${row.team_id}\u0000${row.name}`, row.secret]))
  const targets = new Map<string, CredentialTarget>()
  const lookup = (teamId: string, name: string, slot: string): CredentialTarget | undefined => {
    const key = `${teamId}\u0000${name}`
    const secret = secrets.get(key)
    if (secret === undefined) return undefined
    const cacheKey = `${key}\u0000${slot}`
    let target = targets.get(cacheKey)
    if (!target) {
      let raw: string | undefined
      try {
        raw = credentialKey
          ? decryptSecret(credentialKey, secret, credentialContext(teamId, name))
          : undefined
      } catch {
        raw = undefined
      }
      target = credentialTarget(raw, slot)
      targets.set(cacheKey, target)
    }
    return target
  }

  const flows = rows.slice(0, maxRegisterFlows).map((row) =>
    buildRegisterFlow(
      {
        flowId: row.flowId,
        name: row.name,
        teamId: row.teamId,
        teamName: row.teamName,
        version: row.version,
        publishedAt: row.publishedAt,
        definition: row.definition,
      },
      registry,
      lookup,
    ),
  )
  return { flows, truncated }
}
