import { defineNode, type LocalizedText, type NodeDefinition, type NodeLogger } from '@warmflow/engine'
import type { z } from 'zod'
import {
  aiActivity,
  aiData,
  aiPersonalData,
  buildMessages,
  fromPseudonymised,
  guardOutgoing,
  offlineMeta,
  outgoingContent,
  readTexts,
  remoteMeta,
} from './common.js'
import { type AiProviderConfig, aiSecretSlot, callChat, loadAiProvider } from './provider.js'

/** The settings every AI node has, whatever else its config holds. */
export interface AiNodeBaseConfig {
  /** The input fields whose text goes to the model (or to the offline method). */
  fields: string[]
  /** The field the result is written to; `<outputField>Meta` says how it was made. */
  outputField: string
  /** The language of the result. */
  language: 'nl' | 'en'
}

/** What a node asks the model, apart from the data: the skeleton adds the data and the guard. */
export interface AiPrompt {
  /** The task in the system message: the designer's instructions, never the data itself. */
  task: string
  /** Ask for JSON matching this JSON Schema (structured output). */
  json?: { name: string; schema: Record<string, unknown> }
  /** The most tokens the answer may take. */
  maxTokens?: number
}

/** What the offline method and `parse` receive besides the config. */
export interface AiNodeSource {
  /** The node's input: the data of the nodes before it. */
  input: Record<string, unknown>
  /** The texts of `config.fields` that were found, by field path. */
  texts: Record<string, string>
}

/** What a node built with {@link defineAiNode} specifies; the skeleton does the rest. */
export interface AiNodeSpec<Config extends z.ZodType<AiNodeBaseConfig>, Result> {
  /** Dotted lower-case type, e.g. `ai.summarise`. */
  type: string
  version: number
  title: LocalizedText
  description: LocalizedText
  icon: string
  /** The settings; must hold `fields`, `outputField` and `language` ({@link AiNodeBaseConfig}). */
  config: Config
  /** The task for the model, from the config. Its text is checked by the guard before sending. */
  prompt(config: z.output<Config>): AiPrompt
  /** Turns the model's answer into the result; throw a `NodeError` when it has the wrong shape. */
  parse(content: string, config: z.output<Config>, source: AiNodeSource): Result
  /** The result without an AI endpoint: the built-in method, labelled as such in the meta. */
  offline(config: z.output<Config>, source: AiNodeSource): Result
  /**
   * More fields beside the result, by suffix: `{ Missing: [...] }` writes `<outputField>Missing`.
   * Called with the result of either method.
   */
  besides?(result: Result, config: z.output<Config>): Record<string, unknown>
}

/**
 * Defines an AI node on one skeleton, so no AI node can skip what every one of them must do:
 *
 * - reads the text of `config.fields` (a clear `ai.no_text` error when there is none);
 * - without an `ai` credential, runs the `offline` method and says so in `<outputField>Meta`;
 * - with one, applies the personal-data guard ({@link guardOutgoing}) to exactly what is sent:
 *   a valid BSN is refused for every endpoint, and an `external` endpoint only gets fields that
 *   passed `privacy.pseudonymise`; only then builds the messages (data between random markers);
 * - calls the endpoint with retries inside the attempt and Temporal retries around it
 *   ({@link aiActivity}), heartbeats and cancellation;
 * - records the model, the token usage and the number of requests in `<outputField>Meta`, and
 *   logs them (never the prompt);
 * - keeps the input and adds the result, its meta and the `besides` fields.
 *
 * @example
 * export const keywordsNode = defineAiNode({
 *   type: 'ai.keywords', version: 1, icon: 'tags',
 *   title: { nl: 'Trefwoorden', en: 'Keywords' },
 *   description: { nl: 'Zoekt trefwoorden in een tekst.', en: 'Finds keywords in a text.' },
 *   config: z.object({ fields: z.array(aiFieldPath).min(1), outputField: aiOutputField.default('trefwoorden'), language: aiLanguage }),
 *   prompt: () => ({ task: 'List the five most important keywords, one per line.' }),
 *   parse: (content) => cleanModelText(content).split('\n').slice(0, 5),
 *   offline: (_config, { texts }) => Object.values(texts).join(' ').split(/\s+/).slice(0, 5),
 * })
 */
export function defineAiNode<Config extends z.ZodType<AiNodeBaseConfig>, Result>(
  spec: AiNodeSpec<Config, Result>,
): NodeDefinition<typeof aiData, Config, typeof aiData, typeof aiSecretSlot> {
  return defineNode({
    type: spec.type,
    version: spec.version,
    category: 'ai',
    icon: spec.icon,
    title: spec.title,
    description: spec.description,
    input: aiData,
    config: spec.config,
    output: aiData,
    secrets: [aiSecretSlot],
    personalData: aiPersonalData,
    activity: aiActivity,
    async execute({ input, config, secrets, signal, heartbeat, log }) {
      const texts = readTexts(input, config.fields)
      const provider = await loadAiProvider(secrets)
      const pseudonymised = fromPseudonymised(input, config.fields)
      const source: AiNodeSource = { input, texts }
      const write = (result: Result, meta: ReturnType<typeof offlineMeta>) => ({
        ...input,
        [config.outputField]: result,
        ...suffixed(config.outputField, spec.besides?.(result, config) ?? {}),
        [`${config.outputField}Meta`]: meta,
      })
      // How a result was made goes in the meta (the inbox shows it as a badge), never in the
      // result itself: that text may end up in an e-mail to a volunteer or a client.
      if (!provider) return write(spec.offline(config, source), offlineMeta(pseudonymised))
      const { task, json, maxTokens } = spec.prompt(config)
      const answer = await ask(
        provider,
        { task, texts, input, language: config.language, json, maxTokens },
        {
          signal,
          heartbeat,
          log,
        },
      )
      return write(
        spec.parse(answer.content, config, source),
        remoteMeta(provider, answer.model, answer.usage, answer.requests, pseudonymised),
      )
    },
  })
}

interface AskOptions extends AiPrompt {
  texts: Record<string, string>
  input: Record<string, unknown>
  language: 'nl' | 'en'
}

/**
 * The only way the skeleton reaches an AI endpoint: the guard first, on the task and the data
 * exactly as they are sent, then the request.
 */
async function ask(
  provider: AiProviderConfig,
  { task, texts, input, language, json, maxTokens }: AskOptions,
  run: { signal: AbortSignal; heartbeat(details?: unknown): void; log: NodeLogger },
) {
  guardOutgoing(input, Object.keys(texts), outgoingContent(task, texts), provider.location)
  const result = await callChat({
    provider,
    messages: buildMessages(task, texts, language),
    ...(json ? { json } : {}),
    ...(maxTokens ? { maxTokens } : {}),
    ...run,
  })
  run.log.info('AI answer received', {
    model: result.model,
    tokens: result.usage.totalTokens,
    requests: result.requests,
  })
  return result
}

function suffixed(outputField: string, fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([suffix, value]) => [`${outputField}${suffix}`, value]),
  )
}
