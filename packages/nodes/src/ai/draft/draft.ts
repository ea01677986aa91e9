import { z } from 'zod'
import { aiFieldPath, aiLanguage, aiOutputField, aiTextFieldsMeta, cleanModelText } from '../common.js'
import { defineAiNode } from '../define.js'
import { fillTemplate } from '../offline.js'

/**
 * Writes a draft text (a progress report, a reply, a letter) from the designer's instructions, an
 * optional template with `{{field}}` slots and the data of earlier nodes. A person approves it
 * later. Offline it fills the template and labels the result.
 */
export const draftNode = defineAiNode({
  type: 'ai.draft',
  version: 1,
  icon: 'pen-line',
  title: { nl: 'Concepttekst schrijven', en: 'Draft text' },
  description: {
    nl: 'Schrijft een concept, zoals een voortgangsverslag of een antwoord, op basis van jouw instructie, een sjabloon en gegevens uit eerdere stappen. Een mens keurt het concept goed. Zonder AI-koppeling vult Warmflow alleen het sjabloon in.',
    en: 'Writes a draft, such as a progress report or a reply, from your instructions, a template and data from earlier steps. A person approves the draft. Without an AI credential Warmflow only fills in the template.',
  },
  config: z.object({
    /** What to write, e.g. "Schrijf een korte, warme bevestiging aan de aanvrager". */
    instructions: z
      .string()
      .min(1)
      .max(8000)
      .meta({
        label: { nl: 'Wat moet er geschreven worden?', en: 'What should be written?' },
        help: {
          nl: 'Bijvoorbeeld: schrijf een korte, warme bevestiging aan de aanvrager. Zet hier geen persoonsgegevens in.',
          en: 'For example: write a short, warm confirmation to the applicant. Do not put personal data here.',
        },
      }),
    /** Optional template with {{field}} slots; offline this is the whole result. */
    template: z
      .string()
      .max(20_000)
      .meta({
        label: { nl: 'Sjabloon', en: 'Template' },
        help: {
          nl: 'Mag leeg blijven. Zet {{veldnaam}} waar een gegeven moet komen. Zonder AI-koppeling is het ingevulde sjabloon het hele concept.',
          en: 'May stay empty. Put {{fieldname}} where a data field goes. Without an AI credential the filled-in template is the whole draft.',
        },
      })
      .default(''),
    /** The data fields the draft may use. */
    fields: z.array(aiFieldPath).min(1).max(50).meta(aiTextFieldsMeta),
    outputField: aiOutputField.default('concept'),
    maxWords: z
      .number()
      .int()
      .min(10)
      .max(2000)
      .meta({
        label: { nl: 'Hoogstens zoveel woorden', en: 'At most this many words' },
        help: { nl: 'Hoe lang het concept mag zijn.', en: 'How long the draft may be.' },
      })
      .default(250),
    language: aiLanguage,
  }),
  prompt: (config) => ({
    task: [
      `Write a draft text of at most ${config.maxWords} words for a welfare organisation. A person will check it before it is used.`,
      `Instructions from the organisation: ${config.instructions}`,
      config.template
        ? `Follow this template; {{name}} marks where a data field goes:\n${config.template}`
        : '',
      'Use only facts from the data. Answer with the text only.',
    ]
      .filter(Boolean)
      .join('\n'),
    maxTokens: config.maxWords * 4,
  }),
  parse: (content) => cleanModelText(content),
  // An approved draft may be sent on as it is, so the text stays clean; the meta says how it was made.
  offline: (config, { input, texts }) =>
    config.template
      ? fillTemplate(config.template, input)
      : Object.entries(texts)
          .map(([field, text]) => `${field}: ${text}`)
          .join('\n'),
})
