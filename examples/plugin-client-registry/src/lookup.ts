// #region imports
import { defineNode, NodeError, type NodeHttp } from '@warmflow/engine'
import { z } from 'zod'

// #endregion imports

/** What the registry answers for one client (only the fields this node passes on). */
const registryClient = z.object({
  clientNumber: z.string(),
  initials: z.string(),
  municipality: z.string(),
  careLevel: z.enum(['light', 'medium', 'intensive']),
  contactPhone: z.string().optional(),
})

/** The fields a designer may ask for in version 2; fewer fields, less personal data downstream. */
export const clientFields = ['initials', 'municipality', 'careLevel', 'contactPhone'] as const

// #region errors
/** Turns the registry's HTTP status into a Warmflow error: retry only what may work next time. */
function statusError(status: number): NodeError {
  if (status === 401 || status === 403) {
    return new NodeError('client_registry.unauthorized', `Client registry refused the key (HTTP ${status})`, {
      text: {
        nl: 'Het cliëntenregister weigert de sleutel. Controleer de sleutel bij Instellingen → Sleutels.',
        en: 'The client registry refused the key. Check the key under Settings → Credentials.',
      },
    })
  }
  const retryable = status === 429 || status >= 500
  return new NodeError('client_registry.unavailable', `Client registry answered HTTP ${status}`, {
    retryable,
    text: {
      nl: `Het cliëntenregister gaf een fout (HTTP ${status}).${retryable ? ' Warmflow probeert het zo opnieuw.' : ''}`,
      en: `The client registry returned an error (HTTP ${status}).${retryable ? ' Warmflow will try again shortly.' : ''}`,
    },
  })
}
// #endregion errors

/** Looks one client up; `undefined` when the registry does not know the number. */
async function fetchClient(
  http: NodeHttp,
  endpoint: string,
  clientNumber: string,
  apiKey: string,
  options: { timeoutSeconds: number; requestId: string },
): Promise<z.output<typeof registryClient> | undefined> {
  const url = new URL(
    `clients/${encodeURIComponent(clientNumber)}`,
    endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
  )
  // ctx.http refuses private addresses unless WARMFLOW_HTTP_ALLOW lists them, aborts when the run
  // is cancelled, and turns network trouble into retryable HttpErrors (http.timeout, …).
  const response = await http.fetch(url, {
    headers: {
      authorization: `Bearer ${apiKey}`,
      accept: 'application/json',
      'x-request-id': options.requestId,
    },
    timeoutMs: options.timeoutSeconds * 1000,
  })
  if (response.status === 404) return undefined
  if (!response.ok) throw statusError(response.status)
  const parsed = registryClient.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success) {
    throw new NodeError('client_registry.bad_response', 'Client registry sent an unexpected answer', {
      text: {
        nl: 'Het cliëntenregister stuurde een antwoord dat Warmflow niet begrijpt.',
        en: 'The client registry sent an answer Warmflow does not understand.',
      },
    })
  }
  return parsed.data
}

// #region node
/**
 * Looks a client up in the organisation's client registry by client number, with the
 * registry's API key from the `registry` credential.
 */
export const clientLookup = defineNode({
  type: 'client-registry.lookup',
  version: 1,
  category: 'data',
  icon: 'search',
  title: { nl: 'Cliënt opzoeken', en: 'Look up client' },
  description: {
    nl: 'Zoekt een cliënt op in het cliëntenregister met het cliëntnummer.',
    en: 'Looks a client up in the client registry by client number.',
  },
  input: z.object({ clientNumber: z.string().regex(/^[0-9]{6,10}$/) }),
  config: z.object({
    baseUrl: z.url(),
    timeoutSeconds: z.number().int().min(1).max(60).default(10),
  }),
  output: z.object({
    found: z.boolean(),
    client: registryClient.omit({ contactPhone: true }).optional(),
  }),
  secrets: ['registry'],
  personalData: { reads: ['clientNumber'], sendsOutside: 'when-endpoint-external' },
  activity: {
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: 5,
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '30 seconds',
    },
  },
  async execute(ctx) {
    const apiKey = await ctx.secrets.get('registry')
    ctx.log.info('looking up client') // never log the client number itself
    const client = await fetchClient(ctx.http, ctx.config.baseUrl, ctx.input.clientNumber, apiKey, {
      timeoutSeconds: ctx.config.timeoutSeconds,
      requestId: ctx.idempotencyKey,
    })
    if (!client) return { found: false }
    const { contactPhone: _leftOut, ...withoutPhone } = client
    return { found: true, client: withoutPhone }
  },
})
// #endregion node

/**
 * Version 2: the designer picks which fields come back (data minimisation), and `baseUrl` is
 * called `endpoint`. Flows saved with version 1 keep running version 1.
 */
export const clientLookupV2 = defineNode({
  type: 'client-registry.lookup',
  version: 2,
  category: 'data',
  icon: 'search',
  title: { nl: 'Cliënt opzoeken', en: 'Look up client' },
  description: {
    nl: 'Zoekt een cliënt op in het cliëntenregister en geeft alleen de gekozen velden door.',
    en: 'Looks a client up in the client registry and passes on only the chosen fields.',
  },
  input: z.object({ clientNumber: z.string().regex(/^[0-9]{6,10}$/) }),
  config: z.object({
    endpoint: z.url(),
    timeoutSeconds: z.number().int().min(1).max(60).default(10),
    fields: z.array(z.enum(clientFields)).min(1).default(['initials', 'municipality']),
  }),
  output: z.object({
    found: z.boolean(),
    client: z.record(z.string(), z.string()).optional(),
  }),
  secrets: ['registry'],
  personalData: { reads: ['clientNumber'], sendsOutside: 'when-endpoint-external' },
  activity: clientLookup.activity,
  // #region upgrade
  // What the editor proposes when a designer upgrades a version-1 node: same registry, same timeout.
  upgradeConfig: (old) => ({ endpoint: String(old.baseUrl), timeoutSeconds: Number(old.timeoutSeconds) }),
  // #endregion upgrade
  async execute(ctx) {
    const apiKey = await ctx.secrets.get('registry')
    const client = await fetchClient(ctx.http, ctx.config.endpoint, ctx.input.clientNumber, apiKey, {
      timeoutSeconds: ctx.config.timeoutSeconds,
      requestId: ctx.idempotencyKey,
    })
    if (!client) return { found: false }
    const picked: Record<string, string> = {}
    for (const field of ctx.config.fields) {
      const value = client[field]
      if (value !== undefined) picked[field] = value
    }
    return { found: true, client: picked }
  },
})
