import { defineNode, evaluateExpression, NodeError } from '@warmflow/engine'
import { z } from 'zod'
import { hostOf } from '../register.js'
import { signWebhook, webhookIdFor } from './signature.js'

const data = z.record(z.string(), z.unknown())

/**
 * Posts JSON to a URL, signed as in the Standard Webhooks spec (the same scheme Warmflow checks
 * on incoming webhooks): headers `webhook-id` (stable across retries), `webhook-timestamp` and
 * `webhook-signature` = `v1,` + base64 HMAC-SHA256 over `id.timestamp.body` with the `webhook`
 * secret. Goes through the SSRF-guarded `ctx.http`.
 */
export const webhookSendNode = defineNode({
  type: 'webhook.send',
  version: 1,
  category: 'notify',
  icon: 'webhook',
  title: { nl: 'Webhook versturen', en: 'Send webhook' },
  description: {
    nl: 'Stuurt gegevens naar een ander systeem, ondertekend zodat dat systeem kan controleren dat het bericht van jullie komt.',
    en: 'Sends data to another system, signed so that system can check the message comes from you.',
  },
  input: data,
  config: z.object({
    url: z.url({ protocol: /^https?$/ }).meta({
      label: { nl: 'Adres (URL)', en: 'Address (URL)' },
      help: {
        nl: 'Waar de webhook naartoe gaat, bijvoorbeeld https://…',
        en: 'Where the webhook goes, for example https://…',
      },
    }),
    /** Expression giving the JSON body; the whole input when empty. */
    body: z
      .string()
      .min(1)
      .max(4000)
      .meta({
        label: { nl: 'Inhoud (formule)', en: 'Body (formula)' },
        help: {
          nl: 'Een formule die de JSON geeft die wordt verstuurd. $ betekent: alle gegevens.',
          en: 'A formula giving the JSON that is sent. $ means: all data.',
        },
      })
      .default('$'),
    /** Extra headers (not the signature headers). */
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().max(1000))
      .meta({ label: { nl: 'Extra headers', en: 'Extra headers' } })
      .default({}),
  }),
  output: z.object({ status: z.number().int(), id: z.string(), response: z.unknown() }),
  secrets: ['webhook'],
  personalData: {
    reads: [],
    sendsOutside: 'always',
    register: (config) => ({ recipients: [{ kind: 'webhook', ...hostOf(config.url) }] }),
  },
  activity: {
    startToCloseTimeout: '30 seconds',
    retry: {
      maximumAttempts: 5,
      initialInterval: '5 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
    },
  },
  async execute({ input, config, secrets, http, idempotencyKey }) {
    const secret = await secrets.get('webhook')
    const payload = await evaluateExpression(config.body, input)
    const body = JSON.stringify(payload ?? null)
    const id = webhookIdFor(idempotencyKey)
    const timestamp = Math.floor(Date.now() / 1000)
    const response = await http.fetch(config.url, {
      method: 'POST',
      headers: {
        ...config.headers,
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, id, timestamp, body),
      },
      body,
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON: keep the text
    }
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408
      throw new NodeError('webhook.failed', `The receiver answered ${response.status}`, {
        retryable,
        details: { status: response.status },
        text: {
          nl: `Het andere systeem antwoordde met fout ${response.status}.`,
          en: `The other system answered with error ${response.status}.`,
        },
      })
    }
    return { status: response.status, id, response: parsed }
  },
})
