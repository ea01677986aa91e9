import { ApplicationFailure } from '@temporalio/common'
import type { NewTask, StoredTask, TaskChange, TaskStore } from '@warmflow/engine'
import { type Kysely, type Selectable, sql } from 'kysely'
import type { Database, TasksTable } from '../db/schema.js'
import { recordTaskDecision } from '../impact/measure.js'

/** Filter for {@link PostgresTaskStore.listTasks}. */
export interface TaskListFilter {
  teamId?: string
  role?: string
  status?: StoredTask['status']
  runId?: string
  /** At most this many, newest first (default 100, max 1000). */
  limit?: number
}

/** One recorded change of a task. */
export interface TaskEvent {
  eventKey: string
  type: string
  data: Record<string, unknown>
  createdAt: Date
}

/** The PostgreSQL task store: what the engine needs, plus reads for the inbox. */
export interface PostgresTaskStore extends TaskStore {
  getTask(id: string): Promise<StoredTask | undefined>
  listTasks(filter?: TaskListFilter): Promise<StoredTask[]>
  listEvents(taskId: string): Promise<TaskEvent[]>
}

function toTask(row: Selectable<TasksTable>): StoredTask {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    runId: row.run_id,
    flowId: row.flow_id,
    flowVersion: row.flow_version,
    nodeId: row.node_id,
    teamId: row.team_id,
    role: row.role,
    assignee: row.assignee,
    title: row.title,
    form: row.form as StoredTask['form'],
    data: row.data,
    status: row.status,
    outcome: row.outcome,
    deadline: row.deadline,
    fourEyes: row.four_eyes,
    startedBy: row.started_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/**
 * PostgreSQL's answers for text it can never store (`\u0000`, an unpaired surrogate, bytes that
 * are not UTF-8): trying again cannot help.
 */
const unstorableCodes = new Set(['22P02', '22P05', '22021'])

/**
 * Turns a refusal of the data itself into a non-retryable failure, so the activity fails once
 * instead of retrying forever; its message names the kind, never the data (PostgreSQL's own
 * message quotes the fragment).
 */
function refuseUnstorable(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && unstorableCodes.has(code)) {
    throw ApplicationFailure.create({
      type: 'task.unstorable_data',
      message: `The task data holds characters PostgreSQL cannot store (SQLSTATE ${code}), such as \\u0000 or an unpaired surrogate`,
      nonRetryable: true,
      details: [
        {
          text: {
            nl: 'De gegevens van de taak bevatten tekens die niet opgeslagen kunnen worden (zoals \\u0000).',
            en: 'The task data holds characters that cannot be stored (such as \\u0000).',
          },
        },
      ],
    })
  }
  throw error
}

/**
 * Human tasks in PostgreSQL. Creation is idempotent on workflow id + node id; every change is
 * recorded in `task_events` once per event key, a change that was already recorded does nothing,
 * and changes to a task that is no longer open are ignored, so the interpreter's activities may
 * safely be retried.
 *
 * @example
 * const store = createPostgresTaskStore(db)
 * const worker = await createWarmflowWorker({ ..., taskStore: store })
 */
export function createPostgresTaskStore(db: Kysely<Database>): PostgresTaskStore {
  const store: PostgresTaskStore = {
    async createTask(task: NewTask) {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('tasks')
          .values({
            id: task.id,
            workflow_id: task.workflowId,
            run_id: task.runId,
            flow_id: task.flowId,
            flow_version: task.flowVersion,
            node_id: task.nodeId,
            team_id: task.teamId,
            role: task.role,
            assignee: null,
            title: JSON.stringify(task.title),
            form: JSON.stringify(task.form),
            data: JSON.stringify(task.data),
            status: 'open',
            deadline: task.deadline,
            four_eyes: task.fourEyes,
            started_by: task.startedBy,
          })
          .onConflict((oc) => oc.columns(['workflow_id', 'node_id']).doNothing())
          .returningAll()
          .executeTakeFirst()
        if (inserted) {
          await trx
            .insertInto('task_events')
            .values({
              task_id: inserted.id,
              event_key: 'created',
              type: 'created',
              data: JSON.stringify({ teamId: task.teamId, role: task.role, deadline: task.deadline }),
            })
            .execute()
          return toTask(inserted)
        }
        const existing = await trx
          .selectFrom('tasks')
          .selectAll()
          .where('workflow_id', '=', task.workflowId)
          .where('node_id', '=', task.nodeId)
          .executeTakeFirstOrThrow()
        return toTask(existing)
      })
    },

    async applyChange(change: TaskChange) {
      await db.transaction().execute(async (trx) => {
        const { kind, taskId, eventKey, ...data } = change
        // Every change applies to open tasks only; the row lock orders concurrent changes.
        const current = await trx
          .selectFrom('tasks')
          .select('status')
          .where('id', '=', taskId)
          .forUpdate()
          .executeTakeFirst()
        if (current?.status !== 'open') return
        const event = await trx
          .insertInto('task_events')
          .values({ task_id: taskId, event_key: eventKey, type: kind, data: JSON.stringify(data) })
          .onConflict((oc) => oc.columns(['task_id', 'event_key']).doNothing())
          .returning('id')
          .executeTakeFirst()
        if (!event) return
        const open = trx.updateTable('tasks').where('id', '=', taskId).where('status', '=', 'open')
        const now = sql<Date>`now()`
        switch (change.kind) {
          case 'completed':
            await open
              .set({
                status: 'completed',
                outcome: JSON.stringify({
                  decision: change.decision,
                  fields: change.fields,
                  ...(change.reason === undefined ? {} : { reason: change.reason }),
                  userId: change.userId,
                }),
                assignee: change.userId,
                updated_at: now,
                closed_at: now,
              })
              .execute()
            await recordTaskDecision(trx, {
              taskId,
              decision: change.decision,
              fields: change.fields,
              userId: change.userId,
              at: new Date(),
            })
            return
          case 'escalated':
            await open
              .set({
                team_id: change.teamId,
                role: change.role,
                deadline: change.deadline,
                assignee: null,
                updated_at: now,
              })
              .execute()
            return
          case 'expired':
            await open
              .set({
                status: 'expired',
                outcome: JSON.stringify({ decision: 'expired' }),
                updated_at: now,
                closed_at: now,
              })
              .execute()
            return
          case 'cancelled':
            await open.set({ status: 'cancelled', updated_at: now, closed_at: now }).execute()
            return
          case 'reminded':
            await trx.updateTable('tasks').set({ updated_at: now }).where('id', '=', taskId).execute()
            return
        }
      })
    },

    async getTask(id) {
      const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? toTask(row) : undefined
    },

    async listTasks(filter = {}) {
      let query = db.selectFrom('tasks').selectAll()
      if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId)
      if (filter.role !== undefined) query = query.where('role', '=', filter.role)
      if (filter.status !== undefined) query = query.where('status', '=', filter.status)
      if (filter.runId !== undefined) query = query.where('run_id', '=', filter.runId)
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000))
        .execute()
      return rows.map(toTask)
    },

    async listEvents(taskId) {
      const rows = await db
        .selectFrom('task_events')
        .select(['event_key', 'type', 'data', 'created_at'])
        .where('task_id', '=', taskId)
        .orderBy('id')
        .execute()
      return rows.map((r) => ({ eventKey: r.event_key, type: r.type, data: r.data, createdAt: r.created_at }))
    },
  }
  return {
    ...store,
    createTask: (task) => store.createTask(task).catch(refuseUnstorable),
    applyChange: (change) => store.applyChange(change).catch(refuseUnstorable),
  }
}
