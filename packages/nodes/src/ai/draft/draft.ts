import { defineNode } from '@warmflow/engine'
import { z } from 'zod'
import {
  aiActivity,
  aiData,
  aiFieldPath,
  aiLanguage,
  aiOutputField,
  aiPersonalData,
  buildMessages,
  cleanModelText,
  fromPseudonymised,
  guardOutgoing,
  offlineMeta,
  outgoingContent,
  readTexts,
  remoteMeta,
} from '../common.js'
import { fillTemplate } from '../offline.js'
import { aiSecretSlot, callChat, loadAiProvider } from '../provider.js'

/**
 * Writes a draft text (a progress report, a reply, a letter) from the designer's instructions, an
 * optional template with `{{field}}` slots and the data of earlier nodes. A person approves it
 * later. Offline it fills the template and labels the result.
 */
export const draftNode = defineNode({
  type: 'ai.draft',
  version: 1,
  category: 'ai',
  icon: 'pen-line',
  title: { nl: 'Concepttekst schrijven', en: 'Draft text' },
  description: {
    nl: 'Schrijft een concept, zoals een voortgangsverslag of een antwoord, op basis van jouw instructie, een sjabloon en gegevens uit eerdere stappen. Een mens keurt het concept goed. Zonder AI-koppeling vult Warmflow alleen het sjabloon in.',
    en: 'Writes a draft, such as a progress report or a reply, from your instructions, a template and data from earlier steps. A person approves the draft. Without an AI credential Warmflow only fills in the template.',
  },
  input: aiData,
  config: z.object({
    /** What to write, e.g. "Schrijf een korte, warme bevestiging aan de aanvrager". */
    instructions: z.string().min(1).max(8000),
    /** Optional template with {{field}} slots; offline this is the whole result. */
    template: z.string().max(20_000).default(''),
    /** The data fields the draft may use. */
    fields: z.array(aiFieldPath).min(1).max(50),
    outputField: aiOutputField.default('concept'),
    maxWords: z.number().int().min(10).max(2000).default(250),
    language: aiLanguage,
  }),
  output: aiData,
  secrets: [aiSecretSlot],
  personalData: aiPersonalData,
  activity: aiActivity,
  async execute({ input, config, secrets, signal, heartbeat, log }) {
    const texts = readTexts(input, config.fields)
    const provider = await loadAiProvider(secrets)
    const pseudonymised = fromPseudonymised(input, config.fields)
    if (!provider) {
      // The meta says it was made without AI (shown beside the draft); the text stays clean,
      // since an approved draft may be sent on as it is.
      const body = config.template
        ? fillTemplate(config.template, input)
        : Object.entries(texts)
            .map(([field, text]) => `${field}: ${text}`)
            .join('\n')
      return {
        ...input,
        [config.outputField]: body,
        [`${config.outputField}Meta`]: offlineMeta(pseudonymised),
      }
    }
    const task = [
      `Write a draft text of at most ${config.maxWords} words for a welfare organisation. A person will check it before it is used.`,
      `Instructions from the organisation: ${config.instructions}`,
      config.template
        ? `Follow this template; {{name}} marks where a data field goes:\n${config.template}`
        : '',
      'Use only facts from the data. Answer with the text only.',
    ]
      .filter(Boolean)
      .join('\n')
    guardOutgoing(input, Object.keys(texts), outgoingContent(task, texts), provider.location)
    const messages = buildMessages(task, texts, config.language)
    const result = await callChat({
      provider,
      messages,
      signal,
      heartbeat,
      log,
      maxTokens: config.maxWords * 4,
    })
    return {
      ...input,
      [config.outputField]: cleanModelText(result.content),
      [`${config.outputField}Meta`]: remoteMeta(
        provider,
        result.model,
        result.usage,
        result.requests,
        pseudonymised,
      ),
    }
  },
})
