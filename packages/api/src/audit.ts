import type { Database } from '@warmflow/store'
import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { Viewer } from './auth/users.js'
import { clientIp } from './context.js'

/** One audited event. */
export interface AuditEvent {
  /** Dotted event name, e.g. `auth.login`, `flow.publish`, `run.read`. */
  action: string
  objectType?: string
  objectId?: string
  teamId?: string | null
  /** For whom the actor acted, e.g. the client of a run, or the start of a run on a webhook. */
  onBehalfOf?: string | null
  /** Never personal data: ids, counts, reasons chosen from a list. */
  details?: Record<string, unknown>
  /** Overrides the actor taken from the request (e.g. a failed login names no viewer). */
  actor?: { id?: string | null; email?: string | null }
}

/**
 * Appends one line to the audit log (the database refuses updates and deletes of it).
 * A failure to write fails the request: an unlogged read of personal data must not happen.
 *
 * @example
 * await audit(deps.db, c, { action: 'flow.publish', objectType: 'flow', objectId: id, teamId })
 */
export async function audit(db: Kysely<Database>, c: Context | undefined, event: AuditEvent): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(c, event)).execute()
}

/**
 * The audit-log row for an event, for a caller that writes it in a statement of its own (e.g.
 * together with the row it audits, in one round trip).
 */
export function auditRow(c: Context | undefined, event: AuditEvent) {
  const viewer = c?.get('viewer') as Viewer | undefined
  return {
    actor_id: event.actor?.id ?? viewer?.id ?? null,
    actor_email: event.actor?.email ?? viewer?.email ?? null,
    on_behalf_of: event.onBehalfOf ?? null,
    action: event.action,
    object_type: event.objectType ?? null,
    object_id: event.objectId ?? null,
    team_id: event.teamId ?? null,
    ip: c ? clientIp(c) : null,
    details: JSON.stringify(event.details ?? {}),
  }
}
