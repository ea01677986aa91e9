import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../support/platform.js'
import {
  type BrowserPlatform,
  login,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  startBrowserPlatform,
  startRunForTask,
} from './support.js'

let env: BrowserPlatform
let officer: TestUser
let shown: Page | undefined
let runId: string
let flowId: string
// Unique per test run: other browser tests share the database.
const email = `inzage-${Date.now()}@example.nl`
const flowName = 'Aanmelding (AVG-verzoek)'

describe('access and erasure of one person, in Chromium', () => {
  screenshotOnFailure(() => shown, 'subjects')

  beforeAll(async () => {
    env = await startBrowserPlatform()
    const { platform } = env
    const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, {
      name: flowName,
      nodes: [
        { id: 'intake', type: 'manual', version: 1 },
        {
          id: 'approve',
          type: 'human.task',
          version: 1,
          config: {
            title: { nl: 'Aanmelding beoordelen', en: 'Review the intake' },
            role: 'approver',
            form: { fields: { opmerking: { type: 'text', title: { nl: 'Opmerking', en: 'Remark' } } } },
            data: { email: '$input.email', hulpvraag: '$input.hulpvraag' },
          },
        },
      ],
      edges: [{ id: 'e1', source: 'intake', target: 'approve' }],
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const published = await platform.request('POST', `/api/v1/flows/${created.body.id}/publish`, {
      note: 'e2e',
    })
    expect(published.status, JSON.stringify(published.body)).toBe(201)
    // A run about the person that waits for a human: it is still going when the person is erased.
    flowId = created.body.id
    ;({ runId } = await startRunForTask(platform, flowId, {
      email,
      hulpvraag: 'Zoekt iemand voor de boodschappen op dinsdag.',
    }))
    // The privacy officer is in no team and handles requests for all of them.
    officer = await platform.createUser({ roles: ['privacy'], teams: [] })
  }, 240_000)

  afterAll(async () => {
    await env?.stop()
  })

  it('finds the person, downloads the access export, erases the person and then finds nothing', async () => {
    const { page } = await env.open()
    shown = page
    await login(page, officer)
    // The privacy officer lands on the register; the page is next to it in the menu.
    await page.getByRole('heading', { level: 1, name: 'Verwerkingsregister' }).waitFor()
    await page.getByRole('link', { name: 'Inzage en vergeten', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Inzage en vergeten' }).waitFor()
    expect(page.url()).toMatch(/\/subjects$/)

    // An empty search says what to fill in.
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await page.getByText('Vul een e-mailadres of een telefoonnummer in.').waitFor()

    await page.getByLabel('E-mailadres').fill(email)
    await page.getByRole('button', { name: 'Zoeken' }).click()
    const result = page.getByRole('region', { name: 'Wat Warmflow over deze persoon bewaart' })
    const row = result.getByRole('row').filter({ hasText: flowName })
    await row.waitFor()
    expect(await row.textContent()).toContain(env.platform.team.name)
    // Focus goes to what was found; what was typed is not in the address.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('subjects-result-heading')
    expect(page.url()).not.toContain('example.nl')
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('example.nl')
    await screenshot(page, 'subjects-01-found')
    expect(await seriousAxeViolations(page)).toEqual([])

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Inzage downloaden (JSON)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^inzage-\d{4}-\d{2}-\d{2}\.json$/)
    const exported = await readFile((await download.path()) as string, 'utf8')
    expect(exported).toContain(runId)
    expect(JSON.parse(exported)).toBeTypeOf('object')
    // The printable page opens in a tab of its own, where no script may run.
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Inzage openen (HTML)' }).click(),
    ])
    await tab.waitForLoadState()
    expect(await tab.content()).toContain(flowName)
    expect(
      await tab.evaluate(() =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
      ),
    ).toContain("default-src 'none'")
    await tab.close()

    // Escape closes the dialog without erasing; focus goes back to the button that opened it.
    const eraseButton = page.getByRole('button', { name: 'Vergeet deze persoon' })
    await eraseButton.click()
    const dialog = page.getByRole('dialog', { name: 'Vergeet deze persoon' })
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await eraseButton.evaluate((button) => button === document.activeElement)).toBe(true)

    // The dialog: what will be erased, the ground, a case number and the word to type.
    await page.keyboard.press('Enter')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(
      '1 flow van deze persoon loopt nog. Warmflow stopt die eerst.',
    )
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('erase-heading')
    // Without the ground and the word, nothing is erased.
    await dialog.getByRole('button', { name: 'Definitief vergeten' }).click()
    await dialog.getByText('Kies een grond voor het wissen.').waitFor()
    await dialog.getByText('Typ VERGETEN om te bevestigen dat je deze persoon wilt vergeten.').waitFor()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('erase-reason')
    await dialog
      .getByLabel('Grond voor het wissen')
      .selectOption({ label: 'De persoon trekt de toestemming in (lid 1b)' })
    await dialog.getByLabel('Zaaknummer (niet verplicht)').fill('AVG-2026/014')
    await dialog.getByLabel('Typ VERGETEN om te bevestigen').fill('VERGETEN')
    await screenshot(page, 'subjects-02-dialog')
    expect(await seriousAxeViolations(page)).toEqual([])
    await dialog.getByRole('button', { name: 'Definitief vergeten' }).click()

    const done = page.getByRole('dialog', { name: 'De persoon is vergeten' })
    await done.waitFor()
    const count = async (label: string) =>
      (
        await done
          .locator('dt', { hasText: new RegExp(`^${label}$`) })
          .locator('xpath=following-sibling::dd[1]')
          .textContent()
      )?.trim()
    expect(await count('Runs gewist')).toBe('1')
    expect(await count('Runs eerst gestopt')).toBe('1')
    await screenshot(page, 'subjects-03-erased')
    await done.getByRole('button', { name: 'Sluiten' }).click()
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await result.getByText('Warmflow bewaart niets over deze persoon.').waitFor()

    // A new search later finds nothing either.
    await page.getByLabel('E-mailadres').fill(` ${email.toUpperCase()} `)
    await page.getByRole('button', { name: 'Zoeken' }).click()
    await result.getByText('Warmflow bewaart niets over deze persoon.').waitFor()
    expect(await result.getByRole('button', { name: 'Vergeet deze persoon' }).count()).toBe(0)

    // For the team the run is still there, erased on request, without its contents.
    const designer = await env.platform.createUser({ roles: ['designer'], teams: [env.platform.team] })
    const team = await env.open()
    shown = team.page
    await login(team.page, designer)
    await team.page.goto(`/flows/${flowId}?run=${runId}`)
    await team.page.locator('.run-view-bar .badge', { hasText: 'Gewist op verzoek (AVG)' }).waitFor()
    await team.page.getByText('Alleen de datum en de uitkomst zijn bewaard.').waitFor()
    await screenshot(team.page, 'subjects-04-run-erased')
  })

  it('opens from the menu after any other page of the menu, for an administrator', async () => {
    const { page } = await env.open()
    shown = page
    await login(page, env.platform.admin)
    // Each page of the menu in turn: each shows its own heading, not the page before it.
    for (const [link, heading] of [
      ['Inloggegevens', 'Inloggegevens'],
      ['Verwerkingsregister', 'Verwerkingsregister'],
      ['Inzage en vergeten', 'Inzage en vergeten'],
      ['Impact', 'Impact'],
      ['Inzage en vergeten', 'Inzage en vergeten'],
    ]) {
      await page.getByRole('link', { name: link, exact: true }).click()
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor()
    }
  })

  it('is not in the menu of a designer, and its address shows nothing to one', async () => {
    const designer = await env.platform.createUser({ roles: ['designer'], teams: [env.platform.team] })
    const { page } = await env.open()
    shown = page
    await login(page, designer)
    expect(await page.getByRole('link', { name: 'Inzage en vergeten', exact: true }).count()).toBe(0)
    await page.goto('/subjects')
    await page.getByRole('heading', { level: 1, name: 'Deze pagina bestaat niet' }).waitFor()
    expect(await page.getByRole('heading', { level: 1, name: 'Inzage en vergeten' }).count()).toBe(0)
    const denied = await env.platform.as(designer).request('POST', '/api/v1/subjects/find', { email })
    expect(denied.status).toBe(403)
  })
})
