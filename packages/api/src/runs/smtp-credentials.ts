import type { FlowDefinition, NodeRegistry } from '@warmflow/engine'
import type { Database } from '@warmflow/store'
import type { Kysely } from 'kysely'
import { ApiError } from '../problems.js'

/**
 * The credential names a flow's nodes use for the `smtp` slot (`node.credentials.smtp`, or the
 * slot's own name), for every node whose type declares that slot.
 *
 * @example
 * smtpCredentialsOf(definition, registry) // ['smtp']
 */
export function smtpCredentialsOf(definition: FlowDefinition, registry: NodeRegistry): string[] {
  const names = new Set<string>()
  for (const node of definition.nodes) {
    const type = registry.get(node.type, node.version)
    if (!type?.secrets?.includes('smtp')) continue
    names.add(node.credentials?.smtp ?? 'smtp')
  }
  return [...names]
}

/** What the refusal in {@link ensureSmtpCredentials} asks the person to do after creating it. */
const afterwards = {
  start: {
    nl: 'Maak ze aan bij Inloggegevens en start de flow daarna.',
    en: 'Create it under Credentials, then start the flow.',
  },
  publish: {
    nl: 'Deze flow start vanzelf (formulier, webhook of planning), dus niemand zou zien dat een run halverwege stopt. Maak ze aan bij Inloggegevens en publiceer de flow daarna.',
    en: 'This flow starts by itself (form, webhook or schedule), so nobody would see a run stop halfway. Create it under Credentials, then publish the flow.',
  },
} as const

/**
 * Refuses (409) a run, or the publication of a flow that starts by itself, when the flow sends
 * e-mail while its team lacks an SMTP credential it names: in production nothing catches that
 * e-mail, and the run would stop halfway, after its earlier steps had their effect.
 *
 * @example
 * await ensureSmtpCredentials(db, registry, definition, teamId)
 * await ensureSmtpCredentials(db, registry, definition, teamId, 'publish')
 */
export async function ensureSmtpCredentials(
  db: Kysely<Database>,
  registry: NodeRegistry,
  definition: FlowDefinition,
  teamId: string,
  moment: keyof typeof afterwards = 'start',
): Promise<void> {
  const needed = smtpCredentialsOf(definition, registry)
  if (needed.length === 0) return
  const found = await db
    .selectFrom('credentials')
    .select('name')
    .where('team_id', '=', teamId)
    .where('name', 'in', needed)
    .execute()
  const missing = needed.filter((name) => !found.some((row) => row.name === name))
  if (missing.length === 0) return
  const names = missing.map((name) => `"${name}"`).join(', ')
  throw new ApiError(409, 'flow.smtp_credential_missing', {
    nl: `Deze flow verstuurt e-mail, maar het team heeft geen SMTP-inloggegevens ${names}. ${afterwards[moment].nl}`,
    en: `This flow sends e-mail, but the team has no SMTP credential ${names}. ${afterwards[moment].en}`,
  })
}
