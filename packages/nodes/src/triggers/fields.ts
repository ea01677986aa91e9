import type { StartInputSpec } from '@warmflow/engine'
import { z } from 'zod'
import { fieldLabel, inDutch, inEnglish } from '../field-labels.js'
import { postcodeSchema } from '../records/schemas.js'

const text = z.object({
  nl: z.string().min(1).max(500).meta(inDutch),
  en: z.string().min(1).max(500).meta(inEnglish),
})
const helpText = z.object({
  nl: z.string().max(2000).meta(inDutch),
  en: z.string().max(2000).meta(inEnglish),
})

/** The kinds of field a form or a trigger's input can have. */
export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'boolean',
  'date',
  'email',
  'phone',
  'postcode',
  'select',
  'multiselect',
] as const

/** One field of a form or of a trigger's input. */
export const formFieldSchema = z
  .object({
    /** The key in the data, e.g. `voornaam`. */
    name: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Use letters, digits and _ / gebruik letters, cijfers en _')
      .meta(
        fieldLabel('Veldnaam', 'Field name', {
          nl: 'De naam in de gegevens, bijvoorbeeld voornaam. Letters, cijfers en _.',
          en: 'The name in the data, for example voornaam. Letters, digits and _.',
        }),
      ),
    type: z.enum(fieldTypes).meta(fieldLabel('Soort', 'Kind')),
    label: text.meta(fieldLabel('Vraag', 'Question')),
    help: helpText.optional().meta(fieldLabel('Hulptekst', 'Help text')),
    required: z.boolean().meta(fieldLabel('Verplicht', 'Required')).default(false),
    /** For select and multiselect. */
    options: z
      .array(
        z.object({
          value: z.string().min(1).max(200).meta(fieldLabel('Waarde', 'Value')),
          label: text.meta(fieldLabel('Tekst', 'Text')),
        }),
      )
      .max(100)
      .optional()
      .meta(fieldLabel('Keuzes', 'Choices')),
    /** The field holds personal data (name, contact details, …): shown with a privacy badge. */
    personal: z
      .boolean()
      .meta(
        fieldLabel('Persoonsgegevens', 'Personal data', {
          nl: 'Aan als het veld iets over een persoon zegt, zoals naam of telefoonnummer.',
          en: 'On when the field says something about a person, such as a name or phone number.',
        }),
      )
      .default(false),
    maxLength: z
      .number()
      .int()
      .min(1)
      .max(20_000)
      .optional()
      .meta(fieldLabel('Hoogstens zoveel tekens', 'At most this many characters')),
  })
  .refine((f) => !(f.type === 'select' || f.type === 'multiselect') || (f.options?.length ?? 0) > 0, {
    message: 'A select field needs options / een keuzeveld heeft opties nodig',
    path: ['options'],
  })
/** One field of a form. */
export type FormField = z.infer<typeof formFieldSchema>

/** The fields of a form or trigger input; names must be unique. */
export const formFieldsSchema = z
  .array(formFieldSchema)
  .max(100)
  .meta(
    fieldLabel('Velden', 'Fields', {
      nl: 'De vragen of gegevens waarmee de flow start. Leeg: alles is goed.',
      en: 'The questions or data the flow starts with. Empty: anything is accepted.',
    }),
  )
  .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, {
    message: 'Field names must be unique / veldnamen moeten uniek zijn',
  })

const phonePattern = /^\+?[0-9 ()-]{8,20}$/

function fieldSchema(field: FormField): z.ZodType {
  const max = field.maxLength ?? (field.type === 'textarea' ? 20_000 : 500)
  switch (field.type) {
    case 'number':
      return z.coerce.number()
    case 'boolean':
      return z.preprocess((v) => (v === 'true' || v === 'on' ? true : v === 'false' ? false : v), z.boolean())
    case 'date':
      return z.iso.date()
    case 'email':
      return z.email()
    case 'phone':
      return z.string().trim().regex(phonePattern)
    case 'postcode':
      return postcodeSchema
    case 'select':
      return z.enum((field.options ?? []).map((o) => o.value) as [string, ...string[]])
    case 'multiselect':
      return z.array(z.enum((field.options ?? []).map((o) => o.value) as [string, ...string[]]))
    default:
      return z.string().trim().max(max)
  }
}

/**
 * The zod schema of data filled in for these fields. Unknown keys are dropped; empty optional
 * fields are left out.
 *
 * @example
 * formToZod(fields).parse({ voornaam: 'Fatima' })
 */
