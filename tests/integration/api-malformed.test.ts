import { signWebhook } from '@warmflow/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Requester, startTestPlatform, type TestPlatform } from '../support/platform.js'

// Every route in the OpenAPI document, with malformed ids, queries and bodies: never a 500.

let platform: TestPlatform
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
})
afterAll(async () => {
  await platform?.stop()
})

const malformedIds = [
  'not-a-uuid',
  '00000000-0000-4000-8000-000000000000',
  '%00',
  '1'.repeat(300),
  "x' or 1=1 --",
]
const bodies: unknown[] = [
  undefined,
  '{"half": ',
  'null',
  '[]',
  '"tekst"',
  '12',
  { unknown: true, teamId: 'x', roles: ['admin'], id: 'y' },
  { revision: -1, definition: { nodes: 'x' }, decision: 'misschien', value: '', name: '' },
]
const queries = [
  '',
  '?limit=abc',
  '?limit=-1',
  '?cursor=%%%',
  '?cursor=eyJ4Ijp0cnVlfQ',
  '?since=gisteren&wait=-5',
  '?from=x&to=y&version=0',
]

/**
 * The sample's seed: `WARMFLOW_TEST_SEED` repeats a run, otherwise a new one each run (printed,
 * and named in a failure).
 */
const seed = Number(process.env.WARMFLOW_TEST_SEED) || Math.floor(Math.random() * 2 ** 31)

/** mulberry32: a small seeded generator, so one seed always gives the same sample. */
function seededRandom(start: number): () => number {
  let state = start >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const copy = [...values]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
  }
  return copy
}

/** Random combinations beyond the ones that cover each value once, per route. */
const extraPerRoute = 4

/**
 * Per route, combinations of id, query and body in which every id (when the path has one),
 * every query and every body (GET: none) occurs at least once, each value paired with others
 * at random, plus {@link extraPerRoute} random combinations: at most 12 combinations a route
 * (each sent signed in and not) instead of every one of up to 336 (6 ids, 7 queries, 8 bodies).
 */
function sampleRoute<I, Q, B>(
  dimensions: { ids: readonly I[]; queries: readonly Q[]; bodies: readonly B[] },
  random: () => number,
): { id: I; query: Q; body: B }[] {
  const { ids, queries, bodies } = dimensions
  const rows = Math.max(ids.length, queries.length, bodies.length)
  const [i, q, b] = [shuffled(ids, random), shuffled(queries, random), shuffled(bodies, random)]
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T
  const sample: { id: I; query: Q; body: B }[] = []
  for (let row = 0; row < rows; row++) {
    sample.push({
      id: row < i.length ? (i[row] as I) : pick(ids),
      query: row < q.length ? (q[row] as Q) : pick(queries),
      body: row < b.length ? (b[row] as B) : pick(bodies),
    })
  }
  for (let extra = 0; extra < extraPerRoute; extra++)
    sample.push({ id: pick(ids), query: pick(queries), body: pick(bodies) })
  return sample
}

/** The ids, queries and bodies of a route that its sample leaves out (none, by construction). */
function uncovered<I, Q, B>(
  dimensions: { ids: readonly I[]; queries: readonly Q[]; bodies: readonly B[] },
  sample: readonly { id: I; query: Q; body: B }[],
): string[] {
  const missing = <T>(name: string, values: readonly T[], used: T[]) =>
    values.filter((value) => !used.includes(value)).map((value) => `${name} ${JSON.stringify(value)}`)
  return [
    ...missing(
      'id',
      dimensions.ids,
      sample.map((row) => row.id),
    ),
    ...missing(
      'query',
      dimensions.queries,
      sample.map((row) => row.query),
    ),
    ...missing(
      'body',
      dimensions.bodies,
      sample.map((row) => row.body),
    ),
  ]
}

