// The flagship flow "Nieuwe aanmelding" as its people use it, in Chromium against the real API,
// worker, Temporal dev server and PostgreSQL: a designer builds it from an empty canvas and
// publishes it, someone asks for help through its public form, a coordinator decides on a phone,
// the designer sees the run finish node by node, and a coordinator of another team sees nothing.
// The AI endpoint (OpenAI protocol) and the mail server are real servers on 127.0.0.1.
import { randomBytes } from 'node:crypto'
import { createDb, createPostgresRecordStore } from '@warmflow/store'
import type { Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { type OpenAiServer, startOpenAiServer } from '../support/openai-server.js'
import { eventually, type TestUser } from '../support/platform.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'
import {
  type BrowserPlatform,
  centre,
  dragMouse,
  login,
  screenshot,
  startBrowserPlatform,
} from './support.js'

const phone = { width: 390, height: 844 }
/** How long the page may take to settle after an action on a busy machine. */
const settle = { timeout: 15_000, interval: 100 }
const db = createDb(inject('databaseUrl'), { max: 4 })
const records = createPostgresRecordStore(db)

let env: BrowserPlatform
let ai: OpenAiServer
let smtp: TestSmtpServer
let designer: TestUser
let approver: TestUser
let outsider: TestUser
let page: Page
let current: Page | undefined
let currentStep: string | undefined

// Three volunteers of the team who fit the request (Utrecht, Tuesday afternoon), busy to different
// degrees so their order is stable.
const volunteers = [
  { name: 'Khadija Test-Amrani', email: 'khadija.e2e@example.nl', postcode: '3512 CD', active_matches: 0 },
  { name: 'Bart Test-Visser', email: 'bart.e2e@example.nl', postcode: '3511 AB', active_matches: 1 },
  { name: 'Noor Test-Haddou', email: 'noor.e2e@example.nl', postcode: '3581 EA', active_matches: 2 },
]

// What the person asking for help types into the public form.
const intake = {
  voornaam: 'Fatima',
  achternaam: 'El Amrani',
  email: 'fatima.elamrani@example.nl',
  postcode: '3512 AB',
  hulpvraag:
    'Ik ben Fatima El Amrani (BSN 111222333) en ik ben slecht ter been. Ik zoek hulp bij boodschappen op dinsdagmiddag.',
}

// Node ids the designer gets for the nodes it places, in the order they are placed.
const ids = {
  form: 'form_1',
  pseudo: 'privacy_pseudonymise_1',
  summary: 'ai_summarise_1',
  match: 'match_volunteers_1',
  task: 'human_task_1',
  read: 'records_read_1',
  restore: 'privacy_restore_1',
  mail: 'email_send_1',
}

const node = (p: Page, id: string) => p.locator(`[data-testid="node-${id}"]`)
const edgeCount = (p: Page) => p.locator('.react-flow__edge').count()

async function drop(p: Page, type: string, at: { x: number; y: number }, id: string) {
  await p.locator(`[data-node-type="${type}"]`).dragTo(p.locator('.react-flow__pane'), { targetPosition: at })
  await node(p, id).waitFor()
}

/** Drags from an output port to the input port of another node, as a person does. */
async function connect(p: Page, source: string, port: string, target: string) {
  const before = await edgeCount(p)
  const from = `[data-testid="node-${source}"] .react-flow__handle[data-handleid="${port}"]`
  const to = `[data-testid="node-${target}"] .react-flow__handle[data-handleid="in"]`
  // Like a person, first look where both ports are: the pointer must press on the output port,
  // not on the canvas (dragging the canvas moves the whole view), and let go on the input port,
  // once the view has stopped moving (a node just dropped can still shift it).
  const onTop = async (selector: string) => {
    const at = await centre(p, selector)
    return p.evaluate(
      ({ x, y, selector }) => {
        const scope = globalThis as unknown as {
          document: { elementFromPoint(x: number, y: number): { closest(s: string): unknown } | null }
        }
        return scope.document.elementFromPoint(x, y)?.closest(selector) != null
      },
      { ...at, selector },
    )
  }
  let last = ''
  await expect
    .poll(async () => {
      const where = JSON.stringify([await centre(p, from), await centre(p, to)])
      const still = where === last
      last = where
      return still && (await onTop(from)) && (await onTop(to))
    }, settle)
    .toBe(true)
  await dragMouse(p, await centre(p, from), await centre(p, to))
  await expect.poll(() => edgeCount(p), settle).toBe(before + 1)
}

/** Chooses a node on the canvas; its settings open in the side panel. */
async function open(p: Page, id: string, label?: string): Promise<Locator> {
  await node(p, id).locator('.warm-node-name').click()
  await p.getByRole('tab', { name: 'Instellingen' }).click()
  const panel = p.getByRole('tabpanel')
  await panel.getByText(`Naam in de flow: ${id}`).waitFor()
  if (label) await panel.getByLabel('Naam op het canvas').fill(label)
  return panel
}

/** Fills a Dutch/English text group (legend `name`). */
async function bilingual(scope: Locator, name: RegExp, nl: string, en: string) {
  const group = scope.getByRole('group', { name }).first()
  await group.getByLabel(/^Nederlands/).fill(nl)
  await group.getByLabel(/^Engels/).fill(en)
}

/** Adds rows of name → value to a list of named settings (legend `name`). */
async function rows(scope: Locator, name: RegExp, entries: [string, string][]) {
  const group = scope.getByRole('group', { name }).first()
  for (const [index, [key, value]] of entries.entries()) {
    await group
      .getByRole('button', { name: /^Regel toevoegen aan/ })
      .last()
      .click()
    await group.getByLabel('Naam', { exact: true }).nth(index).fill(key)
    await group.getByLabel('Waarde', { exact: true }).nth(index).fill(value)
  }
}

/** Adds items to a list setting (legend `name`). */
async function items(scope: Locator, name: RegExp, values: string[]) {
  const group = scope.getByRole('group', { name }).first()
  for (const [index, value] of values.entries()) {
    await group.getByRole('button', { name: /^Regel toevoegen aan/ }).click()
    await group.getByLabel(`Regel ${index + 1}`, { exact: true }).fill(value)
  }
}

/** Adds one field to the intake form's list of fields. */
async function formField(
  panel: Locator,
  index: number,
  field: {
    name: string
    type: string
    nl: string
    en: string
    required?: boolean
    personal?: boolean
    options?: [string, string, string][]
  },
) {
  const fields = panel.getByRole('group', { name: /^Velden/ }).first()
  await fields.getByRole('button', { name: 'Regel toevoegen aan Velden' }).click()
  const item = fields.locator(':scope > ol > li').nth(index)
  await item.getByLabel(/^Veldnaam/).fill(field.name)
  await item.getByLabel(/^Soort/).selectOption(field.type)
  await bilingual(item, /^Vraag/, field.nl, field.en)
  if (field.required) await item.getByRole('checkbox', { name: 'Verplicht' }).check()
  if (field.personal) await item.getByRole('checkbox', { name: 'Persoonsgegevens' }).check()
  for (const [at, [value, nl, en]] of (field.options ?? []).entries()) {
    const options = item.getByRole('group', { name: /^Keuzes/ })
    await options.getByRole('button', { name: 'Regel toevoegen aan Keuzes' }).click()
    const option = options.locator(':scope > ol > li').nth(at)
    await option.getByLabel(/^Waarde/).fill(value)
    await bilingual(option, /^Tekst/, nl, en)
  }
}

/** Opens the node's input mapping and adds fields with formulas. */
async function inputMapping(panel: Locator, entries: [string, string][]) {
  await panel.getByText('Invoer van dit blok').click()
  await rows(panel, /^Invoervelden/, entries)
}

/** The flow's newest run with its node states, as the API gives it. */
async function newestRun(flowId: string): Promise<any> {
  const list = await env.platform.request('GET', `/api/v1/runs?flowId=${flowId}&limit=1`)
  const id = list.body.items?.[0]?.id
  return id ? (await env.platform.request('GET', `/api/v1/runs/${id}`)).body : undefined
}

/** Waits until the flow's newest run gets to `check`; a run that fails says where and why. */
async function runReaches(flowId: string, check: (run: any) => boolean, timeoutMs: number) {
  return eventually(async () => {
    const run = await newestRun(flowId)
    if (run && run.status !== 'running' && !check(run)) {
      const failed = Object.entries(run.nodes ?? {}).filter(([, state]: [string, any]) => state.error)
      throw new Error(`the run ended ${run.status}: ${JSON.stringify(failed)}`)
    }
    return run && check(run) ? run : undefined
  }, timeoutMs)
}

describe('the flagship flow "Nieuwe aanmelding" in Chromium', () => {
  beforeAll(async () => {
    ;[env, ai, smtp] = await Promise.all([startBrowserPlatform(), startOpenAiServer(), startSmtpServer()])
    // The model keeps the placeholders for the person exactly as it was given them, as told to.
    ai.respond((body) => {
      const text = (body?.messages ?? []).map((m: { content: string }) => m.content).join('\n')
      const person = /Ik ben ((?:\[NAAM_\d+\] ?)+)/.exec(text)?.[1]?.trim() ?? 'De aanvrager'
      return `${person} is slecht ter been en zoekt hulp bij boodschappen op dinsdagmiddag.`
    })
    const { platform } = env
    designer = await platform.createUser({ roles: ['designer'], teams: [platform.team] })
    approver = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
    outsider = await platform.createUser({ roles: ['approver'], teams: [await platform.createTeam()] })

    // A developer stores the credentials the nodes will use; the designer only picks their names.
    const credentials = {
      ai: JSON.stringify({
        baseUrl: ai.baseUrl,
        apiKey: 'k',
        model: 'warm-test',
        location: 'external',
        maxRetries: 0,
      }),
      smtp: smtp.credential('Vrijwilligerscentrale <centrale@warmflow.test>'),
      pseudoniemsleutel: randomBytes(32).toString('base64'),
    }
    for (const [name, value] of Object.entries(credentials)) {
      const stored = await platform.request('POST', `/api/v1/credentials?teamId=${platform.team.id}`, {
        name,
        value,
      })
      expect(stored.status).toBe(201)
    }
    for (const volunteer of volunteers) {
      await records.insert('volunteers', {
        ...volunteer,
        team_id: platform.team.id,
        skills: ['boodschappen'],
        languages: ['nl'],
        availability: [{ day: 'di', part: 'middag' }],
        has_vog: true,
        max_active_matches: 3,
      })
    }
    page = (await env.open({ width: 1600, height: 1000 })).page
  }, 180_000)

  afterEach(async (context) => {
    // A picture of the page at a failure, to look at beside the error.
    const shown = current ?? page
    if (context.task.result?.state === 'fail' && shown) {
      const name = currentStep ?? context.task.name
      await screenshot(shown, `flagship-failed-${name.slice(0, 40).replace(/\W+/g, '-')}`)
    }
  })

  /** Runs one step of the story; a failure names the step it happened in. */
  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    currentStep = name
    try {
      return await run()
    } catch (error) {
      if (error instanceof Error) error.message = `${name}: ${error.message}`
      throw error
    }
  }

  // The story's steps each start from where the one before ended (the published flow, its run,
  // the task), so together they are one test; a step's failure names the step.
  it('goes from an empty canvas to an approved match and its e-mail, unseen by another team', async () => {
    const formUrl = await step(
      'a designer builds the flow from an empty canvas, sees a problem, fixes it and publishes',
      designerBuildsAndPublishes,
    )
    await step('someone asks for help through the public form, without an account', () =>
      someoneAsksForHelp(formUrl),
    )
    const flowId = formUrl.split('/').pop() as string
    const decision = await step(
      'a coordinator on a phone edits the summary, picks another volunteer than the first proposal and approves',
      () => coordinatorDecides(flowId),
    )
    await step('the designer sees the run completed on the canvas, node by node', () =>
      designerSeesTheRunCompleted(flowId, decision.chosen),
    )
    await step('a coordinator of another team never sees the task', () =>
      anotherTeamNeverSeesTheTask(decision.taskUrl),
    )
  }, 480_000)

  afterAll(async () => {
    await env?.stop()
    await ai?.close()
    await smtp?.stop()
    await db.destroy()
  })

  async function designerBuildsAndPublishes(): Promise<string> {
    current = page
    await login(page, designer)
    await page.getByRole('link', { name: 'Nieuwe flow' }).click()
    await page.getByText('Het canvas is leeg').waitFor()
    await page.getByLabel('Naam van de flow').fill('Nieuwe aanmelding')
    await screenshot(page, 'flagship-01-empty-canvas')

    // Three rows of blocks, dragged from the palette, read like lines of text. Their ports stay
    // clear of the canvas's edges, where dragging a connection moves the view.
    await drop(page, 'form', { x: 80, y: 40 }, ids.form)
    await drop(page, 'privacy.pseudonymise', { x: 380, y: 40 }, ids.pseudo)
    await drop(page, 'ai.summarise', { x: 680, y: 40 }, ids.summary)
    await drop(page, 'match.volunteers', { x: 80, y: 260 }, ids.match)
    await drop(page, 'human.task', { x: 380, y: 260 }, ids.task)
    await drop(page, 'records.read', { x: 680, y: 260 }, ids.read)
    await drop(page, 'privacy.restore', { x: 80, y: 480 }, ids.restore)
    await drop(page, 'email.send', { x: 380, y: 480 }, ids.mail)
    // The first save gives the new flow its address; then the designer connects the blocks.
    await page
      .getByRole('status')
      .filter({ hasText: /^Opgeslagen ·/ })
      .waitFor()

    await connect(page, ids.form, 'out', ids.pseudo)
    await connect(page, ids.pseudo, 'out', ids.summary)
    await connect(page, ids.summary, 'out', ids.match)
    await connect(page, ids.match, 'out', ids.task)
    await connect(page, ids.task, 'approved', ids.read)
    await connect(page, ids.read, 'out', ids.restore)
    await connect(page, ids.restore, 'out', ids.mail)

    // Blocks without their required settings are marked on the canvas and listed as problems.
    await node(page, ids.task).locator('.badge-problem').waitFor()
    await node(page, ids.mail).locator('.badge-problem').waitFor()
    await page.getByRole('tab', { name: /Problemen/ }).click()
    const problems = page.getByRole('tabpanel')
    await problems.getByText('Blok "Taak voor een medewerker", instelling "Rol": Vul dit veld in.').waitFor()
    await problems.getByText(/Blok "E-mail versturen", instelling "Aan( \(formule\))?"/).waitFor()
    await screenshot(page, 'flagship-02-problems')
    await page.getByRole('tab', { name: /Publiceren/ }).click()
    expect(await page.getByRole('button', { name: 'Publiceren', exact: true }).isDisabled()).toBe(true)

    // The intake form: what a person asking for help fills in.
    let panel = await open(page, ids.form)
    await bilingual(panel, /^Titel/, 'Hulp aanvragen', 'Ask for help')
    await formField(panel, 0, {
      name: 'voornaam',
      type: 'text',
      nl: 'Voornaam',
      en: 'First name',
      required: true,
      personal: true,
    })
    await formField(panel, 1, {
      name: 'achternaam',
      type: 'text',
      nl: 'Achternaam',
      en: 'Last name',
      required: true,
      personal: true,
    })
    await formField(panel, 2, {
      name: 'email',
      type: 'email',
      nl: 'E-mailadres',
      en: 'E-mail address',
      required: true,
      personal: true,
    })
    await formField(panel, 3, {
      name: 'postcode',
      type: 'postcode',
      nl: 'Postcode',
      en: 'Postcode',
      required: true,
      personal: true,
    })
    await formField(panel, 4, {
      name: 'hulpvraag',
      type: 'textarea',
      nl: 'Waarmee zoek je hulp?',
      en: 'What do you need help with?',
      required: true,
    })
    await formField(panel, 5, {
      name: 'momenten',
      type: 'multiselect',
      nl: 'Wanneer kan het?',
      en: 'When would suit you?',
      required: true,
      options: [
        ['di-middag', 'dinsdagmiddag', 'Tuesday afternoon'],
        ['do-middag', 'donderdagmiddag', 'Thursday afternoon'],
      ],
    })

    await expect.poll(() => node(page, ids.form).locator('.badge-problem').count(), settle).toBe(0)
    await panel.getByRole('button', { name: 'Regel toevoegen aan Keuzes' }).last().scrollIntoViewIfNeeded()
    await screenshot(page, 'flagship-02b-intake-form-settings')

    // Personal data is replaced by placeholders before anything reaches the AI service.
    panel = await open(page, ids.pseudo)
    await items(panel, /^Velden met vrije tekst/, ['hulpvraag'])
    await rows(panel, /^Velden$/, [
      ['voornaam', 'voornaam'],
      ['achternaam', 'achternaam'],
      ['email', 'email'],
      ['postcode', 'postcode'],
    ])
    await panel.getByLabel('Inloggegevens voor "pseudonymKey"').selectOption('pseudoniemsleutel')

    panel = await open(page, ids.summary)
    await panel
      .getByRole('group', { name: /^Velden/ })
      .getByLabel('Regel 1', { exact: true })
      .fill('hulpvraag')
    await panel.getByLabel('Inloggegevens voor "ai"').selectOption('ai')

    panel = await open(page, ids.match)
    await inputMapping(panel, [
      ['postcode', `$nodes.${ids.form}.postcode`],
      [
        'availability',
        `$map($nodes.${ids.form}.momenten, function($m) { { "day": $substringBefore($m, "-"), "part": $substringAfter($m, "-") } })`,
      ],
    ])

    panel = await open(page, ids.task, 'Coördinator kiest')
    await bilingual(
      panel,
      /^Titel/,
      'Kies een vrijwilliger voor deze aanvraag',
      'Choose a volunteer for this request',
    )
    await panel.getByLabel('Rol (verplicht)', { exact: true }).fill('coordinator')
    const taskForm = panel
      .getByRole('group', { name: /^Formulier/ })
      .getByRole('group', { name: /^Velden/ })
      .first()
    for (const [index, [name, type, nl, en]] of [
      ['vrijwilliger', 'string', 'Gekozen vrijwilliger', 'Chosen volunteer'],
      ['samenvatting', 'text', 'Samenvatting', 'Summary'],
    ].entries()) {
      await taskForm.getByRole('button', { name: 'Regel toevoegen aan Velden' }).click()
      const entry = taskForm.locator(':scope > fieldset').nth(index)
      await entry.getByLabel('Naam', { exact: true }).fill(name!)
      await entry.getByLabel(/^Soort/).selectOption(type!)
      await bilingual(entry, /^Titel/, nl!, en!)
      await entry.getByRole('checkbox', { name: 'Verplicht' }).check()
    }
    await rows(panel, /^Gegevens voor de medewerker/, [
      ['samenvatting', `$nodes.${ids.summary}.samenvatting`],
      ['samenvattingMeta', `$nodes.${ids.summary}.samenvattingMeta`],
      ['omschrijving', `$nodes.${ids.pseudo}.hulpvraag`],
      ['matches', 'matches'],
    ])

    panel = await open(page, ids.read, 'Vrijwilliger ophalen')
    await panel.getByLabel(/^Tabel/).selectOption('volunteers')
    await panel.getByLabel(/^Welk record \(formule\)/).fill('fields.vrijwilliger')
    await panel.getByRole('checkbox', { name: 'Stoppen als er niets is gevonden' }).check()

    // The real names come back only here, for the e-mail inside the organisation.
    panel = await open(page, ids.restore, 'Gegevens terugzetten')
    await items(panel, /^Velden/, ['samenvatting', 'voornaam', 'achternaam'])
    await panel.getByLabel('Inloggegevens voor "pseudonymKey"').selectOption('pseudoniemsleutel')
    await inputMapping(panel, [
      ['_privacy', `$nodes.${ids.pseudo}._privacy`],
      ['samenvatting', `$nodes.${ids.task}.fields.samenvatting`],
      ['voornaam', `$nodes.${ids.pseudo}.voornaam`],
      ['achternaam', `$nodes.${ids.pseudo}.achternaam`],
      ['vrijwilliger', 'record'],
    ])

    await expect.poll(() => node(page, ids.restore).locator('.badge-problem').count(), settle).toBe(0)
    await screenshot(page, 'flagship-02c-input-mapping')

    panel = await open(page, ids.mail, 'E-mail aan vrijwilliger')
    await panel.getByLabel('Aan (formule) (verplicht)', { exact: true }).fill('vrijwilliger.email')
    await bilingual(
      panel,
      /^Onderwerp/,
      'Nieuwe koppeling: {{ voornaam }} zoekt hulp',
      'New match: {{ voornaam }} is looking for help',
    )
    await bilingual(
      panel,
      /^Tekst/,
      'Beste {{ vrijwilliger.name }},\n\nDe coördinator heeft je gekoppeld aan {{ voornaam }} {{ achternaam }}.\n\nWaar gaat het om?\n{{ samenvatting }}\n\nDe vrijwilligerscentrale',
      'Dear {{ vrijwilliger.name }},\n\nThe coordinator has matched you with {{ voornaam }} {{ achternaam }}.\n\nWhat is it about?\n{{ samenvatting }}\n\nThe volunteer centre',
    )
    await panel.getByLabel('Inloggegevens voor "smtp"').selectOption('smtp')

    // Every problem is solved: none on the canvas, none in the list.
    await expect.poll(() => page.locator('.badge-problem').count(), settle).toBe(0)
    await page.getByRole('tab', { name: /Problemen/ }).click()
    await page.getByRole('tabpanel').getByText('Geen problemen gevonden.').waitFor()
    await screenshot(page, 'flagship-03-built')

    await page.getByRole('tab', { name: /Publiceren/ }).click()
    await page.getByLabel(/Wat is er veranderd/).fill('Eerste versie van de aanmelding')
    await page.getByRole('button', { name: 'Publiceren', exact: true }).click()
    await page.getByText('Versie 1 is gepubliceerd.').first().waitFor({ timeout: 30_000 })
    const link = page.getByRole('link', { name: 'Openbaar formulier' })
    const formUrl = (await link.getAttribute('href')) ?? ''
    expect(formUrl).toMatch(/^\/forms\/[0-9a-f-]{36}$/)
    await screenshot(page, 'flagship-04-published')
    return formUrl
  }

  async function someoneAsksForHelp(formUrl: string) {
    const { page: visitor } = await env.open(phone)
    current = visitor
    await visitor.goto(formUrl)
    await visitor.getByRole('heading', { name: 'Hulp aanvragen' }).waitFor()
    await visitor.getByLabel(/^Voornaam/).fill(intake.voornaam)
    await visitor.getByLabel(/^Achternaam/).fill(intake.achternaam)
    await visitor.getByLabel(/^E-mailadres/).fill(intake.email)
    await visitor.getByLabel(/^Postcode/).fill('12')
    await visitor.getByLabel(/^Waarmee zoek je hulp/).fill(intake.hulpvraag)
    await visitor.getByRole('checkbox', { name: 'dinsdagmiddag' }).check()

    // A postcode that is not one is refused beside the field, in plain Dutch.
    await visitor.getByRole('button', { name: 'Versturen' }).click()
    await visitor.getByText('Postcode: vul een postcode in, zoals 3511 AB').first().waitFor()
    await screenshot(visitor, 'flagship-05-form-problem')
    await visitor.getByLabel(/^Postcode/).fill(intake.postcode)
    await visitor.getByRole('button', { name: 'Versturen' }).click()
    await visitor.getByRole('status').getByText('Dank je wel! We nemen contact met je op.').waitFor()
    await screenshot(visitor, 'flagship-06-form-sent')
  }

  async function coordinatorDecides(
    flowId: string,
  ): Promise<{ taskUrl: string; chosen: { name: string; email: string } }> {
    const { page: mobile } = await env.open(phone)
    current = mobile
    await login(mobile, approver)
    await mobile.getByRole('heading', { name: 'Werkbak' }).waitFor()
    const task = mobile.getByRole('link', { name: /Kies een vrijwilliger voor deze aanvraag/ })
    // The run reaches the coordinator after pseudonymising, the AI summary and matching.
    await runReaches(flowId, (run) => run.nodes?.[ids.task]?.status === 'waiting', 60_000)
    await mobile.getByRole('button', { name: /^Niet toegewezen/ }).click()
    await expect
      .poll(
        async () => {
          if ((await task.count()) > 0) return true
          await mobile.getByRole('button', { name: /^Niet toegewezen/ }).click()
          return false
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true)
    await screenshot(mobile, 'flagship-07-inbox-phone')
    await task.click()
    await mobile.getByRole('heading', { name: 'Kies een vrijwilliger voor deze aanvraag' }).waitFor()
    const taskUrl = new URL(mobile.url()).pathname
    expect(taskUrl).toMatch(/^\/inbox\/[0-9a-f-]{36}$/)

    // The AI draft beside its (pseudonymised) source, and three proposals with reasons.
    const draft = mobile.getByRole('region', { name: /Voorstel/ })
    await draft.getByText('Gemaakt door AI', { exact: true }).waitFor()
    // One line on how it was made: the AI node's own label, with the model.
    await draft.getByText(/^Concept gemaakt door AI \(.+\)\. Een mens beslist\.$/).waitFor()
    expect(await draft.locator('p', { hasText: /gemaakt/i }).count()).toBe(1)
    await draft.getByText(/is slecht ter been en zoekt hulp bij boodschappen/).waitFor()
    const source = (await mobile.getByRole('region', { name: 'Bron' }).textContent()) ?? ''
    expect(source).toContain('[BSN_1]')
    expect(source).not.toMatch(/Fatima|Amrani|111222333/)
    const proposals = mobile.getByRole('group', { name: 'Voorgestelde vrijwilligers' }).getByRole('radio')
    await expect.poll(() => proposals.count(), settle).toBe(3)
    await screenshot(mobile, 'flagship-08-task-phone')
    await proposals.first().scrollIntoViewIfNeeded()
    await screenshot(mobile, 'flagship-08b-proposals-phone')

    await mobile.getByRole('button', { name: 'Ik pak deze taak op' }).click()
    await mobile.getByRole('button', { name: 'Taak teruggeven' }).waitFor()
    const summary = mobile.getByLabel(/^Samenvatting/)
    const drafted = await summary.inputValue()
    expect(drafted).toMatch(/^(\[NAAM_\d+\] )+is slecht ter been/)
    await summary.fill(`${drafted} Graag eerst even bellen.`)

    // Not the top proposal: the last one.
    const first = (await mobile.locator('.suggestion strong').first().textContent()) ?? ''
    const last = mobile.locator('.suggestion').last()
    const lastName = (await last.locator('strong').textContent()) ?? ''
    expect(lastName).not.toBe(first)
    await last.getByRole('radio').check()
    const chosen = volunteers.find((v) => v.name === lastName)!
    expect(chosen).toBeDefined()
    // The radio buttons are the field: no box with the volunteer's id to type or read.
    expect(await last.getByRole('radio').isChecked()).toBe(true)
    expect(await mobile.getByRole('textbox', { name: /Gekozen vrijwilliger/ }).count()).toBe(0)
    await screenshot(mobile, 'flagship-09-decision-phone')
    await mobile.getByRole('button', { name: 'Goedkeuren' }).click()
    await mobile.getByText('Goedgekeurd. De flow gaat verder.').first().waitFor()
    await screenshot(mobile, 'flagship-10-approved-phone')
    return { taskUrl, chosen }
  }

  async function designerSeesTheRunCompleted(flowId: string, chosen: { name: string; email: string }) {
    current = page
    await runReaches(flowId, (run) => run.status === 'completed', 60_000)
    await page.getByRole('tab', { name: 'Testen' }).click()
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: /Klaar · versie 1/ })
      .first()
      .click()
    // The run opens on the canvas of version 1, as it ran.
    await page.getByRole('heading', { name: 'Versie 1 — zoals deze run liep' }).waitFor()
    for (const id of Object.values(ids)) {
      await page
        .locator(`.run-canvas [data-testid="node-${id}"] .run-badge`, { hasText: 'Klaar' })
        .waitFor({ timeout: 20_000 })
    }
    await screenshot(page, 'flagship-11-run-completed')

    // The e-mail went to the volunteer the coordinator chose, with the real name restored and the
    // coordinator's edit in it.
    const mail = await eventually(async () => smtp.messages.find((m) => m.to.includes(chosen.email)), 20_000)
    expect(smtp.messages).toHaveLength(1)
    expect(mail.subject).toBe('Nieuwe koppeling: Fatima zoekt hulp')
    expect(mail.text).toContain(`Beste ${chosen.name},`)
    expect(mail.text).toContain('De coördinator heeft je gekoppeld aan Fatima El Amrani.')
    // One placeholder stands for every mention of the person ("Fatima" in the form, "Fatima El
    // Amrani" in the text); restore puts back the form it first met, the first name.
    expect(mail.text).toContain('\nFatima is slecht ter been en zoekt hulp bij boodschappen')
    expect(mail.text).toContain('Graag eerst even bellen.')
    expect(mail.text).not.toContain('[NAAM_')

    // The AI service was asked, and never saw the name, the BSN or the contact details.
    const sent = ai.receivedText()
    expect(ai.requests.length).toBeGreaterThanOrEqual(1)
    expect(sent).toContain('[BSN_1]')
    expect(sent).not.toMatch(/Fatima|Amrani|111222333|fatima\.elamrani|3512 ?AB/i)
  }

  async function anotherTeamNeverSeesTheTask(taskUrl: string) {
    const { page: other } = await env.open(phone)
    current = other
    await login(other, outsider)
    await other.getByRole('heading', { name: 'Werkbak' }).waitFor()
    for (const view of ['Mijn taken', 'Mijn team', 'Niet toegewezen', 'Bijna te laat', 'Te laat']) {
      await other.getByRole('button', { name: new RegExp(`^${view}`) }).click()
      await other.getByText('Geen taken in deze lijst.').waitFor()
    }
    await other.goto(taskUrl)
    await other
      .getByRole('alert')
      .getByText('Deze taak bestaat niet of je hebt er geen toegang toe.')
      .waitFor()
    expect(await other.getByText('Kies een vrijwilliger voor deze aanvraag').count()).toBe(0)
    expect(await other.getByText(/slecht ter been/).count()).toBe(0)
    await screenshot(other, 'flagship-12-other-team')
  }
})
