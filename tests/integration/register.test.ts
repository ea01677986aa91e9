import { readFile } from 'node:fs/promises'
import { insertPublishedFlow } from '@warmflow/cli'
import { type FlowDefinitionInput, validateFlow } from '@warmflow/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform, type TestTeam } from '../support/platform.js'

// The processing register (AVG art. 30) generated from published flows, on a real API and
// PostgreSQL. Other test files share the database, so every assertion names its own team.

let platform: TestPlatform
let flagshipId: string
beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
  // The seed of a fresh installation: the flagship flow published as version 1, as `warmflow start` does.
  const seeded = validateFlow(
    JSON.parse(
      await readFile(new URL('../../examples/flows/nieuwe-aanmelding.json', import.meta.url), 'utf8'),
    ),
    platform.registry,
  )
  if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems))
  flagshipId = await platform.db
    .transaction()
    .execute((trx) => insertPublishedFlow(trx, seeded.flow, platform.team.id, 'Voorbeeldflow'))
}, 60_000)
afterAll(async () => {
  await platform?.stop()
})

interface Flow {
  flowId: string
  name: string
  purpose: string | null
  categories: { code: string }[]
  subjects: { code: string }[]
  recipients: {
    kind: string
    credential: string | null
    host: string | null
    location: string
    nodeIds: string[]
  }[]
  retentionDays: number
  safeguards: { code: string }[]
  marks: { code: string }[]
}

async function registerOf(team: TestTeam, as = platform.request): Promise<Flow[]> {
  const response = await as('GET', `/api/v1/register?teamId=${team.id}`)
  expect(response.status).toBe(200)
  return response.body.flows
}

const codes = (items: { code: string }[]) => items.map((item) => item.code)

/** Publishes a flow in the team, as a designer of that team. */
async function publish(team: TestTeam, definition: FlowDefinitionInput): Promise<string> {
  const designer = await platform.createUser({ roles: ['designer'], teams: [team] })
  const as = platform.as(designer).request
  const created = await as('POST', '/api/v1/flows', definition)
  expect(created.status).toBe(201)
  expect((await as('POST', `/api/v1/flows/${created.body.id}/publish`, {})).status).toBe(201)
  return created.body.id
}

/** Inserts a published version 1 directly, past the publish checks. */
async function insertPublished(team: TestTeam, definition: FlowDefinitionInput): Promise<string> {
  const validation = validateFlow(definition, platform.registry)
  if (!validation.ok) throw new Error(JSON.stringify(validation.problems))
  return platform.db
    .transaction()
    .execute((trx) => insertPublishedFlow(trx, validation.flow, team.id, 'Oudere versie'))
}

const aiWithoutPseudonymise: FlowDefinitionInput = {
  name: '=HYPERLINK("https://evil.example","klik")',
  description: '',
  retentionDays: 30,
  nodes: [
    {
      id: 'start',
      type: 'form',
      version: 1,
      config: {
        fields: [
          { name: 'naam', type: 'text', personal: true, label: { nl: 'Naam', en: 'Name' } },
          { name: 'bsn', type: 'text', personal: true, label: { nl: 'BSN', en: 'BSN' } },
          { name: 'vraag', type: 'textarea', label: { nl: 'Vraag', en: 'Question' } },
        ],
      },
    },
    { id: 'samenvatten', type: 'ai.summarise', version: 1, config: { fields: ['vraag'] } },
    {
      id: 'doorsturen',
      type: 'webhook.send',
      version: 1,
      config: { url: 'https://partner.example.org/hooks/aanmelding' },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'samenvatten' },
    { id: 'e2', source: 'samenvatten', target: 'doorsturen' },
  ],
}

