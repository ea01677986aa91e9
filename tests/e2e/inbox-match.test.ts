import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type TestUser } from '../support/platform.js'
import {
  type BrowserPlatform,
  login,
  screenshot,
  seriousAxeViolations,
  startBrowserPlatform,
  startRunForTask,
} from './support.js'

// A coordinator chooses a volunteer from the proposals on a phone: the inbox shows what they need
// (no internal fields, no id to type), in numbers, dates and words of the language they chose.

let env: BrowserPlatform
let coordinator: TestUser
let designer: TestUser
let flowId: string
let runId: string
let taskId: string

const phone = { width: 390, height: 844 }
const flowName = 'Vrijwilliger kiezen (inbox)'

/** Two proposals as the matching node makes them (reasons in both languages) and 3 left out. */
const proposals = `[
  { "id": "v1", "name": "Noor", "score": 98.5, "reasons": [
    { "nl": "spreekt Arabisch", "en": "speaks Arabic" }, { "nl": "1,0 km", "en": "1.0 km" } ] },
  { "id": "v2", "name": "Sem", "score": 91, "reasons": [
    { "nl": "dinsdagmiddag vrij", "en": "free on Tuesday afternoon" }, { "nl": "2,4 km", "en": "2.4 km" } ] }
]`

/** The page is no wider than the phone: nothing to scroll sideways. */
const fitsPhone = async (page: import('playwright-core').Page) =>
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width)

