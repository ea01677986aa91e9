import { z } from 'zod'
import { expressionSourceSchema, fieldNameSchema } from '../model.js'
import type { FieldMeta } from '../node.js'

/** The `.meta()` of a setting: its label in the editor's form and, optionally, a help text. */
function label(nl: string, en: string, help?: { nl: string; en: string }): FieldMeta {
  return help ? { label: { nl, en }, help } : { label: { nl, en } }
}

const formulaHelp = {
  nl: 'Een formule over de gegevens van de stappen ervoor, bijvoorbeeld leeftijd >= 18.',
  en: 'A formula over the data of the steps before, for example leeftijd >= 18.',
}

/** Dutch and English text, both required. */
export const localizedTextSchema = z.strictObject({
  nl: z.string().trim().min(1).max(500).meta(label('Nederlands', 'Dutch')),
  en: z.string().trim().min(1).max(500).meta(label('Engels', 'English')),
})

const maxDurationSeconds = 366 * 24 * 3600

/**
 * A length of time as a designer enters it, e.g. `{ days: 2 }` or `{ minutes: 30 }`. The parts
 * add up; the total must be more than zero and at most a year.
 */
export const durationSchema = z
  .strictObject({
    days: z.number().min(0).max(366).optional().meta(label('Dagen', 'Days')),
    hours: z.number().min(0).max(8784).optional().meta(label('Uren', 'Hours')),
    minutes: z.number().min(0).max(527_040).optional().meta(label('Minuten', 'Minutes')),
    seconds: z.number().min(0).max(maxDurationSeconds).optional().meta(label('Seconden', 'Seconds')),
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
  type: z
    .enum(['string', 'text', 'number', 'integer', 'boolean', 'date', 'enum'])
    .meta(label('Soort', 'Kind')),
  title: localizedTextSchema.meta(label('Titel', 'Title')),
  description: localizedTextSchema.optional().meta(label('Uitleg', 'Explanation')),
  required: z.boolean().meta(label('Verplicht', 'Required')).default(false),
  options: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(100)
    .optional()
    .meta(label('Keuzes', 'Choices', { nl: 'Alleen bij een keuzelijst.', en: 'Only for a choice list.' })),
  minimum: z.number().optional().meta(label('Minimaal', 'Minimum')),
  maximum: z.number().optional().meta(label('Maximaal', 'Maximum')),
  maxLength: z
    .number()
    .int()
    .positive()
    .max(10_000)
    .optional()
    .meta(label('Hoogstens zoveel tekens', 'At most this many characters')),
})

/** One form field; see {@link formFieldSchema}. */
export type FormField = z.infer<typeof formFieldSchema>

/** The form of a human task: the fields the approver may edit, by field name. */
export const taskFormSchema = z.strictObject({
  fields: z
    .record(fieldNameSchema, formFieldSchema)
    .meta(
      label('Velden', 'Fields', {
        nl: 'De velden die de medewerker mag invullen of aanpassen, per veldnaam.',
        en: 'The fields the staff member may fill in or change, by field name.',
      }),
    )
    .default({}),
})

/** A human task's form; see {@link taskFormSchema}. */
export type TaskForm = z.infer<typeof taskFormSchema>

/** Config of the `condition` node. */
export const conditionConfigSchema = z.strictObject({
  /** JSONata; a true-ish result leaves through port `true`, anything else through `false`. */
  expression: expressionSourceSchema.meta(label('Formule', 'Formula', formulaHelp)),
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
          .refine((id) => id !== 'default' && id !== 'error', 'default and error are reserved')
          .meta(
            label('Naam', 'Name', {
              nl: 'Korte naam van deze uitgang, zoals dringend. Kleine letters, cijfers, - en _.',
              en: 'Short name of this exit, such as urgent. Lower-case letters, digits, - and _.',
            }),
          ),
        label: localizedTextSchema.optional().meta(label('Omschrijving', 'Label')),
        when: expressionSourceSchema.meta(label('Als (formule)', 'When (formula)', formulaHelp)),
      }),
    )
    .min(1)
    .max(50)
    .meta(
      label('Mogelijkheden', 'Options', {
        nl: 'De eerste mogelijkheid waarvan de formule klopt, bepaalt de uitgang.',
        en: 'The first option whose formula holds picks the exit.',
      }),
    )
    .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, 'Each case needs its own id'),
})

