import { NodeError, type NodeLogger, type NodeSecrets } from '@warmflow/engine'
import OpenAI from 'openai'
import { z } from 'zod'

/** The secret slot every AI node declares; its credential holds {@link AiProviderConfig} as JSON. */
export const aiSecretSlot = 'ai'

/**
 * An AI endpoint, stored as a credential (JSON): any server speaking the OpenAI chat-completions
 * protocol (OpenAI, Azure OpenAI, Mistral, Ollama, vLLM, LM Studio).
 */
export const aiProviderSchema = z.object({
  baseUrl: z.url(),
  /** Empty for servers without keys, such as a local Ollama. */
  apiKey: z.string().default(''),
  model: z.string().min(1),
  /** Where the endpoint runs: inside the organisation, in the EU, or elsewhere. */
  location: z.enum(['local', 'eu', 'external']),
  timeoutSeconds: z.number().positive().max(600).default(60),
  /** Retries inside one attempt of the node, for 429 and 5xx answers and timeouts. */
  maxRetries: z.number().int().min(0).max(6).default(2),
  /** How to ask for JSON: `json_schema` (strict structured output) or the older `json_object`. */
  structuredOutput: z.enum(['json_schema', 'json_object']).default('json_schema'),
  /** Extra request headers some gateways need, e.g. `{ "api-key": "…" }` for Azure OpenAI. */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(4096)).default({}),
})

/** A configured AI endpoint. */
export type AiProviderConfig = z.infer<typeof aiProviderSchema>

/** Where an endpoint runs. */
export type AiLocation = AiProviderConfig['location']

/** Token usage of one AI call, as the server reported it. */
export const aiUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
})

/** Token usage of an AI call. */
export type AiUsage = z.infer<typeof aiUsageSchema>

/**
 * Reads the `ai` credential. Undefined when none is configured (the node then uses the offline
 * method); a credential that is not valid JSON of the right shape is an error, never a silent fallback.
 */
export async function loadAiProvider(
  secrets: Pick<NodeSecrets<typeof aiSecretSlot>, 'find'>,
): Promise<AiProviderConfig | undefined> {
  const raw = await secrets.find(aiSecretSlot)
  if (raw === undefined || raw.trim() === '') return undefined
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (cause) {
    throw invalidCredential(cause)
  }
  const parsed = aiProviderSchema.safeParse(json)
  if (!parsed.success) throw invalidCredential(parsed.error)
  return parsed.data
}

function invalidCredential(cause: unknown) {
  return new NodeError('ai.invalid_credential', 'The AI credential is not valid', {
    cause,
    text: {
      nl: 'De koppeling met de AI-dienst klopt niet. Nodig zijn: baseUrl, model en location (local, eu of external), en zo nodig apiKey.',
      en: 'The AI credential is not valid. It needs baseUrl, model and location (local, eu or external), and apiKey if the server asks for one.',
    },
  })
}

/** A chat message as the provider receives it. */
export interface ChatMessage {
  role: 'system' | 'user'
  content: string
}

/** What {@link callChat} returns. */
export interface ChatResult {
  content: string
  model: string
  usage: AiUsage
  /** How many HTTP requests it took (1 without retries). */
  requests: number
}

/** Options for {@link callChat}. */
export interface ChatOptions {
  provider: AiProviderConfig
  messages: ChatMessage[]
  /** Ask for JSON matching this JSON Schema. */
  json?: { name: string; schema: Record<string, unknown> }
  maxTokens?: number
  signal: AbortSignal
  heartbeat(details?: unknown): void
  log: NodeLogger
  /** Milliseconds to wait before retry n (1-based); exposed for tests. */
  backoffMs?: (retry: number) => number
}

const defaultBackoff = (retry: number) =>
  Math.min(500 * 2 ** (retry - 1), 8000) + Math.floor(Math.random() * 250)

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

function cancelled(cause: unknown) {
  return new NodeError('ai.cancelled', 'The AI call was cancelled', {
    cause,
    text: {
      nl: 'De vraag aan de AI-dienst is afgebroken.',
      en: 'The request to the AI service was cancelled.',
    },
  })
}

