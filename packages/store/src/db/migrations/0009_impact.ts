import { type Kysely, type Migration, sql } from 'kysely'

/**
 * Impact measurement: how long a human task waited and was worked on, and what became of the AI
 * drafts it showed. One `task_measures` row per task (opened, claimed, active time from the
 * inbox's activity beats, decision); one `ai_draft_measures` row per AI draft field of a decided
 * task (accepted, edited with an edit ratio, or rejected). Both carry the team and the start of
 * the run, so the impact report reads a team's period by index instead of joining every row.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('task_measures')
      .addColumn('task_id', 'uuid', (c) => c.primaryKey().references('tasks.id').onDelete('cascade'))
      .addColumn('run_id', 'uuid', (c) => c.notNull())
      .addColumn('flow_id', 'uuid', (c) => c.notNull())
      .addColumn('team_id', 'uuid')
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('run_created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('opened_at', 'timestamptz')
      .addColumn('claimed_at', 'timestamptz')
      .addColumn('active_ms', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`active_ms >= 0`))
      .addColumn('last_beat_at', 'timestamptz')
      .addColumn('decided_at', 'timestamptz')
      .addColumn('decided_by', 'text')
      .addColumn('decision', 'text')
      .execute()
    await db.schema
      .createIndex('task_measures_team_idx')
      .on('task_measures')
      .columns(['team_id', 'run_created_at'])
      .execute()
    await db.schema
      .createTable('ai_draft_measures')
      .addColumn('task_id', 'uuid', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('run_id', 'uuid', (c) => c.notNull())
      .addColumn('flow_id', 'uuid', (c) => c.notNull())
      .addColumn('team_id', 'uuid')
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('run_created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('model', 'text')
      .addColumn('verdict', 'text', (c) =>
        c.notNull().check(sql`verdict in ('accepted', 'edited', 'rejected')`),
      )
      .addColumn('edit_ratio', 'real', (c) => c.check(sql`edit_ratio between 0 and 1`))
      .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('ai_draft_measures_pk', ['task_id', 'field'])
      .execute()
    await db.schema
      .createIndex('ai_draft_measures_team_idx')
      .on('ai_draft_measures')
      .columns(['team_id', 'run_created_at'])
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('ai_draft_measures').execute()
    await db.schema.dropTable('task_measures').execute()
  },
}
