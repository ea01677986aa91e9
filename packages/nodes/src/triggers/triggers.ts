import { defineNode, NodeError } from '@warmflow/engine'
import { z } from 'zod'
import { fieldLabel, inDutch, inEnglish } from '../field-labels.js'
import { fieldsRegister } from '../register.js'
import {
  type FieldProblem,
  type FormField,
  fieldsStartInput,
  formFieldsSchema,
  validateFormInput,
} from './fields.js'

const data = z.record(z.string(), z.unknown())
const text = z.object({
  nl: z.string().min(1).max(500).meta(inDutch),
  en: z.string().min(1).max(500).meta(inEnglish),
})

/** Raised when the data a flow starts with does not fit the trigger's fields. */
export class TriggerInputError extends NodeError {}

/**
 * Validates start data against fields, throwing one error that names every problem.
 *
 * @example
 * const data = checkTriggerInput(fields, input)
 */
export function checkTriggerInput(fields: readonly FormField[], input: unknown): Record<string, unknown> {
  if (fields.length === 0) return (input ?? {}) as Record<string, unknown>
  const result = validateFormInput(fields, input)
  if (result.ok) return result.data
  const list = (lang: keyof Omit<FieldProblem, 'field'>) => result.problems.map((p) => p[lang]).join('; ')
  throw new TriggerInputError('trigger.invalid_input', `The start data is not valid: ${list('en')}`, {
    text: { nl: `De gegevens kloppen niet: ${list('nl')}`, en: `The data is not valid: ${list('en')}` },
    details: { fields: result.problems.map((p) => p.field) },
  })
}

/**
 * A trigger without fields to check passes its input on as it is: the interpreter does that
 * itself (the engine's `passInput`), without an activity.
 */
export function passWithoutFields(config: Record<string, unknown>): 'passInput' | undefined {
  return Array.isArray(config.fields) && config.fields.length > 0 ? undefined : 'passInput'
}

/**
 * Starts a flow from the public intake form. The form definition (fields, types, required,
 * labels and help in Dutch and English) is the trigger's input schema: the API renders the form
 * from it (`formToJsonSchema`) and checks submissions with `validateFormInput`; the node checks
 * again, so a run never starts on data that does not fit.
 */
// Triggers only check and pass on what started the run: pure, so they run as local activities.
export const formTrigger = defineNode({
  type: 'form',
  version: 1,
  category: 'trigger',
  icon: 'form',
  title: { nl: 'Aanmeldformulier', en: 'Intake form' },
  description: {
    nl: 'Start de flow als iemand het formulier invult. Je kiest zelf de vragen, in het Nederlands en Engels.',
    en: 'Starts the flow when someone fills in the form. You choose the questions, in Dutch and English.',
  },
  input: data,
  config: z.object({
    title: text.meta(fieldLabel('Titel', 'Title')).default({ nl: 'Aanmelden', en: 'Sign up' }),
    intro: z
      .object({ nl: z.string().max(4000).meta(inDutch), en: z.string().max(4000).meta(inEnglish) })
      .optional()
      .meta(fieldLabel('Inleiding', 'Introduction')),
    fields: formFieldsSchema.default([]),
    submitLabel: text
      .meta(fieldLabel('Tekst op de verstuurknop', 'Text on the send button'))
      .default({ nl: 'Versturen', en: 'Send' }),
    /** What the person sees after sending. */
    thanks: text.meta(fieldLabel('Bedankt na versturen', 'Thanks after sending')).default({
      nl: 'Dank je wel! We nemen contact met je op.',
      en: 'Thank you! We will contact you.',
    }),
  }),
  output: data,
  personalData: {
    reads: ['naam', 'voornaam', 'achternaam', 'email', 'telefoon', 'adres', 'postcode'],
    sendsOutside: 'never',
    // Who fills in a public form is someone asking for help: a (future) client.
    register: (config) => fieldsRegister(config.fields, ['clients']),
  },
  activity: {
    startToCloseTimeout: '10 seconds',
    retry: { maximumAttempts: 2 },
    local: true,
    inline: passWithoutFields,
  },
  startInput: (config) => fieldsStartInput(config.fields),
  execute: ({ input, config }) => checkTriggerInput(config.fields, input),
})

/**
 * Starts a flow when another system posts to the flow's webhook URL. The API checks the
 * Standard Webhooks signature with the flow's secret; the optional fields describe the body.
 */
export const webhookTrigger = defineNode({
  type: 'webhook',
  version: 1,
  category: 'trigger',
  icon: 'webhook',
  title: { nl: 'Webhook ontvangen', en: 'Receive webhook' },
  description: {
    nl: 'Start de flow als een ander systeem een ondertekend bericht stuurt naar het webadres van deze flow.',
    en: "Starts the flow when another system sends a signed message to this flow's web address.",
  },
  input: data,
  config: z.object({
    /** Fields the body must have; empty accepts any JSON object. */
    fields: formFieldsSchema.default([]),
  }),
  output: data,
  // Another system's data: whose it is, the trigger cannot tell.
  personalData: { reads: [], sendsOutside: 'never', register: (config) => fieldsRegister(config.fields, []) },
  activity: {
    startToCloseTimeout: '10 seconds',
    retry: { maximumAttempts: 2 },
    local: true,
    inline: passWithoutFields,
  },
  startInput: (config) => fieldsStartInput(config.fields),
  execute: ({ input, config }) => {
    const checked = checkTriggerInput(config.fields, input)
    // Keep fields the schema does not name: other systems send more than the flow needs.
    return config.fields.length ? { ...input, ...checked } : checked
  },
})

