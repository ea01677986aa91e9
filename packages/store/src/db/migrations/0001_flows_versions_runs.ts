import { type Kysely, type Migration, sql } from 'kysely'

/** Flows, their immutable versions, and runs. */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('flows')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('draft', 'jsonb', (c) => c.notNull())
      .addColumn('latest_version', 'integer')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute()
    await db.schema
      .createTable('flow_versions')
      .addColumn('flow_id', 'uuid', (c) => c.notNull().references('flows.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('definition', 'jsonb', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('flow_versions_pk', ['flow_id', 'version'])
      .execute()
    await db.schema
      .createTable('runs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('flow_id', 'uuid', (c) => c.notNull().references('flows.id'))
      .addColumn('flow_version', 'integer', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addForeignKeyConstraint('runs_flow_version_fk', ['flow_id', 'flow_version'], 'flow_versions', [
        'flow_id',
        'version',
      ])
      .execute()
    await db.schema
      .createIndex('runs_flow_created_idx')
      .on('runs')
      .columns(['flow_id', 'created_at'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('runs').execute()
    await db.schema.dropTable('flow_versions').execute()
    await db.schema.dropTable('flows').execute()
  },
}
