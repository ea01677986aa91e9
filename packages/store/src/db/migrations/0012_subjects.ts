import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Erasing one person (AVG art. 17) and the right of access (art. 15).
 *
 * - `run_keys`: each run's own data key, wrapped by the payload keys. The payload codec encrypts
 *   a run's Temporal payloads with it; erasure destroys it (`wrapped` and `key_id` null,
 *   `destroyed_at` set), so every copy of those payloads, wherever it is, can no longer be
 *   read. The row stays, so a destroyed key is never made again.
 * - `run_subjects`: whom a run is about, as keyed hashes (HMAC-SHA256) of the identifiers the
 *   flow received (e-mail address, phone number): a person is found by what they give, but
 *   the table itself names nobody.
 * - `runs.erased_at`: when a run's contents were erased on request; its row keeps only ids,
 *   times and the outcome, like a run removed by retention.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('run_keys')
      .addColumn('workflow_id', 'text', (col) => col.primaryKey())
      .addColumn('key_id', 'text')
      .addColumn('wrapped', 'bytea')
      .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
      .addColumn('destroyed_at', 'timestamptz')
      .addCheckConstraint(
        'run_keys_kept_or_destroyed',
        sql`(destroyed_at is null and wrapped is not null and key_id is not null) or (destroyed_at is not null and wrapped is null and key_id is null)`,
      )
      .execute()
    await db.schema
      .createTable('run_subjects')
      .addColumn('run_id', 'uuid', (col) => col.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('team_id', 'uuid', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('value_hash', 'text', (col) => col.notNull())
      .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('run_subjects_pk', ['run_id', 'kind', 'value_hash'])
      .execute()
    await db.schema.createIndex('run_subjects_hash_idx').on('run_subjects').column('value_hash').execute()
    await db.schema.alterTable('runs').addColumn('erased_at', 'timestamptz').execute()
    // Erasure and the access export find the notifications a run sent.
    await db.schema.createIndex('notifications_run_idx').on('notifications').column('run_id').execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('notifications_run_idx').execute()
    await db.schema.alterTable('runs').dropColumn('erased_at').execute()
    await db.schema.dropTable('run_subjects').execute()
    await db.schema.dropTable('run_keys').execute()
  },
}
