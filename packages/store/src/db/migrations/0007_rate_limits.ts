import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Fixed-window counters that every API process shares, e.g. sign-in attempts per client
 * address. The key is stored as a sha256, never as the address itself; rows whose window has
 * ended are pruned.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('window_ends_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'key_hash'])
      .execute()
    await db.schema.createIndex('rate_limits_window_idx').on('rate_limits').column('window_ends_at').execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('rate_limits').execute()
  },
}
