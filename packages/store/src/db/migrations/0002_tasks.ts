import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Human tasks (the inbox) and their history. One task per workflow + node: the interpreter
 * creates it idempotently. `task_events` records every change once per `event_key`.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('tasks')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'uuid', (c) => c.notNull())
      .addColumn('flow_id', 'uuid', (c) => c.notNull())
      .addColumn('flow_version', 'integer', (c) => c.notNull())
      .addColumn('node_id', 'text', (c) => c.notNull())
      // No foreign key yet: teams arrive with the accounts migration.
      .addColumn('team_id', 'uuid')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('assignee', 'text')
      .addColumn('title', 'jsonb', (c) => c.notNull())
      .addColumn('form', 'jsonb', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('open', 'completed', 'expired', 'cancelled')`),
      )
      .addColumn('outcome', 'jsonb')
      .addColumn('deadline', 'timestamptz')
      .addColumn('four_eyes', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('started_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('closed_at', 'timestamptz')
      .addUniqueConstraint('tasks_workflow_node_unique', ['workflow_id', 'node_id'])
      .execute()
    await db.schema.createIndex('tasks_team_status_idx').on('tasks').columns(['team_id', 'status']).execute()
    await db.schema.createIndex('tasks_run_idx').on('tasks').column('run_id').execute()
    await db.schema
      .createTable('task_events')
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('task_id', 'uuid', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
      .addColumn('event_key', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addUniqueConstraint('task_events_key_unique', ['task_id', 'event_key'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('task_events').execute()
    await db.schema.dropTable('tasks').execute()
  },
}
