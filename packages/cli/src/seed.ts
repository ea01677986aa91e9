import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ensureTeam } from '@warmflow/api'
import { type FlowDefinition, type NodeRegistry, snapshotFlow, validateFlow } from '@warmflow/engine'
import type { Database } from '@warmflow/store'
import type { Kysely } from 'kysely'

/** The folder with the example flows that a fresh installation starts with. */
export const exampleFlowsDir = new URL('../../../examples/flows/', import.meta.url)

/**
 * Inserts a flow with its definition published as version 1, owned by `teamId`; returns its id.
 * Run it inside a transaction, so a flow never exists without its version.
 *
 * @example
 * await db.transaction().execute((trx) => insertPublishedFlow(trx, definition, teamId, 'Voorbeeldflow'))
 */
export async function insertPublishedFlow(
  trx: Kysely<Database>,
  definition: FlowDefinition,
  teamId: string,
  note: string,
): Promise<string> {
  const flow = await trx
    .insertInto('flows')
    .values({
      name: definition.name,
      description: definition.description,
      draft: JSON.stringify(definition),
      latest_version: 1,
      team_id: teamId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('flow_versions')
    .values({
      flow_id: flow.id,
      version: 1,
      definition: JSON.stringify(definition),
      hash: snapshotFlow(flow.id, 1, definition).hash,
      note,
    })
    .execute()
  return flow.id
}

/** The team the example flows belong to. */
export const demoTeamName = 'Demoteam'

/**
 * Seeds the example flows into an empty installation, published as version 1 and owned by the
 * demo team (every admin is added to it so the flows are visible right away). Does nothing when
 * any flow exists, so a restart never duplicates them. Returns the names of the flows it added.
 *
 * @example
 * await seedExampleFlows(db, registry)
 */
export async function seedExampleFlows(db: Kysely<Database>, registry: NodeRegistry): Promise<string[]> {
  const existing = await db.selectFrom('flows').select('id').limit(1).execute()
  if (existing.length > 0) return []
  const teamId = await ensureTeam(db, demoTeamName)
  const admins = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.val('admin'), '=', eb.fn.any('roles')))
    .execute()
  for (const admin of admins) {
    await db
      .insertInto('team_members')
      .values({ team_id: teamId, user_id: admin.id })
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
  const dir = exampleFlowsDir.pathname
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()
  const added: string[] = []
  for (const file of files) {
    const validation = validateFlow(JSON.parse(await readFile(join(dir, file), 'utf8')), registry)
    if (!validation.ok) {
      throw new Error(
        `Example flow ${file} is not valid: ${validation.problems.map((p) => p.message.en).join('; ')}`,
      )
    }
    const definition = validation.flow
    await db
      .transaction()
      .execute((trx) => insertPublishedFlow(trx, definition, teamId, 'Voorbeeldflow / example flow'))
    added.push(definition.name)
  }
  return added
}