describe('malformed requests', () => {
  it('never answer 500 on any route, signed in or not (a seeded sample of the combinations)', async () => {
    console.info(`api-malformed: seed ${seed} (WARMFLOW_TEST_SEED=${seed} repeats this sample)`)
    const random = seededRandom(seed)
    // A real flow too, so requests get past the lookup into validation.
    const flow = await platform.request('POST', '/api/v1/flows', {
      name: 'Doelwit',
      nodes: [{ id: 'start', type: 'manual', version: 1 }],
    })
    const ids = [...malformedIds, flow.body.id as string]
    const doc = await platform.request('GET', '/api/v1/openapi.json')
    const paths = doc.body.paths as Record<string, Record<string, unknown>>
    expect(Object.keys(paths).length).toBeGreaterThan(20)
    const routes = Object.entries(paths)
      .flatMap(([template, operations]) => Object.keys(operations).map((method) => ({ template, method })))
      // Streams are covered in api-events.test.ts.
      .filter(({ template }) => !template.endsWith('/events'))
      // Signing out ends the session the signed-in requests use: last, so they stay signed in.
      .sort((a, b) => Number(a.template.endsWith('/logout')) - Number(b.template.endsWith('/logout')))
    const failures: string[] = []
    const gaps: string[] = []
    let sent = 0
    for (const { template, method } of routes) {
      const dimensions = {
        // Keep the real flow for the other routes.
        ids: /\{[^}]+\}/.test(template)
          ? ids.filter((id) => method !== 'delete' || id !== flow.body.id)
          : [''],
        queries,
        bodies: method === 'get' ? [undefined] : bodies,
      }
      const sample = sampleRoute(dimensions, random)
      gaps.push(...uncovered(dimensions, sample).map((gap) => `${method} ${template}: ${gap}`))
      for (const { id, query, body } of sample) {
        const path = template.replace(/\{[^}]+\}/g, encodeURIComponent(id))
        for (const requester of [platform, platform.as(null)]) {
          const response = await requester.request(method.toUpperCase(), `${path}${query}`, body)
          sent += 1
          if (response.status >= 500)
            failures.push(`${method} ${path}${query} ${JSON.stringify(body)} → ${response.status}`)
        }
      }
    }
    // Each route saw each malformed id, query and body at least once, signed in and not.
    expect(gaps).toEqual([])
    expect(sent).toBeLessThanOrEqual(routes.length * 2 * (bodies.length + extraPerRoute))
    expect(failures, `seed ${seed}: WARMFLOW_TEST_SEED=${seed} repeats this sample`).toEqual([])
  }, 120_000)
})

// Poison input at every entrance: refused at the edge with a 400 problem, and no run starts.
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
const poison: { name: string; fields: string; code: string }[] = [
  { name: 'a \\u0000 in a value', fields: '"voornaam":"Da\\u0000an"', code: 'request.nul_character' },
  { name: 'a \\u0000 in a key', fields: '"voor\\u0000naam":"Daan"', code: 'request.nul_character' },
  { name: 'a lone high surrogate', fields: '"voornaam":"Da\\ud800an"', code: 'request.unpaired_surrogate' },
  { name: 'a lone low surrogate', fields: '"voornaam":"\\udc00"', code: 'request.unpaired_surrogate' },
  {
    name: '10 000-deep nesting',
    fields: `"voornaam":"Daan","extra":${deep(10_000)}`,
    code: 'request.too_deep',
  },
]

