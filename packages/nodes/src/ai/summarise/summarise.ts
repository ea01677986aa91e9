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
import { summariseOffline } from '../offline.js'
import { aiSecretSlot, callChat, loadAiProvider } from '../provider.js'

/**
 * Summarises text fields. With an `ai` credential through any OpenAI-compatible endpoint; without
 * one through the built-in extractive method, labelled as such in the text and in `<output>Meta`.
 */
export const summariseNode = defineNode({
  type: 'ai.summarise',
  version: 1,
  category: 'ai',
  icon: 'sparkles',
  title: { nl: 'Samenvatten', en: 'Summarise' },
  description: {
    nl: 'Maakt een korte samenvatting van een tekst, zoals de omschrijving in een aanmelding. Zonder AI-koppeling kiest Warmflow zelf de belangrijkste zinnen en zegt dat erbij.',
    en: 'Writes a short summary of a text, such as the description in an intake. Without an AI credential Warmflow picks the key sentences itself and says so.',
  },
  input: aiData,
  config: z.object({
    /** The text fields to summarise. */
    fields: z.array(aiFieldPath).min(1).max(20).default(['omschrijving']),
    outputField: aiOutputField.default('samenvatting'),
    maxWords: z.number().int().min(10).max(1000).default(120),
    /** For the offline method: how many sentences to keep. */
    maxSentences: z.number().int().min(1).max(20).default(3),
    language: aiLanguage,
    /** Extra instructions from the designer, e.g. what to pay attention to. */
    instructions: z.string().max(4000).default(''),
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
      // How the text was made goes in the meta (the inbox shows it as a badge), never in the
      // text itself: that text may end up in an e-mail to a volunteer or a client.
      const summary = summariseOffline(Object.values(texts).join('\n'), config)
      return {
        ...input,
        [config.outputField]: summary,
        [`${config.outputField}Meta`]: offlineMeta(pseudonymised),
      }
    }
    const task = [
      `Summarise the data for a coordinator in a welfare organisation in at most ${config.maxWords} words.`,
      'Say what the person needs help with, when, and anything that matters for finding a volunteer. Do not add facts.',
      config.instructions,
    ]
      .filter(Boolean)
      .join('\n')
    guardOutgoing(input, Object.keys(texts), outgoingContent(task, texts), provider.location)
    const outgoing = buildMessages(task, texts, config.language)
    const result = await callChat({
      provider,
      messages: outgoing,
      signal,
      heartbeat,
      log,
      maxTokens: config.maxWords * 4,
    })
    log.info('Summary made', { model: result.model, tokens: result.usage.totalTokens })
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
