import { randomUUID } from 'node:crypto'
import { createRoute, z } from '@hono/zod-openapi'
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client'
import { ApplicationFailure } from '@temporalio/common'
import { completeTaskUpdateName, type StoredTask } from '@warmflow/engine'
import { recordActivity, recordTaskClaimed, recordTaskOpened } from '@warmflow/store'
import { sql } from 'kysely'
import { audit } from '../audit.js'
import { roleSchema } from '../auth/roles.js'
import type { Viewer } from '../auth/users.js'
import { authorize, ensureTeamAccess, visibleTeams } from '../context.js'
import type { WiredDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { mayTakeOver, mayWork } from '../tasks/access.js'
import { taskError, taskNotFound } from '../tasks/messages.js'
import {
  afterCursor,
  cursorColumn,
  decodeCursor,
  pageOf,
  pageQuerySchema,
  pageResponse,
} from './pagination.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'
import { candidateSchema, taskSchema, taskSummarySchema, toTaskSummary } from './task-schemas.js'

const views = ['team', 'mine', 'unassigned', 'due_soon', 'overdue'] as const

/** How long a decision waits for the run to take it before the person gets a 503 (ms). */
export const defaultDecisionTimeoutMs = 20_000

/** `/api/v1/tasks`: the inbox — list, read, claim, hand over and decide human tasks. */
export function taskRoutes(deps: WiredDeps) {
  const app = createRouter()
  const { db } = deps
  const store = deps.stores.taskStore
  const decisionTimeoutMs = deps.tasks?.decisionTimeoutMs ?? defaultDecisionTimeoutMs

  async function load(viewer: Viewer, id: string): Promise<StoredTask> {
    if (!isUuid(id)) throw taskNotFound
    const task = await store.getTask(id)
    if (!task?.teamId) throw taskNotFound
    ensureTeamAccess(viewer, task.teamId, taskNotFound)
    if (!mayWork(viewer, task)) throw taskNotFound
    return task
  }

  async function detail(task: StoredTask) {
    const events = await store.listEvents(task.id)
    // The team sees who has the task by name (never the e-mail address).
    const assignee = task.assignee
      ? await db.selectFrom('users').select('name').where('id', '=', task.assignee).executeTakeFirst()
      : undefined
    // The history names who did what; one query for everyone it mentions (names, never e-mail).
    const idOf = (value: unknown) => (typeof value === 'string' && isUuid(value) ? value : undefined)
    const byId = (data: Record<string, unknown>) => idOf(data.userId) ?? idOf(data.from)
    const mentioned = [...new Set(events.flatMap((e) => [byId(e.data), idOf(e.data.to)]))].filter(
      (id): id is string => id !== undefined,
    )
    const names = new Map(
      mentioned.length === 0
        ? []
        : (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', mentioned).execute()).map(
            (u) => [u.id, u.name] as const,
          ),
    )
    const flow = await db.selectFrom('flows').select('name').where('id', '=', task.flowId).executeTakeFirst()
    return {
      ...toTaskSummary(task),
      form: task.form,
      data: task.data,
      outcome: task.outcome,
      history: events.map((e) => {
        const by = names.get(byId(e.data) ?? '')
        const to = names.get(idOf(e.data.to) ?? '')
        return {
          type: e.type,
          data: e.data,
          at: new Date(e.createdAt).toISOString(),
          ...(by ? { byName: by } : {}),
          ...(to ? { toName: to } : {}),
        }
      }),
      ...(flow ? { flowName: flow.name } : {}),
      ...(assignee ? { assigneeName: assignee.name } : {}),
    }
  }

  async function recordEvent(taskId: string, type: string, data: Record<string, unknown>) {
    await db
      .insertInto('task_events')
      .values({ task_id: taskId, event_key: `${type}:${randomUUID()}`, type, data: JSON.stringify(data) })
      .execute()
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "The inbox: my tasks, my team's, unassigned, due soon or overdue",
      request: {
        query: pageQuerySchema.extend({
          view: z.enum(views).default('team'),
          status: z.enum(['open', 'completed', 'expired', 'cancelled']).default('open'),
          teamId: z.string().uuid().optional(),
          dueWithinHours: z.coerce
            .number()
            .int()
            .min(1)
            .max(24 * 30)
            .default(24),
        }),
      },
      responses: {
        200: pageResponse(taskSummarySchema, 'Tasks'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'task:work')
      const query = c.req.valid('query')
      const cursor = decodeCursor(query.cursor)
      const teams = visibleTeams(viewer, query.teamId)
      if (teams.length === 0) return c.json({ items: [], nextCursor: null }, 200)
      // The summary's columns only: the list never reads (or decrypts) a task's data.
      let builder = db
        .selectFrom('tasks')
        .select([
          'id',
          'run_id',
          'flow_id',
          'node_id',
          'team_id',
          'role',
          'assignee',
          'title',
          'status',
          'deadline',
          'four_eyes',
          'created_at',
          'updated_at',
        ])
        .select(cursorColumn('tasks'))
        .where('team_id', 'in', teams)
        .where('status', '=', query.status)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
      if (cursor) builder = builder.where(afterCursor(cursor, 'tasks'))
      if (query.view === 'mine') builder = builder.where('assignee', '=', viewer.id)
      if (query.view === 'unassigned') builder = builder.where('assignee', 'is', null)
      if (query.view === 'overdue') builder = builder.where('deadline', '<', sql<Date>`now()`)
      if (query.view === 'due_soon') {
        builder = builder
          .where('deadline', '>=', sql<Date>`now()`)
          .where('deadline', '<', sql<Date>`now() + make_interval(hours => ${query.dueWithinHours})`)
      }
      if (!viewer.roles.includes('admin')) {
        const ownRoles = viewer.roles as string[]
        const knownRoles = roleSchema.options as readonly string[]
        builder = builder.where((eb) =>
          eb.or([eb('role', 'in', ownRoles), eb('role', 'not in', [...knownRoles])]),
        )
      }
      const { rows, nextCursor } = pageOf(await builder.execute(), query.limit)
      const items = rows.map((r) =>
        toTaskSummary({
          id: r.id,
          runId: r.run_id,
          flowId: r.flow_id,
          nodeId: r.node_id,
          teamId: r.team_id,
          role: r.role,
          assignee: r.assignee,
          title: r.title,
          status: r.status,
          deadline: r.deadline,
          fourEyes: r.four_eyes,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        }),
      )
      return c.json({ items, nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'Read a task: what to check, the form, and its history (the read is audited)',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: taskSchema } }, description: 'The task' },
        404: problemResponse('No such task'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'task:work')
      const task = await load(viewer, c.req.valid('param').id)
      await audit(db, c, {
        action: 'task.read',
        objectType: 'task',
        objectId: task.id,
        teamId: task.teamId,
        details: { runId: task.runId },
      })
      if (task.status === 'open') await recordTaskOpened(db, task.id, new Date())
      return c.json(await detail(task), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/activity',
      summary:
        'Activity beat while a task is open in a visible, used tab; feeds the handling time of the impact report',
      request: { params: uuidParam },
      responses: {
        204: { description: 'Counted (a beat on a closed task changes nothing)' },
        404: problemResponse('No such task'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'task:work')
      const task = await load(viewer, c.req.valid('param').id)
      if (task.status === 'open') await recordActivity(db, task.id, new Date())
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/claim',
      summary: 'Claim an unassigned task',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: taskSchema } }, description: 'Claimed' },
        404: problemResponse('No such task'),
        409: problemResponse('Closed, or claimed by someone else'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'task:work')
      const task = await load(viewer, c.req.valid('param').id)
      const updated = await db
        .updateTable('tasks')
        .set({ assignee: viewer.id, updated_at: new Date() })
        .where('id', '=', task.id)
        .where('status', '=', 'open')
        .where((eb) => eb.or([eb('assignee', 'is', null), eb('assignee', '=', viewer.id)]))
        .returning('id')
        .executeTakeFirst()
      if (!updated) {
        throw taskError('notClaimable')
      }
      await recordEvent(task.id, 'claimed', { userId: viewer.id })
      await recordTaskClaimed(db, task.id, new Date())
      await audit(db, c, {
        action: 'task.claim',
        objectType: 'task',
        objectId: task.id,
        teamId: task.teamId,
        details: { runId: task.runId },
      })
      return c.json(await detail((await store.getTask(task.id)) as StoredTask), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/unclaim',
      summary: 'Give a claimed task back to the team',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: taskSchema } }, description: 'Unassigned' },
        404: problemResponse('No such task'),
        409: problemResponse('Not yours, or closed'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'task:work')
      const task = await load(viewer, c.req.valid('param').id)
      let builder = db
        .updateTable('tasks')
        .set({ assignee: null, updated_at: new Date() })
        .where('id', '=', task.id)
        .where('status', '=', 'open')
      if (!viewer.roles.includes('admin')) builder = builder.where('assignee', '=', viewer.id)
      const updated = await builder.returning('id').executeTakeFirst()
      if (!updated) {
        throw taskError('notYours')
      }
      await recordEvent(task.id, 'unclaimed', { userId: viewer.id })
      await audit(db, c, {
        action: 'task.unclaim',
        objectType: 'task',
        objectId: task.id,
        teamId: task.teamId,
        details: { runId: task.runId },
      })
      return c.json(await detail((await store.getTask(task.id)) as StoredTask), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/candidates',
      summary:
        'The colleagues the task can be handed over to: active members of its team who may do it (e-mail for admins only)',
      request: { params: uuidParam },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ items: z.array(candidateSchema) }) } },
          description: 'The colleagues, by name',
        },
        404: problemResponse('No such task'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'task:work')
      const task = await load(viewer, c.req.valid('param').id)
      const members = await db
        .selectFrom('users')
        .innerJoin('team_members', 'team_members.user_id', 'users.id')
        .select(['users.id', 'users.name', 'users.email', 'users.roles'])
        .where('team_members.team_id', '=', task.teamId as string)
        .where('users.disabled_at', 'is', null)
        .where('users.id', '!=', viewer.id)
        .orderBy('users.name')
        .orderBy('users.id')
        .execute()
      const showEmail = viewer.roles.includes('admin')
      const items = members
        .filter((member) => member.id !== task.assignee && mayTakeOver(member.roles, task))
        .map((member) => ({
          id: member.id,
          name: member.name,
          ...(showEmail ? { email: member.email } : {}),
        }))
      return c.json({ items }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/assign',
      summary: 'Hand a task over to a colleague in the same team',
      request: {
        params: uuidParam,
        body: {
          required: true,
          content: { 'application/json': { schema: z.strictObject({ userId: z.string().uuid() }) } },
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: taskSchema } }, description: 'Handed over' },
        400: problemResponse('The colleague cannot take this task'),
        404: problemResponse('No such task'),
        409: problemResponse('Not yours, or closed'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'task:work')
      const task = await load(viewer, c.req.valid('param').id)
      const { userId } = c.req.valid('json')
      const colleague = await db
        .selectFrom('users')
        .innerJoin('team_members', 'team_members.user_id', 'users.id')
        .select(['users.id', 'users.roles'])
        .where('users.id', '=', userId)
        .where('team_members.team_id', '=', task.teamId as string)
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst()
      if (!colleague || !mayTakeOver(colleague.roles, task)) {
        throw taskError('invalidAssignee')
      }
      let builder = db
        .updateTable('tasks')
        .set({ assignee: userId, updated_at: new Date() })
        .where('id', '=', task.id)
        .where('status', '=', 'open')
      if (!viewer.roles.includes('admin')) {
        builder = builder.where((eb) => eb.or([eb('assignee', '=', viewer.id), eb('assignee', 'is', null)]))
      }
      const updated = await builder.returning('id').executeTakeFirst()
      if (!updated) {
        throw taskError('notYours')
      }
      await recordEvent(task.id, 'handed_over', { from: viewer.id, to: userId })
      await audit(db, c, {
        action: 'task.assign',
        objectType: 'task',
        objectId: task.id,
        teamId: task.teamId,
        details: { to: userId, runId: task.runId },
      })
      return c.json(await detail((await store.getTask(task.id)) as StoredTask), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/complete',
      summary: 'Approve or reject a task, with a reason and edited fields; exactly one decision counts',
      request: {
        params: uuidParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({
                decision: z.enum(['approve', 'reject']),
                reason: z.string().max(4000).optional(),
                fields: z.record(z.string(), z.unknown()).default({}),
              }),
            },
          },
        },
      },
      responses: {
        200: {
          content: { 'application/json': { schema: taskSchema } },
          description: 'Decided; the new state',
        },
        400: problemResponse('Fields do not fit the form'),
        403: problemResponse('Four eyes: the starter of the run may not decide'),
        404: problemResponse('No such task'),
        409: problemResponse('Already decided, or assigned to someone else'),
        503: problemResponse('The run did not take the decision in time (its worker is gone or stuck)'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'task:work')
      const task = await load(viewer, c.req.valid('param').id)
      const body = c.req.valid('json')
      if (task.status !== 'open') {
        throw taskError('notOpen')
      }
      if (task.assignee !== null && task.assignee !== viewer.id) {
        throw taskError('assignedToOther')
      }
      if (task.fourEyes && task.startedBy === viewer.id) {
        await audit(db, c, {
          action: 'task.four_eyes_refused',
          objectType: 'task',
          objectId: task.id,
          teamId: task.teamId,
          details: { runId: task.runId },
        })
        throw taskError('fourEyes')
      }
      // The decision's audit line: who decided what on which run, delivered or not.
      const auditDecision = (action: string) =>
        audit(db, c, {
          action,
          objectType: 'task',
          objectId: task.id,
          teamId: task.teamId,
          details: { decision: body.decision, runId: task.runId },
        })
      try {
        // Bounded: a run whose worker is gone or cannot replay it never takes the update, and
        // the person gets an answer instead of a request that never ends.
        await deps.temporal.client.withDeadline(Date.now() + decisionTimeoutMs, () =>
          deps.temporal.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdateName, {
            args: [
              {
                taskId: task.id,
                decision: body.decision,
                fields: body.fields,
                ...(body.reason === undefined ? {} : { reason: body.reason }),
                userId: viewer.id,
              },
            ],
          }),
        )
      } catch (error) {
        if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
          // Temporal may still deliver it once the run's worker is back: who tried what is kept.
          await auditDecision('task.decision_not_delivered')
          throw taskError('notDelivered')
        }
        const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined
        const type = cause instanceof ApplicationFailure ? cause.type : undefined
        if (type === 'task.four_eyes') throw taskError('fourEyes')
        if (type === 'task.invalid_fields' || type?.startsWith('task.invalid')) {
          const problems =
            ((cause as ApplicationFailure).details?.[0] as { problems?: string[] } | undefined)?.problems ??
            []
          throw taskError(
            'invalidFields',
            problems.map((p) => ({ code: 'task.invalid_field', message: { nl: p, en: p } })),
          )
        }
        if (
          type === 'task.not_open' ||
          type === 'task.unknown' ||
          error instanceof WorkflowUpdateFailedError ||
          (error as { name?: string }).name === 'WorkflowNotFoundError'
        ) {
          throw taskError('notOpen')
        }
        throw error
      }
      await auditDecision('task.complete')
      return c.json(await detail((await store.getTask(task.id)) as StoredTask), 200)
    },
  )

  return app
}
