import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type TestUser } from '../support/platform.js'
import {
  type BrowserPlatform,
  createFlow,
  login,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  startBrowserPlatform,
} from './support.js'

let env: BrowserPlatform
let designer: TestUser
let page: Page

async function flowNow(flowId: string): Promise<{ revision: number; definition: { name: string } }> {
  const answer = await env.platform.request('GET', `/api/v1/flows/${flowId}`)
  expect(answer.status).toBe(200)
  return answer.body
}

describe("the designer's side panel and autosave, in Chromium", () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    designer = await env.platform.createUser({ roles: ['designer'], teams: [env.platform.team] })
    page = (await env.open()).page
    await login(page, designer)
  }, 180_000)

  screenshotOnFailure(() => page, 'failed-panel')

  afterAll(async () => {
    await env?.stop()
  })

  it('saves the draft while someone keeps typing without a pause, and still notices a save by someone else', async () => {
    const flowId = await createFlow(env.platform, {
      name: 'Snel typen',
      nodes: [{ id: 'start', type: 'manual', version: 1 }],
      edges: [],
    })
    await page.goto(`/flows/${flowId}`)
    await page.locator('[data-testid="node-start"]').waitFor()
    const before = (await flowNow(flowId)).revision
    const name = page.getByLabel('Naam van de flow')
    await name.click()
    await page.keyboard.press('End')

    // A key every 250 ms: never the 1.2 s of quiet that starts an autosave.
    const text = ' voor de aanmeldingen van vrijwilligers in de wijk'
    const started = Date.now()
    let savedWhileTyping: { revision: number; definition: { name: string } } | undefined
    for (let i = 0; !savedWhileTyping && Date.now() - started < 20_000; i++) {
      await page.keyboard.type(text[i % text.length]!)
      await page.waitForTimeout(250)
      if (i % 4 === 3) {
        const flow = await flowNow(flowId)
        if (flow.revision > before) savedWhileTyping = flow
      }
    }
    const typedFor = Date.now() - started
    expect(savedWhileTyping, 'the draft was saved before typing stopped').toBeDefined()
    // At the latest 10 s after the first change, with some room for a busy machine.
    expect(typedFor).toBeLessThan(14_000)
    expect(savedWhileTyping!.definition.name).toMatch(/^Snel typen voor/)
    await screenshot(page, 'panel-01-saved-while-typing')

    // Someone else saves now: the next autosave is refused (409) and said so; nothing is overwritten.
    const current = await flowNow(flowId)
    const theirs = await env.platform.request('PUT', `/api/v1/flows/${flowId}`, {
      revision: current.revision,
      definition: { ...current.definition, name: 'Door een collega opgeslagen' },
    })
    expect(theirs.status).toBe(200)
    await page.keyboard.type(' en meer')
    await page
      .getByRole('alert')
      .filter({ hasText: 'Iemand anders heeft deze flow intussen opgeslagen' })
      .waitFor({ timeout: 15_000 })
    const after = await flowNow(flowId)
    expect(after.revision).toBe(theirs.body.revision)
    expect(after.definition.name).toBe('Door een collega opgeslagen')
  }, 90_000)

  it("labels a records node's id as the record to pick, not as a name", async () => {
    const flowId = await createFlow(env.platform, {
      name: 'Record bijwerken',
      nodes: [
        { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
        {
          id: 'bijwerken',
          type: 'records.update',
          version: 1,
          config: { table: 'volunteers', id: 'vrijwilligerId', values: { notes: '"Gebeld"' } },
          position: { x: 320, y: 0 },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'bijwerken' }],
    })
    await page.goto(`/flows/${flowId}`)
    await page.locator('[data-testid="node-bijwerken"] .warm-node-name').click()
    const panel = page.getByRole('tabpanel')
    const id = panel.getByLabel(/^Welk record \(formule\)/)
    await id.waitFor()
    expect(await id.inputValue()).toBe('vrijwilligerId')
    // 'Naam' is left only where it means a name: the field of a value to write.
    const names = panel.getByLabel('Naam', { exact: true })
    expect(await names.count()).toBe(1)
    expect(await names.inputValue()).toBe('notes')
    await panel.getByRole('group', { name: /^Waarden/ }).waitFor()
    await id.scrollIntoViewIfNeeded()
    await screenshot(page, 'panel-02-records-id')
    expect(await seriousAxeViolations(page)).toEqual([])
  }, 60_000)

  it('puts the runs of published versions under their own heading, not under the test run of the draft', async () => {
    const flowId = await createFlow(env.platform, {
      name: 'Runs en testruns',
      nodes: [
        { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
        {
          id: 'naam',
          type: 'transform',
          version: 1,
          config: { fields: { volledigeNaam: 'voornaam & " Jansen"' } },
          position: { x: 320, y: 0 },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'naam' }],
    })
    expect(
      (await env.platform.request('POST', `/api/v1/flows/${flowId}/publish`, { note: 'v1' })).status,
    ).toBe(201)
    const started = await env.platform.request('POST', `/api/v1/flows/${flowId}/runs`, {
      input: { voornaam: 'Fatima' },
    })
    expect(started.status).toBe(201)
    await eventually(async () => {
      const run = await env.platform.request('GET', `/api/v1/runs/${started.body.id}`)
      return run.body.status === 'completed' ? run.body : undefined
    }, 30_000)

    await page.goto(`/flows/${flowId}`)
    await page.locator('[data-testid="node-naam"]').waitFor()
    await page.getByRole('tab', { name: 'Testen' }).click()
    const panel = page.getByRole('tabpanel')
    await panel.getByRole('heading', { name: 'Testrun van het concept', level: 2 }).waitFor()
    await panel.getByRole('button', { name: 'Testrun starten' }).click()
    await panel.getByRole('heading', { name: /^Status: Klaar/ }).waitFor({ timeout: 30_000 })

    // The run of version 1 and the test run are listed together, under a heading of their own at
    // the level of the test run's heading, not inside it.
    const runs = panel.getByRole('region', { name: 'Runs van deze flow' })
    await runs.getByRole('heading', { name: 'Runs van deze flow', level: 2 }).waitFor()
    await runs.getByRole('button', { name: /versie 1$/ }).waitFor()
    await runs.getByRole('button', { name: /testrun van het concept$/ }).waitFor()
    expect(await panel.getByRole('heading', { name: 'Testrun', exact: true }).count()).toBe(0)
    await runs.scrollIntoViewIfNeeded()
    await screenshot(page, 'panel-03-runs-heading')
    expect(await seriousAxeViolations(page)).toEqual([])
  }, 90_000)

  it('compares a published version with the draft and publishes it again from the publish tab', async () => {
    const start = { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } }
    const flowId = await createFlow(env.platform, { name: 'Versies vergelijken', nodes: [start], edges: [] })
    const publish = (note: string) =>
      env.platform.request('POST', `/api/v1/flows/${flowId}/publish`, { note })
    expect((await publish('v1')).status).toBe(201)
    // Version 2 (and the draft) add a node after the start.
    const current = await env.platform.request('GET', `/api/v1/flows/${flowId}`)
    const saved = await env.platform.request('PUT', `/api/v1/flows/${flowId}`, {
      revision: current.body.revision,
      definition: {
        name: 'Versies vergelijken',
        nodes: [
          start,
          {
            id: 'naam',
            type: 'transform',
            version: 1,
            config: { fields: { x: '1' } },
            position: { x: 320, y: 0 },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'naam' }],
      },
    })
    expect(saved.status).toBe(200)
    expect((await publish('v2')).status).toBe(201)

    await page.goto(`/flows/${flowId}`)
    await page.locator('[data-testid="node-naam"]').waitFor()
    await page.getByRole('tab', { name: 'Publiceren' }).click()
    const panel = page.getByRole('tabpanel')
    const compare = panel.getByRole('button', { name: 'Vergelijk met concept' })
    await expect.poll(() => compare.count(), { timeout: 10_000 }).toBe(2)
    // Newest first: version 1 is the last of the list.
    await compare.last().click()
    const diff = panel.getByRole('list', { name: 'Verschil tussen versie 1 en het concept' })
    await diff.getByText('Nieuwe blokken: naam').waitFor()
    await diff.getByText('Verbindingen: 1 nieuw, 0 weg').waitFor()

    await panel.getByRole('button', { name: 'Deze versie opnieuw publiceren' }).last().click()
    await expect.poll(() => compare.count(), { timeout: 10_000 }).toBe(3)
    const versions = await env.platform.request('GET', `/api/v1/flows/${flowId}/versions`)
    expect(versions.body.items.map((item: { version: number }) => item.version)).toEqual([3, 2, 1])
    expect(versions.body.items[0].note).toBe('Rollback to version 1')
    expect(await panel.getByRole('alert').count()).toBe(0)
  }, 60_000)
})
