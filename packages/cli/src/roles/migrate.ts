import { createLog, logFormatFromEnv, logLevelFromEnv } from '@warmflow/worker'
import { migrateAndGrant } from '../services/database.js'
import { RoleConfigError } from './config.js'

/**
 * `warmflow migrate`: brings Warmflow's schema in PostgreSQL up to date and gives the app's role
 * its rights, then exits 0. Safe to run again (it applies only what is missing) and before every
 * deploy. Runs as `DATABASE_MIGRATION_URL` (the owner) when set, else as `DATABASE_URL`.
 *
 * @example
 * DATABASE_URL=postgres://warmflow_app:…@db/warmflow DATABASE_MIGRATION_URL=postgres://warmflow:…@db/warmflow warmflow migrate
 */
export async function migrateRole(env: Record<string, string | undefined> = process.env): Promise<void> {
  const log = createLog({
    format: logFormatFromEnv(env, { role: true }),
    service: 'migrate',
    level: logLevelFromEnv(env),
  })
  const appUrl = env.DATABASE_URL?.trim()
  if (!appUrl || !URL.canParse(appUrl)) {
    throw new RoleConfigError(
      'DATABASE_URL',
      'must be a PostgreSQL URL / moet een PostgreSQL-adres (URL) zijn',
    )
  }
  const ownerUrl = env.DATABASE_MIGRATION_URL?.trim() || appUrl
  if (!URL.canParse(ownerUrl)) {
    throw new RoleConfigError(
      'DATABASE_MIGRATION_URL',
      'must be a PostgreSQL URL / moet een PostgreSQL-adres (URL) zijn',
    )
  }
  const { migrated, auditProtected } = await migrateAndGrant(ownerUrl, appUrl)
  if (migrated.length) log.info({ applied: migrated }, 'migrations applied')
  else log.info('schema up to date')
  if (!auditProtected) {
    log.warn(
      { variable: 'DATABASE_MIGRATION_URL' },
      'the app role owns the schema and could change the audit log; set DATABASE_MIGRATION_URL',
    )
  }
}
