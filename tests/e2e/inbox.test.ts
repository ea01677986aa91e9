import type { Page } from 'playwright-core'
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

let env: BrowserPlatform
let approver: TestUser
let colleague: TestUser
let outsider: TestUser
let runId: string
let taskId: string

const phone = { width: 390, height: 844 }
const intakeText =
  'Mevrouw is 82 jaar en woont alleen in de wijk. Zij zoekt iemand die op dinsdag boodschappen met haar doet. Ze spreekt Arabisch en een beetje Nederlands.'

/** Presses Tab until the focused element has this accessible text; fails after 40 presses. */
async function tabTo(page: Page, text: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate('document.activeElement && document.activeElement.textContent')
    if (typeof focused === 'string' && focused.trim() === text) return
  }
  throw new Error(`"${text}" cannot be reached with the Tab key`)
}

let flowId: string

describe('the inbox on a phone, in Chromium', () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    const { platform } = env
    approver = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
    colleague = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
    const otherTeam = await platform.createTeam()
    outsider = await platform.createUser({ roles: ['approver'], teams: [otherTeam] })

    const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, {
      name: 'Nieuwe aanmelding (inbox)',
      nodes: [
        { id: 'intake', type: 'manual', version: 1 },
        { id: 'summarise', type: 'ai.summarise', version: 1, config: { fields: ['omschrijving'] } },
        {
          id: 'approve',
          type: 'human.task',
          version: 1,
          config: {
            title: { nl: 'Aanmelding beoordelen', en: 'Review the intake' },
            role: 'approver',
            form: {
              fields: {
                samenvatting: { type: 'text', title: { nl: 'Samenvatting', en: 'Summary' }, required: true },
              },
            },
            data: {
              samenvatting: '$nodes.summarise.samenvatting',
              samenvattingMeta: '$nodes.summarise.samenvattingMeta',
              omschrijving: '$input.omschrijving',
            },
          },
        },
      ],
      edges: [
        { id: 'e1', source: 'intake', target: 'summarise' },
        { id: 'e2', source: 'summarise', target: 'approve' },
      ],
    })
    expect(created.status).toBe(201)
    flowId = created.body.id
    const published = await platform.request('POST', `/api/v1/flows/${created.body.id}/publish`, {
      note: 'e2e',
    })
    expect(published.status).toBe(201)
    ;({ runId, taskId } = await startRunForTask(platform, created.body.id, {
      voornaam: 'Fatima',
      omschrijving: intakeText,
    }))
  }, 180_000)

  afterAll(async () => {
    await env?.stop()
  })

  it('an approver finds the task, sees the AI draft beside its source, edits it and approves by keyboard', async () => {
    const { page } = await env.open(phone)
    await login(page, approver)
    await page.getByRole('heading', { name: 'Werkbak' }).waitFor()
    await page.getByRole('button', { name: /Niet toegewezen \(1\)/ }).click()
    await screenshot(page, 'inbox-01-list-phone')
    expect(await seriousAxeViolations(page)).toEqual([])

    await page.getByRole('link', { name: /Aanmelding beoordelen/ }).click()
    await page.getByRole('heading', { name: 'Aanmelding beoordelen' }).waitFor()
    // Made by the offline method: one line says so (the node's own label), nothing claims AI made it.
    const draft = page.getByRole('region', { name: /Voorstel/ })
    await draft.getByText('Automatisch gemaakt', { exact: true }).waitFor()
    await draft.getByText('Gemaakt met de eenvoudige methode zonder AI. Controleer het zelf.').waitFor()
    expect(await draft.locator('p', { hasText: /gemaakt/i }).count()).toBe(1)
    expect(await draft.getByText('Gemaakt door AI').count()).toBe(0)
    await page.getByRole('region', { name: 'Bron' }).getByText(intakeText).waitFor()
    await screenshot(page, 'inbox-02-task-phone')
    expect(await seriousAxeViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Ik pak deze taak op' }).click()
    await page.getByRole('button', { name: 'Taak teruggeven' }).waitFor()
    const summary = page.getByLabel(/^Samenvatting/)
    expect((await summary.inputValue()).length).toBeGreaterThan(10)
    await summary.fill('Mevrouw (82) zoekt hulp bij boodschappen op dinsdag. Spreekt Arabisch.')

    // Rejecting without a reason is refused in plain words.
    await page.getByRole('button', { name: 'Afwijzen' }).click()
    await page.getByText('Schrijf waarom je afwijst.').waitFor()

    await page.getByLabel('Reden').fill('Past goed bij onze vrijwilligers.')
    await tabTo(page, 'Goedkeuren')
    await page.keyboard.press('Enter')
    await page.getByText('Goedgekeurd. De flow gaat verder.').waitFor()
    await screenshot(page, 'inbox-03-approved-phone')

    const run = await eventually(async () => {
      const answer = await env.platform.request('GET', `/api/v1/runs/${runId}`)
      return answer.body.status === 'completed' ? answer.body : undefined
    }, 30_000)
    expect(run.nodes.approve.output.decision).toBe('approved')
    expect(run.nodes.approve.output.fields.samenvatting).toContain('Spreekt Arabisch')
  }, 120_000)

  it('an approver of another team never sees the task', async () => {
    const { page } = await env.open(phone)
    await login(page, outsider)
    await page.getByRole('heading', { name: 'Werkbak' }).waitFor()
    for (const view of ['Mijn taken', 'Mijn team', 'Niet toegewezen', 'Bijna te laat', 'Te laat']) {
      await page.getByRole('button', { name: new RegExp(`^${view}`) }).click()
      await page.getByText('Geen taken in deze lijst.').waitFor()
    }
    await page.goto(`/inbox/${taskId}`)
    await page
      .getByRole('alert')
      .getByText('Deze taak bestaat niet of je hebt er geen toegang toe.')
      .waitFor()
    // Trying again will not make it appear; the way back to the list is there.
    expect(await page.getByRole('button', { name: 'Opnieuw proberen' }).count()).toBe(0)
    const back = page.getByRole('link', { name: 'Terug naar je taken' })
    expect(await back.isVisible()).toBe(true)
    await screenshot(page, 'inbox-04-other-team')
    expect(await seriousAxeViolations(page)).toEqual([])
    await back.click()
    await page.getByRole('button', { name: /^Mijn taken/ }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/inbox')
    await page.getByText('Geen taken in deze lijst.').waitFor()
  }, 60_000)

  it('shows a new task in an open inbox as it arrives, without reloading', async () => {
    const { page } = await env.open(phone)
    await login(page, approver)
    await page.getByRole('heading', { name: 'Werkbak' }).waitFor()
    await page.getByRole('button', { name: /^Mijn team/ }).click()
    const tasks = page.getByRole('link', { name: /Aanmelding beoordelen/ })
    const before = await tasks.count()
    const started = await env.platform.request('POST', `/api/v1/flows/${flowId}/runs`, {
      input: { voornaam: 'Jan', omschrijving: 'Meneer zoekt iemand om samen te wandelen.' },
    })
    expect(started.status).toBe(201)
    // The list refreshes by itself only once a minute: within 10 s the task must have come live.
    await expect.poll(() => tasks.count(), { timeout: 10_000, interval: 250 }).toBe(before + 1)
    await screenshot(page, 'inbox-05-live')
  }, 60_000)

  it('an approver hands a task to a colleague with the keyboard on a phone; the colleague finds it under "Mijn taken"', async () => {
    const { taskId: handedTaskId } = await startRunForTask(env.platform, flowId, {
      voornaam: 'Karim',
      omschrijving: 'Meneer zoekt hulp bij het invullen van formulieren.',
    })
    const colleagueName = colleague.email.split('@')[0]!

    const { page } = await env.open(phone)
    await login(page, approver)
    await page.goto(`/inbox/${handedTaskId}`)
    await page.getByRole('heading', { name: 'Aanmelding beoordelen' }).waitFor()
    const handOver = page.getByRole('region', { name: 'Overdragen aan een collega' })
    const select = handOver.getByLabel('Collega')
    await select.waitFor()
    // Only colleagues of the team who may do the task: not the approver, not the other team.
    const options = await select.locator('option').allTextContents()
    expect(options).toContain(colleagueName)
    expect(options.join(' ')).not.toContain(approver.email.split('@')[0]!)
    expect(options.join(' ')).not.toContain(outsider.email.split('@')[0]!)
    // Nothing sticks out at 390 px.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width)
    expect(await seriousAxeViolations(page)).toEqual([])

    await select.focus()
    for (let i = 0; i < options.length && (await select.inputValue()) !== colleague.id; i++) {
      await page.keyboard.press('ArrowDown')
    }
    expect(await select.inputValue()).toBe(colleague.id)
    await select.scrollIntoViewIfNeeded()
    await screenshot(page, 'inbox-06-hand-over-phone')
    await tabTo(page, 'Overdragen')
    await page.keyboard.press('Enter')
    await page.getByText(`Overgedragen aan ${colleagueName}.`).waitFor()
    await page.getByText(`In behandeling bij ${colleagueName}`).waitFor()
    await screenshot(page, 'inbox-07-handed-over-phone')

    const other = await env.open(phone)
    await login(other.page, colleague)
    await other.page.getByRole('heading', { name: 'Werkbak' }).waitFor()
    await other.page.getByRole('button', { name: /^Mijn taken/ }).click()
    await other.page.locator(`a[href="/inbox/${handedTaskId}"]`).waitFor()
    await other.page.locator(`a[href="/inbox/${handedTaskId}"]`).click()
    await other.page.getByText('Bij jou', { exact: true }).waitFor()
    await screenshot(other.page, 'inbox-08-colleague-mine')
  }, 120_000)

  it("a colleague's task shows who has it and offers no claim; a claim someone beat you to is explained and the task reloaded", async () => {
    const startTask = async (voornaam: string) =>
      (
        await startRunForTask(env.platform, flowId, {
          voornaam,
          omschrijving: 'Mevrouw zoekt iemand voor een wekelijks kopje koffie.',
        })
      ).taskId
    const colleagueName = colleague.email.split('@')[0]!
    const asColleague = env.platform.as(colleague)
    const held = await startTask('Els')
    expect((await asColleague.request('POST', `/api/v1/tasks/${held}/claim`)).status).toBe(200)

    const { page } = await env.open(phone)
    await login(page, approver)
    await page.goto(`/inbox/${held}`)
    await page.getByRole('heading', { name: 'Aanmelding beoordelen' }).waitFor()
    await page.getByText(`In behandeling bij ${colleagueName}`).waitFor()
    await page.getByText('Alleen deze collega kan de taak nu afronden', { exact: false }).waitFor()
    // Nothing that the API would refuse: no claim, no hand-over, no decision.
    for (const name of ['Ik pak deze taak op', 'Taak teruggeven', 'Overdragen', 'Goedkeuren', 'Afwijzen']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0)
    }
    await screenshot(page, 'inbox-09-colleague-has-it-phone')
    expect(await seriousAxeViolations(page)).toEqual([])

    // The colleague claims a task while it is open on this screen: the claim gets 409, explained.
    const race = await startTask('Piet')
    await page.goto(`/inbox/${race}`)
    const claim = page.getByRole('button', { name: 'Ik pak deze taak op' })
    await claim.waitFor()
    expect((await asColleague.request('POST', `/api/v1/tasks/${race}/claim`)).status).toBe(200)
    await claim.click()
    const conflict = page.getByRole('alert')
    await conflict.getByText('Deze taak is al door iemand anders opgepakt of is afgerond.').waitFor()
    // Only what this screen did about it, not the general advice to load the newest version.
    await conflict.getByText('We hebben de taak opnieuw geladen.', { exact: false }).waitFor()
    expect(await page.getByText('Laad de nieuwste versie', { exact: false }).count()).toBe(0)
    await page.getByText(`In behandeling bij ${colleagueName}`).waitFor()
    expect(await claim.count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Goedkeuren' }).count()).toBe(0)
    await screenshot(page, 'inbox-10-claim-conflict-phone')
  }, 120_000)
})
