import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  appUrlFor,
  createScratchDatabase,
  migrateAndGrant,
  type ScratchDatabase,
} from '@warmflow/cli/services'
import { inject } from 'vitest'

/** A database and a folder of one test file's own, migrated, for tests that dump or destroy them. */
export interface OwnDatabase {
  /** A temporary folder (e.g. for a Temporal dev server's SQLite file or a dump). */
  dir: string
  /** The scratch database; `scratch.url` is its owner's URL. */
  scratch: ScratchDatabase
  /** The URL the app role connects with. */
  appUrl: string
  /** Drops the database and removes the folder. */
  remove(): Promise<void>
}

/**
 * Makes a scratch database (migrated, the app role granted) and a temporary folder, named after
 * `name`, on the test run's PostgreSQL.
 *
 * @example
 * const own = await ownDatabase('erasure')
 * const platform = await startTestPlatform({ databaseUrl: own.appUrl })
 */
export async function ownDatabase(name: string): Promise<OwnDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `warmflow-${name}-`))
  const scratch = await createScratchDatabase(inject('ownerDatabaseUrl'), `warmflow_${name}`)
  const appUrl = appUrlFor(scratch.url)
  await migrateAndGrant(scratch.url, appUrl)
  return {
    dir,
    scratch,
    appUrl,
    async remove() {
      await scratch.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
