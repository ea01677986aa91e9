import { readFile } from 'node:fs/promises'
import { exampleImpactFlowName, seedImpactExample } from '@warmflow/cli'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/platform.js'
import {
  type BrowserPlatform,
  login,
  screenshot,
  seriousAxeViolations,
  startBrowserPlatform,
} from './support.js'

let env: BrowserPlatform
let flowId: string

describe('the Impact page with the demo history, in Chromium', () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    const seeded = await seedImpactExample(env.platform.db, env.platform.team.id)
    flowId = seeded.flowId as string
    expect(seeded.cases).toBeGreaterThan(40)
  }, 180_000)

  afterAll(async () => {
    await env?.stop()
  })

  it('shows the headline figures, labelled as example data, with charts whose numbers are tables and CSV', async () => {
    const { page } = await env.open()
    await login(page, env.platform.admin)
    await page.getByRole('link', { name: 'Impact' }).click()
    await page.getByRole('heading', { level: 1, name: 'Impact' }).waitFor()
    await expect(page.getByRole('note').textContent()).resolves.toContain('Voorbeeldgegevens')
    // Headlines: the cards name each figure.
    for (const label of [
      'Casussen',
      'Minuten bespaard',
      'Behandeltijd per casus (mediaan)',
      'AI-concepten',
    ]) {
      await page.locator('.impact-cards dt', { hasText: label }).first().waitFor()
    }
    // Every chart has its table: six or more weeks of cases, in a captioned table.
    const casesTable = page.getByRole('table', { name: 'Casussen per week: de cijfers' })
    await casesTable.waitFor()
    expect(await casesTable.locator('tbody tr').count()).toBeGreaterThanOrEqual(6)
    await page.getByRole('table', { name: 'AI-concepten per week: de cijfers' }).waitFor()
    await page.getByRole('table', { name: 'Per flow: de cijfers' }).getByText(exampleImpactFlowName).waitFor()
    // The charts arrive in their own chunk and draw on a canvas.
    await page.locator('.impact-chart canvas').first().waitFor()
    expect(await page.locator('.impact-chart canvas').count()).toBeGreaterThanOrEqual(3)
    await screenshot(page, 'impact-01-team')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als CSV' }).first().click(),
    ])
    const csv = await readFile((await download.path()) as string, 'utf8')
    expect(csv.split('\r\n')[0]).toBe('\ufeffWeek van,Casussen,Mislukte runs,Minuten bespaard')
    expect(csv.trim().split('\r\n').length).toBeGreaterThanOrEqual(7)

    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('shows one flow with its tasks and drafts, and the strip on the flow’s own page', async () => {
    const { page } = await env.open()
    await login(page, env.platform.admin)
    await page.goto(`/impact?flowId=${flowId}`)
    await page.getByRole('table', { name: 'Per taak in de flow: de cijfers' }).waitFor()
    await page
      .getByRole('table', { name: 'AI-concepten per veld en methode: de cijfers' })
      .getByText('voorbeeldmodel', { exact: false })
      .waitFor()
    await expect(page.getByText('minuten met de hand (45 min)', { exact: false }).count()).resolves.toBe(1)
    // The flow chosen in the address is the one the flow list shows.
    await expect(page.getByLabel('Flow', { exact: true }).inputValue()).resolves.toBe(flowId)
    expect(await seriousAxeViolations(page)).toEqual([])
    await screenshot(page, 'impact-02-flow')

    await page.goto(`/flows/${flowId}`)
    const strip = page.getByRole('region', { name: 'Impact, laatste 12 weken' })
    await strip.waitFor()
    await expect(strip.locator('dd').first().textContent()).resolves.toMatch(/^\d+$/)
    await expect(page.getByLabel('Minuten met de hand per casus').inputValue()).resolves.toBe('45')
    await screenshot(page, 'impact-03-flow-strip')
  })

  it('starts empty for a real team, with a line on how to enter the baseline and no example note', async () => {
    const team = await env.platform.createTeam()
    const designer = await env.platform.createUser({ roles: ['designer'], teams: [team] })
    const { page } = await env.open()
    await login(page, designer)
    await page.goto('/impact')
    await page.getByText('Nog geen beginwaarde', { exact: false }).waitFor()
    expect(
      await page.locator('.impact-cards').getByText('Te weinig casussen', { exact: false }).count(),
    ).toBeGreaterThan(0)
    expect(await page.getByRole('note').count()).toBe(0)
    expect(await page.getByText(exampleImpactFlowName).count()).toBe(0)
    expect(await seriousAxeViolations(page)).toEqual([])
    await screenshot(page, 'impact-04-empty-team')
  })

  it('a designer enters minutes by hand per task on the flow’s settings; the Impact page then counts per task', async () => {
    const { page } = await env.open()
    await login(page, env.platform.admin)
    await page.goto(`/flows/${flowId}`)
    const perTask = page.getByRole('group', { name: 'Minuten met de hand per taak (mag leeg blijven)' })
    await perTask.waitFor()
    // One row per human task, by its name (here the task's title: the node has no label).
    expect(await perTask.getByRole('spinbutton').count()).toBe(1)
    const row = perTask.getByLabel('Voortgangsverslag controleren', { exact: true })
    await expect(row.inputValue()).resolves.toBe('')
    await row.fill('30')
    await perTask.scrollIntoViewIfNeeded()
    await screenshot(page, 'impact-05-baseline-per-task')
    expect(await seriousAxeViolations(page)).toEqual([])
    const stored = await eventually(async () => {
      const flow = await env.platform.request('GET', `/api/v1/flows/${flowId}`)
      const impact = flow.body.definition?.impact
      return impact?.minutesByHandPerNode?.controleren === 30 ? impact : undefined
    }, 15_000)
    expect(stored).toEqual({ minutesByHand: 45, minutesByHandPerNode: { controleren: 30 } })

    await page.goto(`/impact?flowId=${flowId}`)
    await page.getByText('Berekend per taak', { exact: false }).waitFor()
    await expect(page.getByText('controleren: 30 min', { exact: false }).count()).resolves.toBe(1)
    const tasks = page.getByRole('table', { name: 'Per taak in de flow: de cijfers' })
    await tasks.getByRole('columnheader', { name: 'Met de hand (min)' }).waitFor()
    await tasks.getByRole('cell', { name: '30', exact: true }).first().waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    await screenshot(page, 'impact-06-flow-per-task')
  })
})
