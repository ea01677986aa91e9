import { z } from '@hono/zod-openapi'
import { formFieldSchema, type StoredTask } from '@warmflow/engine'

const localized = z.object({ nl: z.string(), en: z.string() })

/** A task in a list or an event stream. */
export const taskSummarySchema = z
  .object({
    id: z.string(),
    runId: z.string(),
    flowId: z.string(),
    nodeId: z.string(),
    teamId: z.string().nullable(),
    role: z.string(),
    assignee: z.string().nullable(),
    title: localized,
    status: z.enum(['open', 'completed', 'expired', 'cancelled']),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
    fourEyes: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('TaskSummary')

/** A task with its form, data, outcome and history. */
export const taskSchema = taskSummarySchema
  .extend({
    form: z.object({
      fields: z
        .record(z.string(), formFieldSchema)
        .openapi({ description: 'The fields the approver may edit' }),
    }),
    data: z.record(z.string(), z.unknown()),
    outcome: z.record(z.string(), z.unknown()).nullable(),
    history: z.array(
      z.object({
        type: z.string(),
        data: z.record(z.string(), z.unknown()),
        at: z.string(),
        byName: z
          .string()
          .optional()
          .openapi({ description: 'Who did it (claimed, handed over or decided), by name' }),
        toName: z.string().optional().openapi({ description: 'Who a hand-over went to, by name' }),
      }),
    ),
    flowName: z.string().optional().openapi({ description: 'The name of the flow the task belongs to' }),
    assigneeName: z
      .string()
      .optional()
      .openapi({ description: 'The name of the team member who has the task (absent when nobody has it)' }),
  })
  .openapi('Task')

/** The list shape of a task. */
/** What the list shape is made of: a task without its form, data and outcome. */
export type TaskSummarySource = Pick<
  StoredTask,
  | 'id'
  | 'runId'
  | 'flowId'
  | 'nodeId'
  | 'teamId'
  | 'role'
  | 'assignee'
  | 'title'
  | 'status'
  | 'deadline'
  | 'fourEyes'
  | 'createdAt'
  | 'updatedAt'
>

export const toTaskSummary = (task: TaskSummarySource) => ({
  id: task.id,
  runId: task.runId,
  flowId: task.flowId,
  nodeId: task.nodeId,
  teamId: task.teamId,
  role: task.role,
  assignee: task.assignee,
  title: task.title,
  status: task.status,
  deadline: task.deadline ? new Date(task.deadline).toISOString() : null,
  overdue: task.status === 'open' && task.deadline !== null && new Date(task.deadline).getTime() < Date.now(),
  fourEyes: task.fourEyes,
  createdAt: new Date(task.createdAt).toISOString(),
  updatedAt: new Date(task.updatedAt).toISOString(),
})

/** A colleague a task can be handed over to. */
export const candidateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().optional().openapi({ description: 'Only for admins' }),
  })
  .openapi('TaskCandidate')