/** Config of the `merge` node. */
export const mergeConfigSchema = z.strictObject({
  /**
   * `all`: wait until every input has finished or was skipped, then continue with the outputs
   * that arrived. `first`: continue as soon as one input arrives.
   */
  mode: z
    .enum(['all', 'first'])
    .meta(
      label('Manier', 'Mode', {
        nl: 'Alle: wacht op alle binnenkomende stappen. De eerste: ga door zodra er één klaar is.',
        en: 'All: wait for every incoming step. First: go on as soon as one is done.',
      }),
    )
    .default('all'),
})

/** Config of the `wait` node: a duration, or until a moment an expression gives. */
export const waitConfigSchema = z
  .strictObject({
    duration: durationSchema.optional().meta(label('Duur', 'Duration')),
    /** JSONata giving an ISO date-time string or epoch milliseconds. */
    until: expressionSourceSchema.optional().meta(
      label('Tot (formule)', 'Until (formula)', {
        nl: 'Een formule die een datum en tijd geeft. Gebruik dit of een duur, niet allebei.',
        en: 'A formula giving a date and time. Use this or a duration, not both.',
      }),
    ),
  })
  .refine((c) => (c.duration === undefined) !== (c.until === undefined), {
    message: 'Give either a duration or an until expression',
  })

/** Config of the `human.task` node. */
export const humanTaskConfigSchema = z
  .strictObject({
    title: localizedTextSchema.meta(label('Titel', 'Title')),
    /** The team the task goes to; defaults to the team the run belongs to. */
    teamId: z
      .uuid()
      .optional()
      .meta(
        label('Team', 'Team', { nl: 'Leeg: het team van deze run.', en: 'Empty: the team of this run.' }),
      ),
    /** The role within the team that may pick the task up. */
    role: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .meta(
        label('Rol', 'Role', {
          nl: 'Wie in het team de taak mag oppakken, bijvoorbeeld coordinator.',
          en: 'Who in the team may pick up the task, for example coordinator.',
        }),
      ),
    form: taskFormSchema.meta(label('Formulier', 'Form')).default({ fields: {} }),
    /** Data shown to the approver: name → JSONata over the node's input (with `$nodes`, `$input`). */
    data: z
      .record(fieldNameSchema, expressionSourceSchema)
      .meta(
        label('Gegevens voor de medewerker', 'Data for the staff member', {
          nl: 'Per naam een formule; de uitkomst ziet de medewerker bij de taak.',
          en: 'Per name a formula; the staff member sees the result with the task.',
        }),
      )
      .default({}),
    deadline: durationSchema.optional().meta(label('Termijn', 'Deadline')),
    /** When to remind the assignees, counted back from the deadline. */
    reminderBefore: durationSchema
      .optional()
      .meta(label('Herinnering vóór de termijn', 'Reminder before the deadline')),
    /** At the deadline, re-assign once to this team and/or role with a new deadline. */
    escalation: z
      .strictObject({
        teamId: z.uuid().optional().meta(label('Team', 'Team')),
        role: z.string().trim().min(1).max(64).optional().meta(label('Rol', 'Role')),
        deadline: durationSchema.meta(label('Nieuwe termijn', 'New deadline')),
      })
      .optional()
      .meta(
        label('Doorzetten bij verlopen termijn', 'Escalate when the deadline passes', {
          nl: 'Als de termijn voorbij is, gaat de taak één keer naar dit team of deze rol.',
          en: 'When the deadline has passed, the task goes once to this team or role.',
        }),
      ),
    /** Four eyes: the person who started the run may not decide the task. */
    fourEyes: z
      .boolean()
      .meta(
        label(
          'Vier ogen (wie de run startte, mag niet beslissen)',
          'Four eyes (whoever started the run may not decide)',
        ),
      )
      .default(false),
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
