import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

/**
 * Indexes for the inbox (`GET /api/v1/tasks`), which lists a team's tasks of one status newest
 * first, a page at a time. With only `(team_id, status)` PostgreSQL read every open task of the
 * team (or every task) and sorted them for each page and each count, so a list grew slower with
 * every task ever made; with 10,000 open tasks each request read all 10,000.
 *   - `tasks_inbox_idx`: a team's tasks of one status in the list's own order, so a page reads
 *     only its rows (and the cursor continues in the same index). It starts with
 *     `(team_id, status)`, so it replaces `tasks_team_status_idx`.
 *   - `tasks_assignee_idx`: "my tasks", a person's tasks of one status, newest first.
 *   - `tasks_open_deadline_idx`: "due soon" and "overdue", open tasks by deadline; only open
 *     tasks with a deadline are in it, so it stays small.
 */
export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index tasks_inbox_idx on tasks (team_id, status, created_at desc, id desc)`.execute(db)
    await sql`create index tasks_assignee_idx on tasks (assignee, status, created_at desc, id desc) where assignee is not null`.execute(
      db,
    )
    await sql`create index tasks_open_deadline_idx on tasks (team_id, deadline) where status = 'open' and deadline is not null`.execute(
      db,
    )
    await db.schema.dropIndex('tasks_team_status_idx').execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.createIndex('tasks_team_status_idx').on('tasks').columns(['team_id', 'status']).execute()
    await db.schema.dropIndex('tasks_open_deadline_idx').execute()
    await db.schema.dropIndex('tasks_assignee_idx').execute()
    await db.schema.dropIndex('tasks_inbox_idx').execute()
  },
}
