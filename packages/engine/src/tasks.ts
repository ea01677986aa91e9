import { ApplicationFailure } from '@temporalio/common'
import type { TaskForm } from './control/schemas.js'
import type { LocalizedText } from './i18n.js'
import type { NewTask, TaskActivities, TaskChange } from './workflows/types.js'

export type { NewTask, TaskActivities, TaskChange } from './workflows/types.js'

/** Status of a human task in the store. */
export type TaskStatus = 'open' | 'completed' | 'expired' | 'cancelled'

/** A human task as the store holds it. */
export interface StoredTask {
  id: string
  workflowId: string
  runId: string
  flowId: string
  flowVersion: number
  nodeId: string
  teamId: string | null
  role: string
  assignee: string | null
  title: LocalizedText
  form: TaskForm
  data: Record<string, unknown>
  status: TaskStatus
  /** `approved`, `rejected` or `expired`, with the decision's fields, reason and user. */
  outcome: Record<string, unknown> | null
  deadline: Date | null
  fourEyes: boolean
  startedBy: string | null
  createdAt: Date
  updatedAt: Date
}

/**
 * Where human tasks live. The engine only depends on this interface; the API package has the
 * PostgreSQL implementation. Every method must be idempotent: activities are retried, so the
 * same call may arrive twice.
 */
export interface TaskStore {
  /** Creates the task, or returns the one that already exists for `workflowId` + `nodeId`. */
  createTask(task: NewTask): Promise<StoredTask>
  /**
   * Applies a change (completion, reminder, escalation, expiry, cancellation) and records it as
   * an event. A change whose `eventKey` was already recorded does nothing.
   */
  applyChange(change: TaskChange): Promise<void>
}

/** Raised when a worker runs a human task without a task store configured. */
function noStore(): never {
  throw ApplicationFailure.create({
    type: 'tasks.no_store',
    message: 'This worker has no task store (DATABASE_URL is not set), so it cannot run human tasks',
    nonRetryable: false,
  })
}

/**
 * The activities through which the interpreter writes human tasks to a {@link TaskStore}.
 * Register them on the worker next to `createActivities`.
 *
 * @example
 * const activities = createTaskActivities(store) // createActivities({ registry, tasks: store }) includes these
 */
export function createTaskActivities(store: TaskStore | undefined): TaskActivities {
  return {
    async createHumanTask(task) {
      if (!store) noStore()
      const stored = await store.createTask(task)
      return { id: stored.id }
    },
    async applyTaskChange(change) {
      if (!store) noStore()
      await store.applyChange(change)
    },
  }
}
