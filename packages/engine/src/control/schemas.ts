import { z } from 'zod'
import { expressionSourceSchema, fieldNameSchema } from '../model.js'

/** Dutch and English text, both required. */
export const localizedTextSchema = z.strictObject({
  nl: z.string().trim().min(1).max(500),
  en: z.string().trim().min(1).max(500),
})

const maxDurationSeconds = 366 * 24 * 3600

/**
 * A length of time as a designer enters it, e.g. `{ days: 2 }` or `{ minutes: 30 }`. The parts
 * add up; the total must be more than zero and at most a year.
 */
export const durationSchema = z
  .strictObject({
    days: z.number().min(0).max(366).optional(),
    hours: z.number().min(0).max(8784).optional(),
    minutes: z.number().min(0).max(527_040).optional(),
    seconds: z.number().min(0).max(maxDurationSeconds).optional(),
  })
  .refine(
    (d) => {
      const seconds =
        (d.days ?? 0) * 86_400 + (d.hours ?? 0) * 3600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0)
      return seconds > 0 && seconds <= maxDurationSeconds
    },
    { message: 'A duration must be more than zero and at most a year' },
  )

/** A length of time; see {@link durationSchema}. */
export type Duration = z.infer<typeof durationSchema>

/**
 * One field of a human task's form, JSON-Schema-like: the approver may fill or edit it.
 * `enum` fields list their `options`.
 */
export const formFieldSchema = z.strictObject({
  type: z.enum(['string', 'text', 'number', 'integer', 'boolean', 'date', 'enum']),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  required: z.boolean().default(false),
  options: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  maxLength: z.number().int().positive().max(10_000).optional(),
})

/** One form field; see {@link formFieldSchema}. */
export type FormField = z.infer<typeof formFieldSchema>

/** The form of a human task: the fields the approver may edit, by field name. */
export const taskFormSchema = z.strictObject({
  fields: z.record(fieldNameSchema, formFieldSchema).default({}),
})

/** A human task's form; see {@link taskFormSchema}. */
export type TaskForm = z.infer<typeof taskFormSchema>

/** Config of the `condition` node. */
export const conditionConfigSchema = z.strictObject({
  /** JSONata; a true-ish result leaves through port `true`, anything else through `false`. */
  expression: expressionSourceSchema,
})

/** Config of the `switch` node: the first case whose expression is true-ish picks the port. */
export const switchConfigSchema = z.strictObject({
  cases: z
    .array(
      z.strictObject({
        /** The port id of this case. */
        id: z
          .string()
          .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'Use lower-case letters, digits, - and _')
          .refine((id) => id !== 'default' && id !== 'error', 'default and error are reserved'),
        label: localizedTextSchema.optional(),
        when: expressionSourceSchema,
      }),
    )
    .min(1)
    .max(50)
    .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, 'Each case needs its own id'),
})

/** Config of the `merge` node. */
export const mergeConfigSchema = z.strictObject({
  /**
   * `all`: wait until every input has finished or was skipped, then continue with the outputs
   * that arrived. `first`: continue as soon as one input arrives.
   */
  mode: z.enum(['all', 'first']).default('all'),
})

/** Config of the `wait` node: a duration, or until a moment an expression gives. */
export const waitConfigSchema = z
  .strictObject({
    duration: durationSchema.optional(),
    /** JSONata giving an ISO date-time string or epoch milliseconds. */
    until: expressionSourceSchema.optional(),
  })
  .refine((c) => (c.duration === undefined) !== (c.until === undefined), {
    message: 'Give either a duration or an until expression',
  })

/** Config of the `human.task` node. */
export const humanTaskConfigSchema = z
  .strictObject({
    title: localizedTextSchema,
    /** The team the task goes to; defaults to the team the run belongs to. */
    teamId: z.uuid().optional(),
    /** The role within the team that may pick the task up. */
    role: z.string().trim().min(1).max(64),
    form: taskFormSchema.default({ fields: {} }),
    /** Data shown to the approver: name → JSONata over the node's input (with `$nodes`, `$input`). */
    data: z.record(fieldNameSchema, expressionSourceSchema).default({}),
    deadline: durationSchema.optional(),
    /** When to remind the assignees, counted back from the deadline. */
    reminderBefore: durationSchema.optional(),
    /** At the deadline, re-assign once to this team and/or role with a new deadline. */
    escalation: z
      .strictObject({
        teamId: z.uuid().optional(),
        role: z.string().trim().min(1).max(64).optional(),
        deadline: durationSchema,
      })
      .optional(),
    /** Four eyes: the person who started the run may not decide the task. */
    fourEyes: z.boolean().default(false),
  })
  .refine((c) => c.deadline !== undefined || (c.reminderBefore === undefined && c.escalation === undefined), {
    message: 'A reminder or an escalation needs a deadline',
  })

/** Parsed config of a human task. */
export type HumanTaskConfig = z.infer<typeof humanTaskConfigSchema>
/** Parsed config of a condition. */
export type ConditionConfig = z.infer<typeof conditionConfigSchema>
/** Parsed config of a switch. */
export type SwitchConfig = z.infer<typeof switchConfigSchema>
/** Parsed config of a merge. */
export type MergeConfig = z.infer<typeof mergeConfigSchema>
/** Parsed config of a wait. */
export type WaitConfig = z.infer<typeof waitConfigSchema>

/** The argument of the `completeTask` update, as the API sends it. */
export const completeTaskArgsSchema = z.strictObject({
  taskId: z.string().min(1).max(100),
  decision: z.enum(['approve', 'reject']),
  /** Values for the form's fields (only fields the form declares). */
  fields: z.record(z.string(), z.unknown()).default({}),
  reason: z.string().max(4000).optional(),
  /** The acting user. */
  userId: z.string().min(1).max(200),
})

/** The argument of the `completeTask` update. */
export type CompleteTaskArgs = z.input<typeof completeTaskArgsSchema>