describe('poison input at the edge', () => {
  const fields = [
    { name: 'voornaam', type: 'text', label: { nl: 'Voornaam', en: 'First name' }, required: true },
  ]
  const entrances: {
    name: string
    flowId: string
    send(fieldsJson: string): Promise<{ status: number; body: any }>
  }[] = []

  // Its own session: the sweep above signs the platform's admin out (POST /auth/logout).
  let designer: Requester

  async function published(definition: unknown) {
    const flow = await designer.request('POST', '/api/v1/flows', definition)
    expect(flow.status).toBe(201)
    expect((await designer.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
    return flow.body.id as string
  }

  beforeAll(async () => {
    designer = platform.as(await platform.createUser({ roles: ['designer'], teams: [platform.team] }))
    const formFlow = await published({
      name: 'Poison: formulier',
      nodes: [{ id: 'formulier', type: 'form', version: 1, config: { fields } }],
    })
    entrances.push({
      name: 'public form',
      flowId: formFlow,
      send: (json) => platform.as(null).request('POST', `/api/v1/forms/${formFlow}`, `{${json}}`),
    })
    const hookFlow = await published({
      name: 'Poison: webhook',
      nodes: [{ id: 'hook', type: 'webhook', version: 1, config: { fields } }],
    })
    const { body: made } = await designer.request('POST', `/api/v1/flows/${hookFlow}/webhook/secret`)
    entrances.push({
      name: 'signed webhook',
      flowId: hookFlow,
      send: (json) => {
        const body = `{${json}}`
        const id = `msg_${Math.random().toString(36).slice(2)}`
        const timestamp = Math.floor(Date.now() / 1000)
        return platform.as(null).request('POST', `/api/v1/hooks/${hookFlow}?wait=0`, body, {
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(made.secret, id, timestamp, body),
        })
      },
    })
    const manualFlow = await published({
      name: 'Poison: handmatig',
      nodes: [{ id: 'start', type: 'manual', version: 1 }],
    })
    entrances.push({
      name: 'manual start',
      flowId: manualFlow,
      send: (json) => designer.request('POST', `/api/v1/flows/${manualFlow}/runs`, `{"input":{${json}}}`),
    })
    entrances.push({
      name: 'test run',
      flowId: manualFlow,
      send: (json) =>
        designer.request('POST', `/api/v1/flows/${manualFlow}/test-runs`, `{"input":{${json}}}`),
    })
  })

  it('refuses \\u0000, lone surrogates and deep nesting with 400 at every entrance; no run starts', async () => {
    const runsOf = async (flowId: string) =>
      (await platform.db.selectFrom('runs').select('id').where('flow_id', '=', flowId).execute()).length
    const seen: string[] = []
    for (const entrance of entrances) {
      const before = await runsOf(entrance.flowId)
      for (const input of poison) {
        const response = await entrance.send(input.fields)
        seen.push(`${entrance.name} / ${input.name}: ${response.status} ${response.body?.code}`)
      }
      expect(await runsOf(entrance.flowId)).toBe(before)
    }
    expect(seen).toEqual(
      entrances.flatMap((entrance) =>
        poison.map((input) => `${entrance.name} / ${input.name}: 400 ${input.code}`),
      ),
    )
  })

  it('answers every JSON body route the same way, and a problem in Dutch and English', async () => {
    const created = await designer.request('POST', '/api/v1/flows', `{"name":"Diep","extra":${deep(10_000)}}`)
    expect(created.status).toBe(400)
    expect(created.body.code).toBe('request.too_deep')
    expect(created.body.message.nl).toMatch(/genest/)
    const named = await designer.request('POST', '/api/v1/flows', '{"name":"Geheim\\u0000Naam","nodes":[]}')
    expect(named.status).toBe(400)
    expect(named.body.code).toBe('request.nul_character')
    expect(named.body.errors[0].path).toEqual(['name'])
    expect(JSON.stringify(named.body)).not.toContain('Geheim')
    // Larger than the body limit, however it is nested: 413, never a 500.
    const huge = await designer.request('POST', '/api/v1/flows', `{"name":"Groot","extra":${deep(600_000)}}`)
    expect(huge.status).toBe(413)
    expect(huge.body.code).toBe('request.too_large')
    const query = await designer.request('GET', '/api/v1/runs?status=%00')
    expect(query.status).toBe(400)
    expect(query.body.code).toBe('request.nul_character')
    // Well-formed pairs pass the edge.
    const fine = await designer.request(
      'POST',
      '/api/v1/flows',
      '{"name":"Emoji \\ud83d\\ude00","nodes":[{"id":"start","type":"manual","version":1}]}',
    )
    expect(fine.status).toBe(201)
    expect(fine.body.name).toBe('Emoji 😀')
  })
})

describe('the OpenAPI document', () => {
  it('documents the shared answers: 400 everywhere, 401/403 off public routes, 404 for ids, 413/415 for bodies, 503', async () => {
    const doc = await platform.as(null).request('GET', '/api/v1/openapi.json')
    expect(doc.status).toBe(200)
    const paths = doc.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>
    const missing: string[] = []
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const upper = method.toUpperCase()
        const isPublic =
          path.startsWith('/api/v1/hooks/') ||
          path.startsWith('/api/v1/forms/') ||
          (upper === 'POST' && path === '/api/v1/auth/login') ||
          (upper === 'GET' && path.startsWith('/api/v1/auth/') && path !== '/api/v1/auth/me')
        const expected = ['400', '503']
        if (!isPublic) expected.push('401', '403')
        if (path.includes('{')) expected.push('404')
        if (['POST', 'PUT', 'PATCH'].includes(upper)) expected.push('413', '415')
        for (const status of expected) {
          if (!(status in operation.responses)) missing.push(`${upper} ${path} ${status}`)
        }
      }
    }
    expect(missing).toEqual([])
    // Shared answers are described once and referenced.
    expect(doc.body.components.responses.NotSignedIn.description).toBe('Not signed in')
    expect(paths['/api/v1/flows']?.get?.responses['401']).toEqual({
      $ref: '#/components/responses/NotSignedIn',
    })
    // A route's own description of a status is kept.
    expect(paths['/api/v1/hooks/{id}']?.post?.responses['401']).toMatchObject({
      description: 'Signature refused',
    })
    // The readable reference shows the shared answers too.
    const page = await platform.as(null).request('GET', '/api/v1/docs')
    expect(page.body).toContain('<code>401</code> Not signed in')
  })
})
