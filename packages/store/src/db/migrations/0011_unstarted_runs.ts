import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Runs whose start never reached Temporal. A run's row is saved (`starting`) before its
 * workflow starts; when the process dies in between and no repeat of the start comes (a start
 * without an idempotency key), the row stays `starting`. The retention job settles such rows
 * a day later: this index finds them without reading every run.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('runs_unstarted_idx')
      .on('runs')
      .column('created_at')
      .where(sql.ref('status'), '=', 'starting')
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('runs_unstarted_idx').execute()
  },
}
