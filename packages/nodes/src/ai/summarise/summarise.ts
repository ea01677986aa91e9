import { z } from 'zod'
import {
  aiFieldPath,
  aiInstructionsMeta,
  aiLanguage,
  aiOutputField,
  aiTextFieldsMeta,
  cleanModelText,
} from '../common.js'
import { defineAiNode } from '../define.js'
import { summariseOffline } from '../offline.js'

/**
 * Summarises text fields. With an `ai` credential through any OpenAI-compatible endpoint; without
 * one through the built-in extractive method, labelled as such in `<output>Meta`.
 */
export const summariseNode = defineAiNode({
  type: 'ai.summarise',
  version: 1,
  icon: 'sparkles',
  title: { nl: 'Samenvatten', en: 'Summarise' },
  description: {
    nl: 'Maakt een korte samenvatting van een tekst, zoals de omschrijving in een aanmelding. Zonder AI-koppeling kiest Warmflow zelf de belangrijkste zinnen en zegt dat erbij.',
    en: 'Writes a short summary of a text, such as the description in an intake. Without an AI credential Warmflow picks the key sentences itself and says so.',
  },
  config: z.object({
    /** The text fields to summarise. */
    fields: z.array(aiFieldPath).min(1).max(20).meta(aiTextFieldsMeta).default(['omschrijving']),
    outputField: aiOutputField.default('samenvatting'),
    maxWords: z
      .number()
      .int()
      .min(10)
      .max(1000)
      .meta({
        label: { nl: 'Hoogstens zoveel woorden', en: 'At most this many words' },
        help: { nl: 'Hoe lang de samenvatting mag zijn.', en: 'How long the summary may be.' },
      })
      .default(120),
    /** For the offline method: how many sentences to keep. */
    maxSentences: z
      .number()
      .int()
      .min(1)
      .max(20)
      .meta({
        label: { nl: 'Hoogstens zoveel zinnen', en: 'At most this many sentences' },
        help: {
          nl: 'Zonder AI-koppeling kiest Warmflow zelf dit aantal belangrijke zinnen.',
          en: 'Without an AI credential Warmflow picks this many key sentences itself.',
        },
      })
      .default(3),
    language: aiLanguage,
    /** Extra instructions from the designer, e.g. what to pay attention to. */
    instructions: z.string().max(4000).meta(aiInstructionsMeta).default(''),
  }),
  prompt: (config) => ({
    task: [
      `Summarise the data for a coordinator in a welfare organisation in at most ${config.maxWords} words.`,
      'Say what the person needs help with, when, and anything that matters for finding a volunteer. Do not add facts.',
      config.instructions,
    ]
      .filter(Boolean)
      .join('\n'),
    maxTokens: config.maxWords * 4,
  }),
  parse: (content) => cleanModelText(content),
  offline: (config, { texts }) => summariseOffline(Object.values(texts).join('\n'), config),
})
