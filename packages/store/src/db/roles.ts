import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.js'

/** Tables only the owner writes: the audit log is appended to, never changed. */
const appendOnlyTables = ['audit_log'] as const

const roleNamePattern = /^[a-z_][a-z0-9_$]{0,62}$/

/** Thrown when the role that runs the app cannot be given its rights. */
export class DatabaseRoleError extends Error {
  readonly code = 'database.role'
  readonly retryable = false
}

/**
 * Gives the role that runs the API and the workers what it needs and nothing more: reading and
 * writing Warmflow's tables, but only reading and appending to the audit log. Without UPDATE,
 * DELETE, TRUNCATE or ownership it cannot change a line of the log, nor switch off the trigger
 * that guards it (only a table's owner may). Run it as the owner, after the migrations; it is
 * idempotent, so every start may call it.
 *
 * @example
 * await migrateToLatest(ownerDb)
 * await grantAppRole(ownerDb, 'warmflow_app')
 */
export async function grantAppRole(owner: Kysely<Database>, role: string): Promise<void> {
  if (!roleNamePattern.test(role)) {
    throw new DatabaseRoleError(
      `Database role name is not plain (lower case, digits, _): ${role.length} characters`,
    )
  }
  const { rows } = await sql<{ current_user: string }>`select current_user`.execute(owner)
  if (rows[0]?.current_user === role) {
    throw new DatabaseRoleError(
      'The app role and the owner role are the same role; grants would change nothing',
    )
  }
  const app = sql.id(role)
  await owner.transaction().execute(async (tx) => {
    await sql`grant usage on schema public to ${app}`.execute(tx)
    await sql`grant select, insert, update, delete on all tables in schema public to ${app}`.execute(tx)
    await sql`grant usage, select on all sequences in schema public to ${app}`.execute(tx)
    for (const table of appendOnlyTables) {
      await sql`revoke update, delete, truncate, references, trigger on ${sql.table(table)} from ${app}`.execute(
        tx,
      )
    }
    // The one way old audit lines go: purge_audit_log (SECURITY DEFINER, owned by the owner)
    // removes only lines past the audit term, never one younger than five years (NEN 7513).
    await sql`grant execute on function purge_audit_log(timestamptz, integer) to ${app}`.execute(tx)
    // The app may see which migrations ran (so a tool started with its URL knows nothing is
    // pending), but only the owner runs them.
    await sql`revoke all on kysely_migration, kysely_migration_lock from ${app}`.execute(tx)
    await sql`grant select on kysely_migration to ${app}`.execute(tx)
    await sql`grant select, update on kysely_migration_lock to ${app}`.execute(tx)
  })
}

/**
 * The user name in a PostgreSQL connection URL.
 *
 * @example
 * databaseUser('postgres://warmflow_app:secret@127.0.0.1:5432/warmflow') // 'warmflow_app'
 */
export function databaseUser(url: string): string {
  return decodeURIComponent(new URL(url).username)
}
