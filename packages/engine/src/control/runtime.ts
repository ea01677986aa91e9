// Pure helpers the interpreter workflow uses for control nodes. No zod and no Node built-ins:
// this file is bundled into Temporal's deterministic workflow sandbox.
import type { LocalizedText } from '../i18n.js'
import type { CompleteTaskArgs, Duration, FormField, TaskForm } from './schemas.js'

/** Node types the engine runs itself, inside the workflow (all version 1). */
export const controlNodeTypes = {
  condition: 'condition',
  switch: 'switch',
  merge: 'merge',
  wait: 'wait',
  humanTask: 'human.task',
  respond: 'respond',
} as const

/** Name of the Temporal update that waits for a run's answer: its `respond` node, or its end. */
export const awaitResponseUpdateName = 'awaitResponse'

/** What `awaitResponse` gives: the answer a `respond` node set, or how the run ended. */
export type RunResponse =
  | { status: 'responded' | 'completed'; output: unknown }
  | { status: 'failed' | 'cancelled'; error: { code: string; message: string } }

/** Name of the Temporal update that completes a human task. */
export const completeTaskUpdateName = 'completeTask'

/** How a human task ended; also the id of the port it leaves through. */
export type TaskDecision = 'approved' | 'rejected' | 'expired'

/** What a human task node outputs, and what the `completeTask` update returns. */
export interface TaskOutcome {
  taskId: string
  decision: TaskDecision
  /** The form values the approver gave (empty when expired). */
  fields: Record<string, unknown>
  reason?: string
  /** Who decided; absent when the task expired. */
  userId?: string
  /** ISO time of the decision (workflow time). */
  decidedAt: string
}

/** A reason a `completeTask` update was refused. */
export interface TaskCompletionProblem {
  code: 'task.invalid_request' | 'task.unknown' | 'task.not_open' | 'task.four_eyes' | 'task.invalid_fields'
  message: LocalizedText
}

/**
 * Milliseconds of a {@link Duration}.
 *
 * @example
 * durationToMs({ minutes: 2 }) // 120000
 */
export function durationToMs(duration: Duration): number {
  return Math.round(
    ((duration.days ?? 0) * 86_400 +
      (duration.hours ?? 0) * 3600 +
      (duration.minutes ?? 0) * 60 +
      (duration.seconds ?? 0)) *
      1000,
  )
}

/**
 * JSONata's notion of true-ish (`$boolean`): empty strings, zero, empty arrays and objects,
 * null and undefined are false.
 *
 * @example
 * truthy('ja') // true
 */
export function truthy(value: unknown): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value)
  if (typeof value === 'string') return value.length > 0
  if (Array.isArray(value)) return value.some(truthy)
  if (typeof value === 'object') return Object.keys(value).length > 0
  return false
}

function fieldProblem(name: string, field: FormField, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') {
    return field.required ? `${name} is required` : undefined
  }
  switch (field.type) {
    case 'string':
    case 'text':
      if (typeof value !== 'string') return `${name} must be text`
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        return `${name} is longer than ${field.maxLength}`
      }
      return undefined
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a number`
      if (field.type === 'integer' && !Number.isInteger(value)) return `${name} must be a whole number`
      if (field.minimum !== undefined && value < field.minimum) return `${name} is below ${field.minimum}`
      if (field.maximum !== undefined && value > field.maximum) return `${name} is above ${field.maximum}`
      return undefined
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${name} must be true or false`
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value)
        ? undefined
        : `${name} must be a date (YYYY-MM-DD)`
    case 'enum':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? undefined
        : `${name} must be one of ${(field.options ?? []).join(', ')}`
  }
}

/**
 * Checks form values against a task form: only declared fields, right types, required ones
 * present (unless `requireRequired` is false, e.g. for a rejection). Returns the problems (empty when the values are fine). Deterministic, so the workflow's
 * update validator and the API can both use it.
 *
 * @example
 * checkFormValues({ fields: { hours: { type: 'integer', title, required: true } } }, { hours: 4 }) // []
 */
export function checkFormValues(
  form: Partial<TaskForm> | undefined,
  values: Record<string, unknown>,
  options: { requireRequired?: boolean } = {},
): string[] {
  const fields = form?.fields ?? {}
  const problems: string[] = []
  for (const name of Object.keys(values)) {
    if (!Object.hasOwn(fields, name)) problems.push(`${name} is not a field of this form`)
  }
  for (const [name, field] of Object.entries(fields)) {
    const required = (field.required ?? false) && options.requireRequired !== false
    const problem = fieldProblem(name, { ...field, required }, values[name])
    if (problem) problems.push(problem)
  }
  return problems
}

/**
 * Checks the shape of a `completeTask` argument without zod (the workflow sandbox stays small).
 * Returns a problem or undefined.
 */
export function checkCompleteTaskArgs(args: unknown): TaskCompletionProblem | undefined {
  const invalid = (what: string): TaskCompletionProblem => ({
    code: 'task.invalid_request',
    message: {
      nl: `De afronding van de taak klopt niet: ${what}.`,
      en: `The task completion is not valid: ${what}.`,
    },
  })
  if (typeof args !== 'object' || args === null) return invalid('no data')
  const a = args as Partial<Record<keyof CompleteTaskArgs, unknown>>
  if (typeof a.taskId !== 'string' || a.taskId.length === 0) return invalid('taskId')
  if (a.decision !== 'approve' && a.decision !== 'reject') return invalid('decision (approve or reject)')
  if (typeof a.userId !== 'string' || a.userId.length === 0 || a.userId.length > 200) return invalid('userId')
  if (
    a.fields !== undefined &&
    (typeof a.fields !== 'object' || a.fields === null || Array.isArray(a.fields))
  ) {
    return invalid('fields')
  }
  if (a.reason !== undefined && (typeof a.reason !== 'string' || a.reason.length > 4000))
    return invalid('reason')
  return undefined
}
