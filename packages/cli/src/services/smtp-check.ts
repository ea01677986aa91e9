import { smtpCredentialsOf } from '@warmflow/api'
import type { FlowDefinition, NodeRegistry } from '@warmflow/engine'
import type { Database } from '@warmflow/store'
import type { Kysely } from 'kysely'

/** A published flow with a node that sends e-mail through a credential its team does not have. */
export interface FlowWithoutSmtp {
  flowName: string
  teamName: string
  /** The credential name the node asks for (its `smtp` slot). */
  credential: string
}

/**
 * Published, not archived flows that send e-mail while their team has no SMTP credential of the
 * name they use. In production such a flow's runs stop at the e-mail step; `warmflow start`
 * lists them so the administrator knows before the first run.
 *
 * @example
 * const missing = await flowsWithoutSmtp(db, registry)
 */
export async function flowsWithoutSmtp(
  db: Kysely<Database>,
  registry: NodeRegistry,
): Promise<FlowWithoutSmtp[]> {
  const flows = await db
    .selectFrom('flows')
    .innerJoin('flow_versions', (join) =>
      join
        .onRef('flow_versions.flow_id', '=', 'flows.id')
        .onRef('flow_versions.version', '=', 'flows.latest_version'),
    )
    .innerJoin('teams', 'teams.id', 'flows.team_id')
    .select(['flows.name', 'flows.team_id', 'teams.name as team_name', 'flow_versions.definition'])
    .where('flows.archived_at', 'is', null)
    .limit(5000)
    .execute()
  if (flows.length === 0) return []
  const credentials = await db.selectFrom('credentials').select(['team_id', 'name']).execute()
  const have = new Set(credentials.map((c) => `${c.team_id}\u0000${c.name}`))
  const missing: FlowWithoutSmtp[] = []
  for (const flow of flows) {
    const definition = (
      typeof flow.definition === 'string' ? JSON.parse(flow.definition) : flow.definition
    ) as FlowDefinition
    for (const credential of smtpCredentialsOf(definition, registry)) {
      if (!have.has(`${flow.team_id}\u0000${credential}`)) {
        missing.push({ flowName: flow.name, teamName: flow.team_name, credential })
      }
    }
  }
  return missing
}

/**
 * The lines `warmflow start` shows for {@link flowsWithoutSmtp}, in English and Dutch; at most
 * `max` flows by name, then how many more.
 *
 * @example
 * describeFlowsWithoutSmtp([{ flowName: 'Nieuwe aanmelding', teamName: 'Demoteam', credential: 'smtp' }])
 */
export function describeFlowsWithoutSmtp(missing: readonly FlowWithoutSmtp[], max = 10): string[] {
  if (missing.length === 0) return []
  const lines = [
    'These flows send e-mail, but their team has no SMTP credential; their runs stop at that step. /',
    'Deze flows versturen e-mail, maar hun team heeft geen SMTP-inloggegevens; hun runs stoppen bij die stap.',
    ...missing.slice(0, max).map((m) => `  - "${m.flowName}" (team ${m.teamName}): "${m.credential}"`),
  ]
  if (missing.length > max)
    lines.push(`  … and ${missing.length - max} more / en nog ${missing.length - max}`)
  lines.push('Create them under Credentials. / Maak ze aan bij Inloggegevens.')
  return lines
}
