import { type FlowDefinition, snapshotFlow, WarmflowError } from '@warmflow/engine'
import type { Database, FlowVersionRow } from '@warmflow/store'
import type { Kysely } from 'kysely'
import type { Viewer } from '../auth/users.js'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../problems.js'
import { ensureSmtpCredentials } from '../runs/smtp-credentials.js'
import { syncFlowSchedule } from '../schedules.js'

/** Triggers whose runs start without a person at the API who could be shown a refusal. */
const unattendedTriggers: ReadonlySet<string> = new Set(['form', 'webhook', 'schedule'])

/**
 * In production (`requireSmtpCredential`), refuses (409 `flow.smtp_credential_missing`) to
 * publish a flow that starts by itself (a public form, a webhook or a schedule) and sends e-mail
 * while its team has no SMTP credential of the name it uses: the run-start check cannot help
 * there, since the person filling in a form would be thanked and the run would stop halfway.
 *
 * @example
 * await ensureCanPublish(deps, definition, flow.team_id)
 */
export async function ensureCanPublish(
  deps: Pick<AppDeps, 'db' | 'registry' | 'requireSmtpCredential'>,
  definition: FlowDefinition,
  teamId: string,
): Promise<void> {
  if (!deps.requireSmtpCredential) return
  if (!definition.nodes.some((node) => unattendedTriggers.has(node.type))) return
  await ensureSmtpCredentials(deps.db, deps.registry, definition, teamId, 'publish')
}

/**
 * Publishes a definition as the flow's next version; returns the existing newest version
 * (`created: false`) when the definition did not change.
 */
export async function publishDefinition(
  db: Kysely<Database>,
  viewer: Viewer,
  flowId: string,
  definition: FlowDefinition,
  note: string,
): Promise<{ row: FlowVersionRow; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const flow = await trx
      .selectFrom('flows')
      .select(['latest_version'])
      .where('id', '=', flowId)
      .forUpdate()
      .executeTakeFirstOrThrow()
    const next = (flow.latest_version ?? 0) + 1
    const snapshot = snapshotFlow(flowId, next, definition)
    if (flow.latest_version !== null) {
      const latest = await trx
        .selectFrom('flow_versions')
        .selectAll()
        .where('flow_id', '=', flowId)
        .where('version', '=', flow.latest_version)
        .executeTakeFirstOrThrow()
      if (latest.hash === snapshot.hash) return { row: latest, created: false }
    }
    const row = await trx
      .insertInto('flow_versions')
      .values({
        flow_id: flowId,
        version: next,
        definition: JSON.stringify(definition),
        hash: snapshot.hash,
        author_id: viewer.id,
        note,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('flows')
      .set({ latest_version: next, updated_at: new Date() })
      .where('id', '=', flowId)
      .execute()
    return { row, created: true }
  })
}

/**
 * Keeps the flow's Temporal Schedule in step with its newest version (none without a schedule
 * trigger, or when `version` is undefined: an archived or deleted flow). A schedule the engine
 * refuses answers 400 with its reason.
 */
export async function syncSchedule(
  deps: AppDeps,
  flowId: string,
  teamId: string,
  version: { version: number; hash: string; definition: FlowDefinition } | undefined,
): Promise<void> {
  try {
    await syncFlowSchedule(deps.temporal.client, {
      flowId,
      teamId,
      snapshot: version && {
        flowId,
        version: version.version,
        hash: version.hash,
        definition: version.definition,
      },
      registry: deps.registry,
      taskQueue: deps.temporal.taskQueue,
    })
  } catch (error) {
    if (error instanceof WarmflowError) {
      throw new ApiError(400, error.code, error.text ?? { nl: error.message, en: error.message })
    }
    throw error
  }
}