describe('choosing a volunteer in the inbox on a phone, in Chromium', () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    const { platform } = env
    coordinator = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
    designer = await platform.createUser({ roles: ['designer', 'approver'], teams: [platform.team] })
    const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, {
      name: flowName,
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        {
          id: 'koppelen',
          type: 'human.task',
          version: 1,
          config: {
            title: {
              nl: 'Kies een vrijwilliger voor deze aanvraag',
              en: 'Choose a volunteer for this request',
            },
            role: 'approver',
            form: {
              fields: {
                vrijwilliger: {
                  type: 'string',
                  required: true,
                  title: { nl: 'Gekozen vrijwilliger', en: 'Chosen volunteer' },
                  description: {
                    nl: 'Kies een van de voorstellen (het id van de vrijwilliger).',
                    en: "Pick one of the proposals (the volunteer's id).",
                  },
                },
                toelichting: { type: 'text', title: { nl: 'Toelichting', en: 'Note' }, maxLength: 2000 },
                uren: {
                  type: 'integer',
                  required: true,
                  minimum: 1,
                  maximum: 40,
                  title: { nl: 'Uren per week', en: 'Hours per week' },
                },
              },
            },
            data: { matches: proposals, afgevallen: '3' },
          },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'koppelen' }],
    })
    expect(created.status).toBe(201)
    flowId = created.body.id
    expect((await platform.request('POST', `/api/v1/flows/${flowId}/publish`, { note: 'e2e' })).status).toBe(
      201,
    )
    ;({ runId, taskId } = await startRunForTask(platform, flowId, {}))
  }, 180_000)

  afterAll(async () => {
    await env?.stop()
  })

  it('opens on "Mijn team" when "Mijn taken" is empty, and the coordinator picks a volunteer by radio button alone', async () => {
    const { page } = await env.open(phone)
    await login(page, coordinator)
    await page.getByRole('heading', { name: 'Werkbak' }).waitFor()
    // Nothing of their own yet: the team's tasks are shown, and the page says why.
    await page.getByText('Je hebt nu geen eigen taken. Daarom zie je de taken van je team.').waitFor()
    expect(await page.getByRole('button', { name: /^Mijn team/ }).getAttribute('aria-pressed')).toBe('true')
    const link = page.locator(`a[href="/inbox/${taskId}"]`)
    await link.waitFor()
    await fitsPhone(page)
    await screenshot(page, 'inbox-match-01-team-phone')
    await link.click()

    await page.getByRole('heading', { name: 'Kies een vrijwilliger voor deze aanvraag' }).waitFor()
    // The task names its flow; a coordinator without the designer role gets no link into it.
    await page.getByText(flowName).waitFor()
    expect(await page.getByRole('link', { name: 'Deze run bekijken' }).count()).toBe(0)
    // Dutch numbers and units; the score is explained; the left-out volunteers are a sentence.
    const proposalList = page.getByRole('group', { name: /Voorgestelde vrijwilligers/ })
    await proposalList.getByText('score 98,5', { exact: false }).waitFor()
    await proposalList.getByText('spreekt Arabisch · 1,0 km').waitFor()
    await proposalList.getByText('De score (0 tot 100) zegt hoe goed iemand past', { exact: false }).waitFor()
    await proposalList
      .getByText('3 andere vrijwilligers passen niet bij deze vraag', { exact: false })
      .waitFor()
    expect(await page.getByText('afgevallen').count()).toBe(0)
    // The radio buttons are the field: no box to type a volunteer's id into.
    expect(await page.getByRole('textbox', { name: /Gekozen vrijwilliger/ }).count()).toBe(0)
    expect(await page.getByText('het id van de vrijwilliger', { exact: false }).count()).toBe(0)
    await fitsPhone(page)
    expect(await seriousAxeViolations(page)).toEqual([])
    await screenshot(page, 'inbox-match-02-proposals-phone')

    // Approving without a choice is refused in words, not sent to the flow.
    await page.getByRole('button', { name: 'Goedkeuren' }).click()
    await page.getByText('Kies een vrijwilliger.', { exact: true }).waitFor()
    // Not the first proposal: the second one.
    await page.getByRole('radio', { name: /Sem/ }).check()
    expect(await page.getByText('Kies een vrijwilliger.', { exact: true }).count()).toBe(0)
    await page.getByLabel('Toelichting').fill('Sem kan op dinsdag.')
    // What is wrong with a field is said beside it in Dutch, not in the browser's own bubble.
    const hours = page.getByLabel(/^Uren per week/)
    await page.getByRole('button', { name: 'Goedkeuren' }).click()
    await page.getByText('Vul dit veld in.', { exact: true }).waitFor()
    await page.getByRole('alert').getByText('Niet alles is goed ingevuld.', { exact: false }).waitFor()
    expect(await hours.getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate('document.activeElement?.id')).toBe(await hours.getAttribute('id'))
    await hours.fill('50')
    await page.getByRole('button', { name: 'Goedkeuren' }).click()
    await page.getByText('Vul 40 of minder in.', { exact: true }).waitFor()
    await fitsPhone(page)
    await screenshot(page, 'inbox-match-02b-field-error-phone')
    await hours.fill('4')
    expect(await page.getByText('Vul 40 of minder in.', { exact: true }).count()).toBe(0)
    await page.getByRole('button', { name: 'Goedkeuren' }).click()
    await page.getByText('Goedgekeurd. De flow gaat verder.').waitFor()

    // The history says what was decided, who was chosen and by whom.
    const coordinatorName = coordinator.email.split('@')[0]!
    const history = page.getByRole('region', { name: 'Geschiedenis' })
    await history.getByText(`${coordinatorName} keurde goed · gekozen: Sem`, { exact: false }).waitFor()
    await fitsPhone(page)
    await screenshot(page, 'inbox-match-03-decided-phone')

    const run = await eventually(async () => {
      const answer = await env.platform.request('GET', `/api/v1/runs/${runId}`)
      return answer.body.status === 'completed' ? answer.body : undefined
    }, 30_000)
    expect(run.nodes.koppelen.output.decision).toBe('approved')
    expect(run.nodes.koppelen.output.fields).toMatchObject({ vrijwilliger: 'v2', uren: 4 })

    // In English: English numbers, units, reasons, dates and history.
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: 'Choose a volunteer for this request' }).waitFor()
    const english = page.getByRole('group', { name: /Suggested volunteers/ })
    await english.getByText('score 98.5', { exact: false }).waitFor()
    await english.getByText('speaks Arabic · 1.0 km').waitFor()
    await english.getByText('free on Tuesday afternoon · 2.4 km').waitFor()
    // The decision just made stays shown, in the new language, with the chosen volunteer ticked.
    await page.getByText('Approved. The flow continues.').waitFor()
    expect(await page.getByRole('radio', { name: /Sem/ }).isChecked()).toBe(true)
    expect(await page.getByText('spreekt Arabisch', { exact: false }).count()).toBe(0)
    expect(await page.getByText(/\d,\d/).count()).toBe(0)
    const englishHistory = page.getByRole('region', { name: 'History' })
    await englishHistory.getByText(`${coordinatorName} approved · chosen: Sem`, { exact: false }).waitFor()
    const dates = await englishHistory.locator('li').allTextContents()
    expect(dates.length).toBeGreaterThan(1)
    for (const line of dates) expect(line).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d · /)
    await fitsPhone(page)
    expect(await seriousAxeViolations(page)).toEqual([])
    await screenshot(page, 'inbox-match-04-english-phone')
  }, 120_000)

  it('links the task to its flow and its run for someone who may open the designer', async () => {
    const { page } = await env.open(phone)
    await login(page, designer)
    await page.goto(`/inbox/${taskId}`)
    await page.getByRole('heading', { name: 'Kies een vrijwilliger voor deze aanvraag' }).waitFor()
    expect(await page.getByRole('link', { name: 'Flow openen' }).getAttribute('href')).toBe(
      `/flows/${flowId}`,
    )
    const runLink = page.getByRole('link', { name: 'Deze run bekijken' })
    expect(await runLink.getAttribute('href')).toBe(`/flows/${flowId}?run=${runId}`)
    await fitsPhone(page)
    await screenshot(page, 'inbox-match-05-links-phone')
    await runLink.click()
    await page.waitForURL((url) => url.searchParams.get('run') === runId)
  }, 60_000)
})