/** A cron expression of five fields (minute hour day month weekday). */
const cronSchema = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4}\S+$/, 'Use five fields: minute hour day month weekday / gebruik vijf velden')
  .meta(
    fieldLabel('Planning', 'Schedule', {
      nl: 'Vijf delen: minuut uur dag maand weekdag. Bijvoorbeeld 0 9 * * 1 voor maandag 9 uur.',
      en: 'Five parts: minute hour day month weekday. For example 0 9 * * 1 for Monday 9:00.',
    }),
  )

/** How often a scheduled flow runs. */
export const scheduleConfigSchema = z
  .object({
    /** E.g. `0 9 * * 1-5` (weekdays at 9:00). */
    cron: cronSchema.optional(),
    /** Every so many minutes (at least 1). */
    everyMinutes: z
      .number()
      .int()
      .min(1)
      .max(525_600)
      .optional()
      .meta(
        fieldLabel('Elke zoveel minuten', 'Every so many minutes', {
          nl: 'Gebruik dit of een planning, niet allebei.',
          en: 'Use this or a schedule, not both.',
        }),
      ),
    timezone: z.string().min(1).max(64).meta(fieldLabel('Tijdzone', 'Time zone')).default('Europe/Amsterdam'),
    /** The data each run starts with. */
    input: data
      .meta(
        fieldLabel('Startgegevens', 'Start data', {
          nl: 'De gegevens waarmee elke run start.',
          en: 'The data each run starts with.',
        }),
      )
      .default({}),
    paused: z
      .boolean()
      .meta(
        fieldLabel('Gepauzeerd', 'Paused', {
          nl: 'Aan: de flow start niet vanzelf.',
          en: 'On: the flow does not start by itself.',
        }),
      )
      .default(false),
  })
  .refine((c) => (c.cron === undefined) !== (c.everyMinutes === undefined), {
    message: 'Choose a cron expression or an interval / kies een cron-regel of een interval',
  })
  .refine(
    (c) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: c.timezone })
        return true
      } catch {
        return false
      }
    },
    { message: 'Unknown time zone / onbekende tijdzone', path: ['timezone'] },
  )
/** How often a scheduled flow runs. */
export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>

/**
 * Starts a flow on a schedule (cron or interval, Europe/Amsterdam by default) through a Temporal
 * Schedule, so it keeps running across restarts. Publishing the flow creates or updates the
 * schedule (`syncFlowSchedule` in `@warmflow/api`).
 */
export const scheduleTrigger = defineNode({
  type: 'schedule',
  version: 1,
  category: 'trigger',
  icon: 'clock',
  title: { nl: 'Volgens schema', en: 'On a schedule' },
  description: {
    nl: 'Start de flow vanzelf, bijvoorbeeld elke werkdag om 9 uur (tijd in Nederland).',
    en: 'Starts the flow by itself, for example every weekday at 9 am (Dutch time).',
  },
  input: data,
  config: scheduleConfigSchema,
  output: data,
  personalData: { reads: [], sendsOutside: 'never' },
  activity: {
    startToCloseTimeout: '10 seconds',
    retry: { maximumAttempts: 2 },
    local: true,
    inline: 'mergeConfigInput',
  },
  schedule: (config) => config,
  execute: ({ input, config }) => ({ ...config.input, ...input }),
})

/** The trigger types whose config holds `fields` describing the start data. */
export const triggerTypesWithFields = ['manual', 'form', 'webhook'] as const

/**
 * The start-data fields of a flow: those of its first trigger node (`manual`, `form` or
 * `webhook`) with `fields` in its config, plus that node's id and type. The API uses this to
 * validate start data (`validateFormInput`), describe it (`formToJsonSchema`) and render the
 * public form. Undefined when the flow's trigger declares no fields.
 *
 * @example
 * const trigger = triggerFieldsOf(flow.definition)
 * if (trigger) validateFormInput(trigger.fields, body)
 */
export function triggerFieldsOf(definition: {
  nodes: readonly { id: string; type: string; config?: Record<string, unknown> }[]
}): { nodeId: string; type: string; fields: FormField[] } | undefined {
  for (const node of definition.nodes) {
    if (!(triggerTypesWithFields as readonly string[]).includes(node.type)) continue
    const parsed = formFieldsSchema.safeParse(node.config?.fields ?? [])
    if (parsed.success && parsed.data.length > 0)
      return { nodeId: node.id, type: node.type, fields: parsed.data }
  }
  return undefined
}