describe('the processing register', () => {
  it('lists exactly the categories, people and recipients of the seeded flagship flow', async () => {
    const [flow, ...others] = await registerOf(platform.team)
    expect(others).toEqual([])
    expect(flow?.flowId).toBe(flagshipId)
    expect(flow?.name).toBe('Nieuwe aanmelding')
    expect(flow?.purpose).toMatch(/^Een hulpvraag komt binnen via het aanmeldformulier/)
    expect(new Set(codes(flow?.categories ?? []))).toEqual(
      new Set(['name', 'email', 'phone', 'address', 'free-text', 'profile']),
    )
    expect(new Set(codes(flow?.subjects ?? []))).toEqual(new Set(['clients', 'volunteers', 'staff']))
    // No credential yet: e-mail and AI are named, with nothing going there until they are set up.
    expect(flow?.recipients).toEqual([
      {
        kind: 'email',
        label: expect.any(Object),
        credential: 'smtp',
        host: null,
        location: 'not-configured',
        locationLabel: expect.any(Object),
        nodeIds: ['bevestiging', 'mailVrijwilliger', 'mailAanvrager'],
      },
      {
        kind: 'ai',
        label: expect.any(Object),
        credential: 'ai',
        host: null,
        location: 'not-configured',
        locationLabel: expect.any(Object),
        nodeIds: ['samenvatting', 'gegevens'],
      },
    ])
    expect(flow?.retentionDays).toBe(90)
    expect(codes(flow?.safeguards ?? [])).toEqual([
      'pseudonymisation-before-ai',
      'payload-encryption',
      'access-control',
    ])
    expect(flow?.marks).toEqual([])
  })

  it('marks a flow whose AI service is outside the EU, and names the hosts from the credentials', async () => {
    const team = await platform.createTeam()
    const designer = await platform.createUser({ roles: ['designer'], teams: [team] })
    const as = platform.as(designer).request
    const definition = JSON.parse(
      await readFile(new URL('../../examples/flows/nieuwe-aanmelding.json', import.meta.url), 'utf8'),
    )
    const flowId = await publish(team, definition)
    const ai = await as('POST', '/api/v1/credentials', {
      name: 'ai',
      fields: {
        baseUrl: 'https://api.openai.com/v1',
        apiKey: 'sk-never-shown',
        model: 'gpt-4o-mini',
        location: 'external',
      },
    })
    expect(ai.status).toBe(201)
    const smtp = await as('POST', '/api/v1/credentials', {
      name: 'smtp',
      fields: {
        host: 'smtp.example.org',
        port: 587,
        from: 'Centrale <info@example.org>',
        pass: 'secret-pass',
      },
    })
    expect(smtp.status).toBe(201)

    const response = await as('GET', '/api/v1/register')
    expect(response.status).toBe(200)
    expect(response.body.scope).toBe('teams')
    const flows: Flow[] = response.body.flows
    expect(flows.map((f) => f.flowId)).toEqual([flowId])
    const [flow] = flows
    expect(codes(flow?.marks ?? [])).toEqual(['outside-eu'])
    expect(
      flow?.recipients.map(({ kind, credential, host, location }) => ({ kind, credential, host, location })),
    ).toEqual([
      { kind: 'email', credential: 'smtp', host: 'smtp.example.org', location: 'unknown' },
      { kind: 'ai', credential: 'ai', host: 'api.openai.com', location: 'outside-eu' },
    ])
    // Only where the data goes is read from a credential, never its secrets.
    expect(JSON.stringify(response.body)).not.toMatch(/sk-never-shown|secret-pass/)

    // The same service in the EU: no longer marked.
    const update = await as('PUT', `/api/v1/credentials/${ai.body.id}`, {
      fields: { baseUrl: 'https://api.mistral.ai/v1', apiKey: 'k', model: 'mistral-small', location: 'eu' },
    })
    expect(update.status).toBe(200)
    const [again] = (await as('GET', '/api/v1/register')).body.flows as Flow[]
    expect(again?.marks).toEqual([])
    expect(again?.recipients[1]).toMatchObject({ host: 'api.mistral.ai', location: 'eu' })
  })

  it('marks AI without pseudonymisation and a missing purpose, and lists webhook hosts', async () => {
    const team = await platform.createTeam()
    await publish(team, aiWithoutPseudonymise)
    const [flow] = await registerOf(team)
    expect(flow?.purpose).toBeNull()
    expect(codes(flow?.marks ?? [])).toEqual(['ai-without-pseudonymisation', 'purpose-missing'])
    expect(codes(flow?.categories ?? [])).toEqual(['name', 'bsn', 'free-text'])
    expect(codes(flow?.subjects ?? [])).toEqual(['clients'])
    expect(flow?.recipients.map(({ kind, host, location }) => ({ kind, host, location }))).toEqual([
      { kind: 'ai', host: null, location: 'not-configured' },
      { kind: 'webhook', host: 'partner.example.org', location: 'unknown' },
    ])
    expect(codes(flow?.safeguards ?? [])).toEqual(['payload-encryption', 'access-control'])
  })

  it('marks AI that reads around the pseudonymise step, or comes after a restore, and lists HTTP hosts', async () => {
    const team = await platform.createTeam()
    const form = aiWithoutPseudonymise.nodes[0]!
    const pseudo = {
      id: 'pseudo',
      type: 'privacy.pseudonymise',
      version: 1,
      config: { fields: { naam: 'naam' }, textFields: ['vraag'] },
    }
    const ai = { id: 'ai', type: 'ai.summarise', version: 1, config: { fields: ['vraag'] } }
    const edges = [
      { id: 'e1', source: 'start', target: 'pseudo' },
      { id: 'e2', source: 'pseudo', target: 'ai' },
    ]
    const base = { description: 'Test', retentionDays: 30, edges }
    // Behind the pseudonymise step: protected.
    const safe = await publish(team, { ...base, name: 'A veilig', nodes: [form, pseudo, ai] })
    // The same, but its input mapping reads the form's own field, around the step.
    const around = await publish(team, {
      ...base,
      name: 'B eromheen',
      nodes: [form, pseudo, { ...ai, input: { vraag: '$nodes.start.vraag' } }],
    })
    // After putting the real data back: publishing refuses that now, but an older version may
    // still be the newest published one, so it goes into the database directly.
    const restored = await insertPublished(team, {
      ...base,
      name: 'C na terugzetten',
      nodes: [
        form,
        pseudo,
        { id: 'herstel', type: 'privacy.restore', version: 1, config: { fields: ['vraag'] } },
        ai,
        {
          id: 'opvragen',
          type: 'http.request',
          version: 1,
          config: { method: 'POST', url: 'https://api.gemeente.example.nl/clienten/{{ id }}' },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'pseudo' },
        { id: 'e2', source: 'pseudo', target: 'herstel' },
        { id: 'e3', source: 'herstel', target: 'ai' },
        { id: 'e4', source: 'ai', target: 'opvragen' },
      ],
    })
    const flows = await registerOf(team)
    const byId = new Map(flows.map((flow) => [flow.flowId, flow]))
    expect(codes(byId.get(safe)?.marks ?? [])).toEqual([])
    expect(codes(byId.get(safe)?.safeguards ?? [])).toContain('pseudonymisation-before-ai')
    expect(codes(byId.get(around)?.marks ?? [])).toEqual(['ai-without-pseudonymisation'])
    expect(codes(byId.get(restored)?.marks ?? [])).toEqual(['ai-without-pseudonymisation'])
    expect(byId.get(restored)?.recipients.map(({ kind, host }) => ({ kind, host }))).toEqual([
      { kind: 'ai', host: null },
      { kind: 'http', host: 'api.gemeente.example.nl' },
    ])
  })

  it('exports CSV and Markdown files, with formula cells made harmless', async () => {
    const team = await platform.createTeam()
    await publish(team, aiWithoutPseudonymise)
    await publish(team, { ...aiWithoutPseudonymise, name: 'Gewoon', description: '+31 bellen; @team' })

    const csv = await platform.request('GET', `/api/v1/register?teamId=${team.id}&format=csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="verwerkingsregister-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^"Team","Flow","Versie","Gepubliceerd","Doel","Categorieën persoonsgegevens",/)
    // Sorted by team, then name: `=` comes before letters.
    const [formula, gewoon] = lines.slice(1)
    expect(gewoon).toContain(`"Gewoon","1",`)
    // A purpose starting with + would be a formula: it starts with a quote instead.
    expect(gewoon).toContain(`"'+31 bellen; @team"`)
    expect(formula).toContain(`"'=HYPERLINK(""https://evil.example"",""klik"")"`)
    expect(formula).toContain('"Doel ontbreekt"')
    expect(formula).toContain('AI-dienst (ai): Niet ingesteld: er gaat nu niets naartoe')
    expect(formula).toContain('Webhook (partner.example.org): Onbekend: controleer de verwerkersovereenkomst')
    expect(formula).toContain(
      'Stuurt tekst naar een AI-dienst zonder dat persoonsgegevens eerst zijn vervangen.',
    )
    // No cell anywhere starts with a formula character.
    expect(lines.join('\n')).not.toMatch(/(^|,)"[=+\-@]/m)

    const md = await platform.request('GET', `/api/v1/register?teamId=${team.id}&format=md&lang=en`)
    expect(md.status).toBe(200)
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(md.headers.get('content-disposition')).toMatch(
      /^attachment; filename="processing-register-.*\.md"$/,
    )
    const text = String(md.body)
    expect(text).toMatch(/^# Processing register \(GDPR article 30\)\n/)
    expect(text).toContain('- Processing activities: 2')
    expect(text).toContain('## =HYPERLINK("https://evil.example","klik") ⚠')
    expect(text).toContain('- **Purpose:** **Purpose missing**')
    expect(text).toContain('- ⚠ Sends text to an AI service without replacing personal data first.')
    expect(text).toContain('- **Categories of personal data:** Name; Citizen service number (BSN); Free text')
    expect(text).toContain('- **Retention (days):** 30')
  })

  it('is for admins, privacy officers and their own teams’ designers; others get 403', async () => {
    const approver = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
    const denied = await platform.as(approver).request('GET', '/api/v1/register')
    expect(denied.status).toBe(403)
    expect(denied.body.code).toBe('auth.forbidden')
    expect((await platform.as(approver).request('GET', '/api/v1/register?format=csv')).status).toBe(403)
    expect((await platform.as(null).request('GET', '/api/v1/register')).status).toBe(401)

    // The privacy officer belongs to no team and still sees every team's register.
    const officer = await platform.createUser({ roles: ['privacy'], teams: [] })
    const all = await platform.as(officer).request('GET', '/api/v1/register')
    expect(all.status).toBe(200)
    expect(all.body.scope).toBe('all')
    expect((all.body.flows as Flow[]).map((f) => f.flowId)).toContain(flagshipId)

    // A designer of another team sees neither the flagship nor, by asking, that team.
    const otherTeam = await platform.createTeam()
    const designer = await platform.createUser({ roles: ['designer'], teams: [otherTeam] })
    const own = await platform.as(designer).request('GET', '/api/v1/register')
    expect((own.body.flows as Flow[]).map((f) => f.flowId)).not.toContain(flagshipId)
    expect(
      (await platform.as(designer).request('GET', `/api/v1/register?teamId=${platform.team.id}`)).status,
    ).toBe(404)

    // Each read is in the audit log, with no flow content.
    const logged = await platform.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('actor_id', '=', officer.id)
      .where('action', '=', 'register.read')
      .execute()
    expect(logged).toEqual([
      { action: 'register.read', details: { format: 'json', flows: expect.any(Number) } },
    ])
  })
})