export function formToZod(fields: readonly FormField[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {}
  for (const field of fields) {
    const schema = fieldSchema(field)
    const empty = (v: unknown) => (v === '' || v === null ? undefined : v)
    shape[field.name] = field.required ? z.preprocess(empty, schema) : z.preprocess(empty, schema.optional())
  }
  return z.object(shape) as unknown as z.ZodType<Record<string, unknown>>
}

/**
 * A JSON Schema for the fields, e.g. for the API's validation, the OpenAPI document and the public
 * form page, with labels as titles (`x-label`, `x-help`, `x-options`: Dutch and English).
 *
 * @example
 * formToJsonSchema(fields).required // ['voornaam']
 */
export function formToJsonSchema(fields: readonly FormField[]): {
  type: 'object'
  properties: Record<string, unknown>
  required: string[]
} {
  const properties: Record<string, unknown> = {}
  for (const field of fields) {
    const common = {
      title: field.label.nl,
      description: field.help?.nl,
      'x-label': field.label,
      'x-help': field.help,
      // The field's own kind (phone, postcode, textarea…) and the labels of its choices, so a
      // form page can show the right input and the choices in the reader's language.
      'x-type': field.type,
      ...(field.options ? { 'x-options': field.options } : {}),
    }
    const kind: Record<string, unknown> =
      field.type === 'number'
        ? { type: 'number' }
        : field.type === 'boolean'
          ? { type: 'boolean' }
          : field.type === 'date'
            ? { type: 'string', format: 'date' }
            : field.type === 'email'
              ? { type: 'string', format: 'email' }
              : field.type === 'select'
                ? { type: 'string', enum: field.options?.map((o) => o.value) }
                : field.type === 'multiselect'
                  ? { type: 'array', items: { type: 'string', enum: field.options?.map((o) => o.value) } }
                  : {
                      type: 'string',
                      maxLength: field.maxLength ?? (field.type === 'textarea' ? 20_000 : 500),
                    }
    properties[field.name] = { ...kind, ...common, ...(field.personal ? { 'x-personal': true } : {}) }
  }
  return { type: 'object', properties, required: fields.filter((f) => f.required).map((f) => f.name) }
}

/** One problem with filled-in data, per field, in Dutch and English. */
export interface FieldProblem {
  field: string
  nl: string
  en: string
}

/**
 * Checks filled-in data against the fields and says per field, in plain words, what is wrong.
 *
 * @example
 * const result = validateFormInput(fields, { email: 'x' })
 * if (!result.ok) result.problems // [{ field: 'email', nl: 'E-mailadres: vul een geldig e-mailadres in', … }]
 */
export function validateFormInput(
  fields: readonly FormField[],
  input: unknown,
): { ok: true; data: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const result = formToZod(fields).safeParse(input ?? {})
  if (result.success) return { ok: true, data: result.data }
  const byName = new Map(fields.map((f) => [f.name, f]))
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '')
    const field = byName.get(name)
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined
    const label = field?.label ?? { nl: name, en: name }
    const hint = missing
      ? { nl: 'dit veld is verplicht', en: 'this field is required' }
      : field?.type === 'email'
        ? { nl: 'vul een geldig e-mailadres in', en: 'enter a valid e-mail address' }
        : field?.type === 'phone'
          ? {
              nl: 'vul een telefoonnummer in, zoals 06 12345678',
              en: 'enter a phone number, such as 06 12345678',
            }
          : field?.type === 'postcode'
            ? { nl: 'vul een postcode in, zoals 3511 AB', en: 'enter a postcode, such as 3511 AB' }
            : field?.type === 'date'
              ? { nl: 'vul een datum in (jjjj-mm-dd)', en: 'enter a date (yyyy-mm-dd)' }
              : field?.type === 'select' || field?.type === 'multiselect'
                ? { nl: 'kies een van de opties', en: 'choose one of the options' }
                : { nl: 'deze waarde klopt niet', en: 'this value is not valid' }
    return { field: name, nl: `${label.nl}: ${hint.nl}`, en: `${label.en}: ${hint.en}` }
  })
  return { ok: false, problems }
}

/**
 * The start data of a trigger with these fields, as the engine's `startInput` hook offers it:
 * the form's JSON Schema and a check that names every field that does not fit. Without fields
 * any data fits.
 *
 * @example
 * startInput: (config) => fieldsStartInput(config.fields)
 */
export function fieldsStartInput(fields: readonly FormField[]): StartInputSpec {
  return {
    schema: formToJsonSchema(fields),
    validate: (input) => {
      if (fields.length === 0) return []
      const result = validateFormInput(fields, input)
      return result.ok
        ? []
        : result.problems.map((p) => ({ field: p.field, message: { nl: p.nl, en: p.en } }))
    },
  }
}
