import { ApplicationFailure } from '@temporalio/common'
import {
  createSealer,
  hasRunKey,
  type NewTask,
  PayloadCodecError,
  type RunKeyStore,
  runKeyId,
  type StoredTask,
  type TaskChange,
  type TaskStore,
} from '@warmflow/engine'
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

/** Options for {@link createPostgresTaskStore}. */
export interface TaskStoreOptions {
  /**
   * Each run's own data key: with it, a task's data (what staff see, AI drafts included) is
   * stored sealed with its run's key, so erasing the run makes it unreadable in a backup too.
   * A store without it cannot read such data (`codec.no_run_keys`).
   */
  runKeys?: RunKeyStore | undefined
}

/** How sealed task data is stored in the `data` column. */
interface SealedTaskData {
  $sealed: typeof runKeyId
  /** The workflow whose key sealed it. */
  workflowId: string
  /** Nonce, ciphertext and tag, base64. */
  data: string
}

function isSealed(value: unknown): value is SealedTaskData {
  const v = value as Partial<SealedTaskData> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    v.$sealed === runKeyId &&
    typeof v.workflowId === 'string' &&
    typeof v.data === 'string'
  )
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const sealContext = (workflowId: string, nodeId: string) => `tasks:${workflowId}/${nodeId}`

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
export function createPostgresTaskStore(
  db: Kysely<Database>,
  options: TaskStoreOptions = {},
): PostgresTaskStore {
  const { runKeys } = options
  // The data column as stored: sealed with the run's key when there is one.
  const sealData = async (task: NewTask): Promise<string> => {
    const json = JSON.stringify(task.data)
    if (!runKeys || !hasRunKey(task.workflowId)) return json
    const key = await runKeys.obtain(task.workflowId)
    if (!key) {
      throw new PayloadCodecError('codec.run_erased', "The run's data key was destroyed: it was erased", {
        text: {
          nl: 'De gegevens van deze run zijn gewist.',
          en: "This run's data was erased.",
        },
      })
    }
    const sealed = createSealer([{ id: runKeyId, key }]).seal(
      encoder.encode(json),
      sealContext(task.workflowId, task.nodeId),
    )
    const envelope: SealedTaskData = {
      $sealed: runKeyId,
      workflowId: task.workflowId,
      data: Buffer.from(sealed.data).toString('base64'),
    }
    return JSON.stringify(envelope)
  }
  // The data as staff see it: opened with the run's key; empty once the key is destroyed (the
  // person was erased). A store without run keys cannot read it: a configuration error.
  const openData = async (row: Selectable<TasksTable>): Promise<Record<string, unknown>> => {
    if (!isSealed(row.data)) return row.data
    if (!runKeys) {
      throw new PayloadCodecError(
        'codec.no_run_keys',
        "Task data is sealed with its run's key, but this task store has no run keys",
        {
          text: {
            nl: 'De gegevens van deze taak zijn versleuteld met de sleutel van de run, maar dit proces kan die sleutels niet lezen.',
            en: "This task's data is encrypted with its run's key, but this process cannot read run keys.",
          },
        },
      )
    }
    const key = await runKeys.find(row.data.workflowId)
    if (!key) return {}
    const plain = createSealer([{ id: runKeyId, key }]).open(
      { keyId: runKeyId, data: Buffer.from(row.data.data, 'base64') },
      sealContext(row.data.workflowId, row.node_id),
    )
    return JSON.parse(decoder.decode(plain)) as Record<string, unknown>
  }
  const open = async (row: Selectable<TasksTable>): Promise<StoredTask> => ({
    ...toTask(row),
    data: await openData(row),
  })
  const store: PostgresTaskStore = {
    async createTask(task: NewTask) {
      const data = await sealData(task)
      const made = await db.transaction().execute(async (trx) => {
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
            data,
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
          return inserted
        }
        return trx
          .selectFrom('tasks')
          .selectAll()
          .where('workflow_id', '=', task.workflowId)
          .where('node_id', '=', task.nodeId)
          .executeTakeFirstOrThrow()
      })
      return open(made)
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
        // The AI drafts of a decision are measured against the data as staff saw it.
        const taskData =
          change.kind === 'completed'
            ? await trx
                .selectFrom('tasks')
                .selectAll()
                .where('id', '=', taskId)
                .executeTakeFirst()
                .then((row) => (row ? openData(row) : undefined))
            : undefined
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
              ...(taskData ? { taskData } : {}),
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
      return row ? open(row) : undefined
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
      return Promise.all(rows.map(open))
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
