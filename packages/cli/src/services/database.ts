import { createDb, databaseUser, grantAppRole, migrateToLatest } from '@warmflow/store'

/** What {@link migrateAndGrant} did. */
export interface MigrateResult {
  /** Migrations applied now. */
  migrated: string[]
  /** False when the app runs as the owner role, which could change the audit log. */
  auditProtected: boolean
}

/**
 * Brings the schema up to date as the owner, then gives the app role its rights (when it is a
 * role of its own). Safe on every start.
 *
 * @example
 * const { ownerUrl, appUrl } = await ensureDatabase(env)
 * await migrateAndGrant(ownerUrl, appUrl)
 */
export async function migrateAndGrant(ownerUrl: string, appUrl: string): Promise<MigrateResult> {
  // No statement limit: building an index on a large table may take minutes.
  const owner = createDb(ownerUrl, { max: 2, statementTimeoutMs: 0 })
  try {
    const migrated = await migrateToLatest(owner)
    const appRole = databaseUser(appUrl)
    const auditProtected = appRole !== databaseUser(ownerUrl)
    if (auditProtected) await grantAppRole(owner, appRole)
    return { migrated, auditProtected }
  } finally {
    await owner.destroy()
  }
}
