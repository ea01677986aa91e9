import { defineNode, evaluateExpression, NodeError } from '@warmflow/engine'
import { z } from 'zod'
import { formulaHelp } from '../field-labels.js'
import { hostOf } from '../register.js'

const data = z.record(z.string(), z.unknown())
const expression = z.string().min(1).max(4000)

/** The `http` credential: which hosts it is for, and what to send them. */
export const httpCredentialSchema = z
  .object({
    /** Host names (e.g. `api.gemeente.nl`) the credential may be sent to; nothing else. */
    hosts: z.array(z.string().min(1).max(253)).min(1),
    bearer: z.string().min(1).optional(),
    basic: z.object({ user: z.string(), pass: z.string() }).optional(),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string()).optional(),
  })
  .refine((c) => c.bearer || c.basic || c.headers, { message: 'Give bearer, basic or headers' })

/** Methods that change something at the receiver: they carry an `Idempotency-Key`. */
const unsafeMethods: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Fills `{{ field }}` in a URL's path and query with URL-encoded values from the data. */
function fillUrl(template: string, input: unknown): string {
  return template.replace(
    /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g,
    (_m, path: string) => {
      let current: unknown = input
      for (const part of path.split('.')) {
        current =
          current !== null && typeof current === 'object' && Object.hasOwn(current, part)
            ? (current as Record<string, unknown>)[part]
            : undefined
      }
      return encodeURIComponent(current === undefined || current === null ? '' : String(current))
    },
  )
}

/**
 * Calls an HTTP API through the SSRF-guarded `ctx.http`. The scheme and host are fixed in the
 * config; upstream values only go into the path, query and body (URL-encoded or as JSON). An
 * `http` credential is only ever sent to the hosts it names.
 */
