import { z } from 'zod'
import {
  aiFieldPath,
  aiInstructionsMeta,
  aiLanguage,
  aiOutputField,
  aiTextFieldsMeta,
  parseModelJson,
} from '../common.js'
import { defineAiNode } from '../define.js'
import { extractOffline } from '../offline.js'

/** One field the designer wants extracted, as defined in the config form. */
export const extractFieldSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Use letters, digits and _')
    .meta({ label: { nl: 'Veldnaam', en: 'Field name' } }),
  type: z
    .enum(['string', 'number', 'boolean', 'date', 'enum', 'list'])
    .meta({ label: { nl: 'Soort', en: 'Kind' } }),
  description: z
    .string()
    .max(1000)
    .optional()
    .meta({
      label: { nl: 'Uitleg', en: 'Explanation' },
      help: {
        nl: 'Wat er in dit veld hoort. Helpt bij het zoeken.',
        en: 'What belongs in this field. Helps the search.',
      },
    }),
  /** The allowed values of an `enum`, or the values to pick from for a `list`. */
  options: z
    .array(z.string().min(1).max(200))
    .max(100)
    .optional()
    .meta({
      label: { nl: 'Keuzes', en: 'Choices' },
      help: {
        nl: 'De waarden waaruit gekozen wordt, bij een keuzelijst of een lijst.',
        en: 'The values to choose from, for a choice list or a list.',
      },
    }),
  required: z
    .boolean()
    .meta({
      label: { nl: 'Verplicht', en: 'Required' },
      help: {
        nl: 'Als het veld niet gevonden wordt, staat het in de lijst met ontbrekende velden.',
        en: 'When the field is not found, it is listed with the missing fields.',
      },
    })
    .default(false),
})

/** A field definition of `ai.extract`. */
export type ExtractFieldDefinition = z.infer<typeof extractFieldSchema>

/** The JSON Schema sent to the model for strict structured output. */
export function extractJsonSchema(fields: readonly ExtractFieldDefinition[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const field of fields) {
    const nullable = (type: string) => (field.required ? type : [type, 'null'])
    const base: Record<string, unknown> =
      field.type === 'enum'
        ? { type: nullable('string'), enum: [...(field.options ?? []), ...(field.required ? [] : [null])] }
        : field.type === 'list'
          ? {
              type: 'array',
              items: field.options?.length ? { type: 'string', enum: field.options } : { type: 'string' },
            }
          : field.type === 'date'
            ? { type: nullable('string'), description: 'ISO date YYYY-MM-DD' }
            : { type: nullable(field.type) }
    if (field.description) base.description = [field.description, base.description].filter(Boolean).join('. ')
    properties[field.name] = base
  }
  return { type: 'object', properties, required: fields.map((f) => f.name), additionalProperties: false }
}

/** The zod schema a model answer must pass, built from the designer's field list. */
export function extractZodSchema(fields: readonly ExtractFieldDefinition[]) {
  const shape: Record<string, z.ZodType> = {}
  for (const field of fields) {
    let schema: z.ZodType
    switch (field.type) {
      case 'number':
        schema = z.number()
        break
      case 'boolean':
        schema = z.boolean()
        break
      case 'date':
        schema = z.iso.date()
        break
      case 'enum':
        schema = field.options?.length ? z.enum(field.options as [string, ...string[]]) : z.string()
        break
      case 'list':
        schema = z.array(field.options?.length ? z.enum(field.options as [string, ...string[]]) : z.string())
        break
      default:
        schema = z.string()
    }
    shape[field.name] = field.required ? schema : schema.nullable().optional()
  }
  return z.object(shape)
}

/**
 * Pulls structured fields out of free text (type of help, days, language, district), checked
 * against the field list the designer made. The result is in `<outputField>`; required fields
 * neither method found are listed in `<outputField>Missing`.
 */
export const extractNode = defineAiNode({
  type: 'ai.extract',
  version: 1,
  icon: 'list-checks',
  title: { nl: 'Gegevens uit tekst halen', en: 'Extract data' },
  description: {
    nl: 'Haalt vaste gegevens uit een vrije tekst, zoals soort hulp, dagen en taal. Jij bepaalt welke velden er zijn. Zonder AI-koppeling zoekt Warmflow met eenvoudige regels en zegt dat erbij.',
    en: 'Pulls fixed fields out of free text, such as type of help, days and language. You decide which fields there are. Without an AI credential Warmflow uses simple rules and says so.',
  },
  config: z.object({
    fields: z.array(aiFieldPath).min(1).max(20).meta(aiTextFieldsMeta).default(['omschrijving']),
    /** The fields to extract. */
    schema: z
      .array(extractFieldSchema)
      .min(1)
      .max(50)
      .meta({
        label: { nl: 'Velden om te vinden', en: 'Fields to find' },
        help: {
          nl: 'Welke gegevens uit de tekst gehaald worden, met naam en soort. Bijvoorbeeld: dagen (lijst), taal (keuzelijst).',
          en: 'Which data is taken from the text, with name and kind. For example: days (list), language (choice list).',
        },
      })
      .refine(
        (list) => new Set(list.map((f) => f.name)).size === list.length,
        'Each field needs its own name',
      )
      .refine(
        (list) => list.every((f) => f.type !== 'enum' || (f.options?.length ?? 0) > 0),
        'A choice field (enum) needs options',
      ),
    outputField: aiOutputField.default('gegevens'),
    language: aiLanguage,
    instructions: z.string().max(4000).meta(aiInstructionsMeta).default(''),
  }),
  prompt: (config) => ({
    task: [
      'Extract the fields described by the JSON schema from the data. Use null when the data does not say; never guess.',
      'Answer with one JSON object only.',
      `Fields: ${config.schema.map((f) => `${f.name} (${f.type}${f.options ? `: ${f.options.join(' | ')}` : ''})${f.description ? ` - ${f.description}` : ''}`).join('; ')}`,
      config.instructions,
    ]
      .filter(Boolean)
      .join('\n'),
    json: { name: 'extracted_fields', schema: extractJsonSchema(config.schema) },
  }),
  parse: (content, config) => {
    const extracted = parseModelJson(content, extractZodSchema(config.schema)) as Record<string, unknown>
    for (const field of config.schema) extracted[field.name] ??= null
    return extracted
  },
  offline: (config, { texts }): Record<string, unknown> =>
    extractOffline(Object.values(texts).join('\n'), config.schema),
  // A model answer has every required field (its schema says so), so this is empty for it.
  besides: (extracted, config) => ({
    Missing: config.schema.filter((f) => f.required && extracted[f.name] == null).map((f) => f.name),
  }),
})
