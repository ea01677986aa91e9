import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/platform.js'
import { type BrowserPlatform, login, screenshot, startBrowserPlatform } from './support.js'

let env: BrowserPlatform
let page: Page

describe("the designer's Testen tab, in Chromium", () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    const designer = await env.platform.createUser({ roles: ['designer'], teams: [env.platform.team] })
    page = (await env.open({ width: 1440, height: 900 })).page
    await login(page, designer)
  }, 180_000)

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, 'failed-test-tab')
  })

  afterAll(async () => {
    await env?.stop()
  })

  it("shows a chosen node's input, output and error, and runs the published version too", async () => {
    const created = await env.platform.request('POST', `/api/v1/flows?teamId=${env.platform.team.id}`, {
      name: 'Groeten',
      nodes: [
        { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
        {
          id: 'groet',
          type: 'transform',
          version: 1,
          label: 'Groet maken',
          config: { fields: { groet: '"Hallo " & voornaam' } },
          position: { x: 0, y: 160 },
        },
        {
          id: 'kapot',
          type: 'transform',
          version: 1,
          label: 'Gaat mis',
          config: { fields: { x: '$error("bewust kapot")' } },
          position: { x: 0, y: 320 },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'groet' },
        { id: 'e2', source: 'groet', target: 'kapot' },
      ],
    })
    expect(created.status).toBe(201)
    const flowId = created.body.id
    expect((await env.platform.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)

    await page.goto(`/flows/${flowId}`)
    await page.locator('[data-testid="node-kapot"]').waitFor()
    await page.getByRole('tab', { name: 'Testen' }).click()
    const panel = page.getByRole('tabpanel')
    await panel.getByLabel('Voorbeeldgegevens (JSON)').fill('{ "voornaam": "Fatima" }')
    await panel.getByRole('button', { name: 'Testrun starten' }).click()
    await panel.getByText('Deze run gebruikt het concept.').waitFor()
    await panel.locator('[data-testid="run-row-kapot"]').getByText('Mislukt').waitFor({ timeout: 30_000 })

    // Choosing a node in the list shows what went in, what came out, and the error.
    await panel.getByRole('button', { name: 'Groet maken' }).click()
    const details = panel.getByRole('region', { name: 'In deze run: Groet maken' })
    await details.getByText('"voornaam": "Fatima"').first().waitFor()
    await details.getByText('"groet": "Hallo Fatima"').waitFor()
    await panel.getByRole('button', { name: 'Gaat mis' }).click()
    const failed = panel.getByRole('region', { name: 'In deze run: Gaat mis' })
    await failed.getByRole('heading', { name: 'Fout' }).waitFor()
    await failed.getByText('the expression stopped with $error', { exact: false }).waitFor()
    await screenshot(page, 'test-tab-01-node-details')

    // The published version runs from the designer too, not only the draft.
    await panel.getByRole('button', { name: 'Versie 1 starten' }).click()
    await panel.getByText('Deze run gebruikt versie 1.').waitFor()
    const runs = await eventually(async () => {
      const { body } = await env.platform.request('GET', `/api/v1/runs?flowId=${flowId}`)
      const published = (body.items as { flowVersion: number | null; trigger: string }[]).filter(
        (run) => run.flowVersion === 1,
      )
      return published.length > 0 ? published : undefined
    })
    expect(runs[0]!.trigger).not.toBe('test')
    await screenshot(page, 'test-tab-02-published-run')
  }, 90_000)
})