export const httpRequestNode = defineNode({
  type: 'http.request',
  version: 1,
  category: 'data',
  icon: 'globe',
  title: { nl: 'Webadres aanroepen (HTTP)', en: 'Call a web address (HTTP)' },
  description: {
    nl: 'Haalt gegevens op bij of stuurt gegevens naar een ander systeem via internet. Een sleutel gaat alleen naar de servers waarvoor hij is ingesteld.',
    en: 'Fetches data from or sends data to another system over the internet. A credential only goes to the servers it is set up for.',
  },
  input: data,
  config: z.object({
    method: z
      .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
      .meta({
        label: { nl: 'Methode', en: 'Method' },
        help: {
          nl: 'GET haalt gegevens op; POST, PUT en PATCH sturen gegevens.',
          en: 'GET fetches data; POST, PUT and PATCH send data.',
        },
      })
      .default('GET'),
    /** E.g. `https://api.example.nl/clients/{{ clientId }}`; the host cannot hold placeholders. */
    url: z
      .string()
      .min(1)
      .max(2000)
      .meta({
        label: { nl: 'Adres (URL)', en: 'Address (URL)' },
        help: {
          nl: 'Begint met https://. Na de server mag {{ veld }} staan, bijvoorbeeld https://api.voorbeeld.nl/clienten/{{ clientId }}.',
          en: 'Starts with https://. After the server you may use {{ field }}, for example https://api.example.nl/clients/{{ clientId }}.',
        },
      })
      .refine((u) => /^https?:\/\/[^/{}\s]+(\/|$|\?)/.test(u), {
        message: 'Start with http(s):// and a fixed host / begin met http(s):// en een vaste server',
      }),
    /** Query parameters: name → JSONata expression. */
    query: z
      .record(z.string().min(1).max(100), expression)
      .meta({
        label: { nl: 'Zoekparameters (formules)', en: 'Query parameters (formulas)' },
        help: { nl: 'Per naam een formule die de waarde geeft.', en: 'Per name a formula giving the value.' },
      })
      .default({}),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().max(2000))
      .meta({ label: { nl: 'Extra headers', en: 'Extra headers' } })
      .default({}),
    /** JSONata expression giving the JSON body (not for GET). */
    body: expression.optional().meta({
      label: { nl: 'Inhoud (formule)', en: 'Body (formula)' },
      help: { nl: `Niet bij GET. ${formulaHelp.nl}`, en: `Not with GET. ${formulaHelp.en}` },
    }),
    /** Send the `http` credential (when one is configured). */
    authenticate: z
      .boolean()
      .meta({
        label: { nl: 'Inloggegevens meesturen', en: 'Send the credential' },
        help: {
          nl: 'Stuurt de gekozen inloggegevens "http" mee, alleen naar de servers die daarin staan.',
          en: 'Sends the chosen "http" credential, only to the servers listed in it.',
        },
      })
      .default(false),
    /**
     * Send an `Idempotency-Key` header with POST, PUT, PATCH and DELETE: the same value on every
     * retry of this node in this run, so the receiver can recognise a repeat.
     */
    idempotencyKey: z
      .boolean()
      .default(true)
      .meta({
        label: { nl: 'Idempotency-Key meesturen', en: 'Send an Idempotency-Key' },
        help: {
          nl: 'Bij POST, PUT, PATCH en DELETE krijgt de server bij elke nieuwe poging dezelfde sleutel, zodat hij een herhaling herkent.',
          en: 'With POST, PUT, PATCH and DELETE the server gets the same key on every retry, so it can recognise a repeat.',
        },
      }),
  }),
  output: z.object({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
  secrets: ['http'],
  personalData: {
    reads: [],
    sendsOutside: 'always',
    register: (config) => ({ recipients: [{ kind: 'http', ...hostOf(config.url) }] }),
  },
  activity: {
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: 3,
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
    },
  },
  async execute({ input, config, secrets, http, idempotencyKey }) {
    const url = new URL(fillUrl(config.url, input))
    for (const [name, source] of Object.entries(config.query)) {
      const value = await evaluateExpression(source, input)
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value))
    }
    const headers: Record<string, string> = { ...config.headers }
    // Headers that came from the credential: they never follow a redirect to another origin.
    const credentialHeaders: string[] = []
    if (config.idempotencyKey && unsafeMethods.has(config.method)) {
      headers['idempotency-key'] = idempotencyKey
    }
    if (config.authenticate) {
      const raw = await secrets.get('http')
      let parsedJson: unknown
      try {
        parsedJson = JSON.parse(raw)
      } catch {
        parsedJson = undefined
      }
      const credential = httpCredentialSchema.safeParse(parsedJson)
      if (!credential.success) {
        throw new NodeError('http.invalid_credential', 'The http credential is not valid', {
          text: {
            nl: 'De HTTP-sleutel klopt niet: verwacht JSON met hosts en bearer, basic of headers.',
            en: 'The HTTP credential is not valid: expected JSON with hosts and bearer, basic or headers.',
          },
        })
      }
      const host = url.hostname.toLowerCase()
      if (!credential.data.hosts.some((h) => h.toLowerCase() === host)) {
        throw new NodeError('http.credential_host', `The credential is not for host ${host}`, {
          text: {
            nl: `De sleutel is niet bedoeld voor ${host}; Warmflow stuurt hem daar niet heen.`,
            en: `The credential is not meant for ${host}; Warmflow does not send it there.`,
          },
        })
      }
      if (credential.data.bearer) headers.authorization = `Bearer ${credential.data.bearer}`
      if (credential.data.basic) {
        headers.authorization = `Basic ${Buffer.from(`${credential.data.basic.user}:${credential.data.basic.pass}`).toString('base64')}`
      }
      if (credential.data.bearer || credential.data.basic) credentialHeaders.push('authorization')
      for (const [name, value] of Object.entries(credential.data.headers ?? {})) {
        headers[name] = value
        credentialHeaders.push(name)
      }
    }
    let body: string | undefined
    if (config.body && config.method !== 'GET') {
      body = JSON.stringify((await evaluateExpression(config.body, input)) ?? null)
      headers['content-type'] = 'application/json'
    }
    const response = await http.fetch(url, {
      method: config.method,
      headers,
      credentialHeaders,
      ...(body === undefined ? {} : { body }),
    })
    const text = await response.text()
    let parsed: unknown = text
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        // keep the text
      }
    }
    if (!response.ok) {
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408
      throw new NodeError('http.status', `The server answered ${response.status}`, {
        retryable,
        details: { status: response.status },
        text: {
          nl: `De server antwoordde met fout ${response.status}.`,
          en: `The server answered with error ${response.status}.`,
        },
      })
    }
    const responseHeaders: Record<string, string> = {}
    response.headers.forEach((value, key) => {
      if (key !== 'set-cookie') responseHeaders[key] = value
    })
    return { status: response.status, headers: responseHeaders, body: parsed }
  },
})