function retryAfterMs(error: InstanceType<typeof OpenAI.APIError>): number | undefined {
  const header = error.headers?.get('retry-after')
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.min(seconds * 1000, 30_000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.min(Math.max(0, date - Date.now()), 30_000)
}

/** Turns a failed request into a node error; `retry` says whether another request may help. */
function classify(error: unknown, provider: AiProviderConfig): { retry: boolean; error: NodeError } {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return {
      retry: true,
      error: new NodeError(
        'ai.timeout',
        `The AI service did not answer within ${provider.timeoutSeconds} s`,
        {
          retryable: true,
          cause: error,
          text: {
            nl: `De AI-dienst gaf binnen ${provider.timeoutSeconds} seconden geen antwoord. Warmflow probeert het later opnieuw.`,
            en: `The AI service did not answer within ${provider.timeoutSeconds} seconds. Warmflow will try again later.`,
          },
        },
      ),
    }
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return {
      retry: true,
      error: new NodeError('ai.unreachable', 'The AI service cannot be reached', {
        retryable: true,
        cause: error,
        text: {
          nl: 'De AI-dienst is niet bereikbaar. Warmflow probeert het later opnieuw.',
          en: 'The AI service cannot be reached. Warmflow will try again later.',
        },
      }),
    }
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0
    if (status === 429) {
      return {
        retry: true,
        error: new NodeError('ai.rate_limited', 'The AI service is busy (429)', {
          retryable: true,
          cause: error,
          details: { status },
          text: {
            nl: 'De AI-dienst heeft het te druk (te veel vragen). Warmflow probeert het later opnieuw.',
            en: 'The AI service is busy (too many requests). Warmflow will try again later.',
          },
        }),
      }
    }
    if (status >= 500) {
      return {
        retry: true,
        error: new NodeError('ai.server_error', `The AI service failed (${status})`, {
          retryable: true,
          cause: error,
          details: { status },
          text: {
            nl: `De AI-dienst had een storing (${status}). Warmflow probeert het later opnieuw.`,
            en: `The AI service had a failure (${status}). Warmflow will try again later.`,
          },
        }),
      }
    }
    if (status === 401 || status === 403) {
      return {
        retry: false,
        error: new NodeError('ai.unauthorized', `The AI service refused the key (${status})`, {
          cause: error,
          details: { status },
          text: {
            nl: 'De AI-dienst accepteert de sleutel niet. Controleer de koppeling.',
            en: 'The AI service does not accept the key. Check the credential.',
          },
        }),
      }
    }
    return {
      retry: false,
      error: new NodeError('ai.rejected', `The AI service rejected the request (${status})`, {
        cause: error,
        details: { status },
        text: {
          nl: `De AI-dienst weigerde de vraag (${status}). Controleer het model in de koppeling.`,
          en: `The AI service rejected the request (${status}). Check the model in the credential.`,
        },
      }),
    }
  }
  return {
    retry: false,
    error: new NodeError('ai.failed', 'The AI call failed', {
      cause: error,
      text: { nl: 'De vraag aan de AI-dienst is mislukt.', en: 'The request to the AI service failed.' },
    }),
  }
}

/**
 * Sends one chat completion through the `openai` SDK to the configured base URL, with a timeout
 * per request, retries with backoff on 429, 5xx and timeouts (honouring `Retry-After`), a
 * heartbeat every few seconds while waiting, and cancellation through `signal`.
 * The prompt never appears in logs or error messages.
 *
 * @example
 * const result = await callChat({ provider, messages, signal: ctx.signal, heartbeat: ctx.heartbeat, log: ctx.log })
 */
export async function callChat(options: ChatOptions): Promise<ChatResult> {
  const { provider, signal } = options
  const client = new OpenAI({
    baseURL: provider.baseUrl,
    apiKey: provider.apiKey || 'not-needed',
    timeout: provider.timeoutSeconds * 1000,
    maxRetries: 0,
    defaultHeaders: provider.headers,
  })
  const backoff = options.backoffMs ?? defaultBackoff
  const responseFormat = options.json
    ? provider.structuredOutput === 'json_schema'
      ? {
          type: 'json_schema' as const,
          json_schema: { name: options.json.name, schema: options.json.schema, strict: true },
        }
      : { type: 'json_object' as const }
    : undefined
  for (let request = 1; ; request++) {
    options.heartbeat({ ai: 'request', request })
    const beat = setInterval(() => options.heartbeat({ ai: 'waiting', request }), 5000)
    try {
      const completion = await client.chat.completions.create(
        {
          model: provider.model,
          messages: options.messages,
          temperature: 0.2,
          ...(options.maxTokens ? { max_tokens: options.maxTokens } : {}),
          ...(responseFormat ? { response_format: responseFormat } : {}),
        },
        { signal },
      )
      const content = completion.choices[0]?.message?.content
      if (typeof content !== 'string' || content.trim() === '') {
        throw new NodeError('ai.empty_answer', 'The AI service returned no text', {
          text: {
            nl: 'De AI-dienst gaf een leeg antwoord.',
            en: 'The AI service returned an empty answer.',
          },
        })
      }
      return {
        content,
        model: completion.model || provider.model,
        usage: {
          promptTokens: completion.usage?.prompt_tokens ?? 0,
          completionTokens: completion.usage?.completion_tokens ?? 0,
          totalTokens: completion.usage?.total_tokens ?? 0,
        },
        requests: request,
      }
    } catch (error) {
      if (error instanceof NodeError) throw error
      if (signal.aborted || error instanceof OpenAI.APIUserAbortError) throw cancelled(error)
      const outcome = classify(error, provider)
      if (!outcome.retry || request > provider.maxRetries) throw outcome.error
      const wait =
        (error instanceof OpenAI.APIError && error.status === 429 ? retryAfterMs(error) : undefined) ??
        backoff(request)
      options.log.warn('AI request failed, retrying', { code: outcome.error.code, request, waitMs: wait })
      try {
        await sleep(wait, signal)
      } catch (abort) {
        throw cancelled(abort)
      }
    } finally {
      clearInterval(beat)
    }
  }
}
