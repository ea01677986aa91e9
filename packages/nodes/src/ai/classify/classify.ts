import { z } from 'zod'
import { aiFieldPath, aiLanguage, aiOutputField, aiTextFieldsMeta, parseModelJson } from '../common.js'
import { defineAiNode } from '../define.js'
import { classifyOffline } from '../offline.js'

const labelSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use letters, digits, _ and -')
    .meta({
      label: { nl: 'Naam', en: 'Name' },
      help: {
        nl: 'Korte naam van het label, zoals vervoer. Komt in het resultaat.',
        en: 'Short name of the label, such as transport. Goes into the result.',
      },
    }),
  title: z
    .string()
    .max(200)
    .optional()
    .meta({ label: { nl: 'Titel', en: 'Title' } }),
  description: z
    .string()
    .max(1000)
    .optional()
    .meta({
      label: { nl: 'Uitleg', en: 'Explanation' },
      help: {
        nl: 'Wanneer dit label past. Helpt de AI-dienst kiezen.',
        en: 'When this label fits. Helps the AI service choose.',
      },
    }),
  /** Words that point to this label, for the offline method. */
  keywords: z
    .array(z.string().min(2).max(64))
    .max(100)
    .optional()
    .meta({
      label: { nl: 'Trefwoorden', en: 'Keywords' },
      help: {
        nl: 'Woorden die bij dit label horen. Zonder AI-koppeling telt Warmflow deze woorden.',
        en: 'Words that belong to this label. Without an AI credential Warmflow counts these words.',
      },
    }),
})

/** The classification result written to `<outputField>`. */
export const classificationSchema = z.object({
  label: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  reason: z.string().optional(),
})

/** Puts a text into one of the labels from the config, with a confidence between 0 and 1. */
export const classifyNode = defineAiNode({
  type: 'ai.classify',
  version: 1,
  icon: 'tags',
  title: { nl: 'Indelen', en: 'Classify' },
  description: {
    nl: 'Kiest bij een tekst het best passende label uit jouw lijst (bijvoorbeeld: vervoer, eenzaamheid, administratie), met hoe zeker dat is. Zonder AI-koppeling telt Warmflow trefwoorden en zegt dat erbij.',
    en: 'Picks the best label from your list for a text (for example: transport, loneliness, paperwork), with how certain that is. Without an AI credential Warmflow counts keywords and says so.',
  },
  config: z.object({
    fields: z.array(aiFieldPath).min(1).max(20).meta(aiTextFieldsMeta).default(['omschrijving']),
    labels: z
      .array(labelSchema)
      .min(2)
      .max(50)
      .meta({
        label: { nl: 'Labels', en: 'Labels' },
        help: {
          nl: 'De labels waaruit gekozen wordt, minstens twee. Bijvoorbeeld: vervoer, eenzaamheid, administratie.',
          en: 'The labels to choose from, at least two. For example: transport, loneliness, paperwork.',
        },
      }),
    outputField: aiOutputField.default('categorie'),
    language: aiLanguage,
  }),
  prompt: (config) => ({
    task: [
      'Classify the data into exactly one of these labels:',
      ...config.labels.map(
        (l) => `- ${l.id}${l.title ? ` (${l.title})` : ''}${l.description ? `: ${l.description}` : ''}`,
      ),
      'Answer with JSON: {"label": one of the label ids, "confidence": a number from 0 to 1, "reason": one short sentence}.',
    ].join('\n'),
    json: {
      name: 'classification',
      schema: {
        type: 'object',
        properties: {
          label: { type: 'string', enum: config.labels.map((l) => l.id) },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          reason: { type: 'string' },
        },
        required: ['label', 'confidence', 'reason'],
        additionalProperties: false,
      },
    },
  }),
  parse: (content, config) =>
    parseModelJson(
      content,
      z.object({
        label: z.enum(config.labels.map((l) => l.id) as [string, ...string[]]),
        confidence: z.number().min(0).max(1),
        reason: z.string(),
      }),
    ),
  offline: (config, { texts }) => {
    const { label, confidence } = classifyOffline(Object.values(texts).join('\n'), config.labels)
    return {
      label,
      confidence,
      reason: config.language === 'nl' ? 'Trefwoorden geteld (zonder AI).' : 'Keywords counted (without AI).',
    }
  },
})
