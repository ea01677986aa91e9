import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Node outputs too large to travel through Temporal (over 256 KB by default). The workflow holds
 * a reference `output:<id>`; the data is encrypted with the payload keys (`key_id` names the
 * key; null only when stored without encryption).
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('node_outputs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text')
      .addColumn('data', 'bytea', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createIndex('node_outputs_run_idx')
      .on('node_outputs')
      .columns(['run_id', 'node_id'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('node_outputs').execute()
  },
}
