import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type TestUser } from '../support/platform.js'
import {
  type BrowserPlatform,
  login,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  startBrowserPlatform,
} from './support.js'

let env: BrowserPlatform
let designer: TestUser
let page: Page
let flowId: string
let runV1: string
let testRun: string

const runNode = (p: Page, id: string) => p.locator(`.run-canvas [data-testid="node-${id}"]`)
const draftNode = (p: Page, id: string) => p.locator(`.designer-body > .canvas [data-testid="node-${id}"]`)

async function finished(runId: string) {
  return eventually(async () => {
    const answer = await env.platform.request('GET', `/api/v1/runs/${runId}`)
    return answer.body.status === 'completed' ? answer.body : undefined
  }, 30_000)
}

describe('a run on the canvas of the version it ran with, in Chromium', () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    const { platform } = env
    designer = await platform.createUser({ roles: ['designer'], teams: [platform.team] })

    // Version 1: A → B.
    const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, {
      name: 'Run in zijn eigen versie',
      nodes: [
        { id: 'a', type: 'manual', version: 1, label: 'Aanmelding', position: { x: 0, y: 0 } },
        {
          id: 'b',
          type: 'transform',
          version: 1,
          label: 'Naam maken',
          config: { fields: { volledigeNaam: 'voornaam & " Jansen"' } },
          position: { x: 320, y: 0 },
        },
      ],
      edges: [{ id: 'e1', source: 'a', target: 'b' }],
    })
    expect(created.status).toBe(201)
    flowId = created.body.id
    expect(
      (await platform.request('POST', `/api/v1/flows/${flowId}/publish`, { note: 'A en B' })).status,
    ).toBe(201)
    const started = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, {
      input: { voornaam: 'Fatima' },
    })
    expect(started.status).toBe(201)
    runV1 = started.body.id
    await finished(runV1)

    // Version 2: B is gone, C is new.
    const current = await platform.request('GET', `/api/v1/flows/${flowId}`)
    const changed = await platform.request('PUT', `/api/v1/flows/${flowId}`, {
      revision: current.body.revision,
      definition: {
        name: 'Run in zijn eigen versie',
        nodes: [
          { id: 'a', type: 'manual', version: 1, label: 'Aanmelding', position: { x: 0, y: 0 } },
          {
            id: 'c',
            type: 'transform',
            version: 1,
            label: 'Groet maken',
            config: { fields: { groet: '"Hallo " & voornaam' } },
            position: { x: 320, y: 0 },
          },
        ],
        edges: [{ id: 'e2', source: 'a', target: 'c' }],
      },
    })
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
    expect((await platform.request('POST', `/api/v1/flows/${flowId}/publish`, { note: 'C' })).status).toBe(
      201,
    )
    const tested = await platform.request('POST', `/api/v1/flows/${flowId}/test-runs`, {
      input: { voornaam: 'Karim' },
    })
    expect(tested.status, JSON.stringify(tested.body)).toBe(201)
    testRun = tested.body.id
    await finished(testRun)

    page = (await env.open()).page
    await login(page, designer)
  }, 180_000)

  screenshotOnFailure(() => page, 'failed-run-view')

  afterAll(async () => {
    await env?.stop()
  })

  it('opens a run of version 1 from the run history: A and B as they ran, done, not the newer C', async () => {
    await page.goto(`/flows/${flowId}`)
    await draftNode(page, 'c').waitFor()
    expect(await draftNode(page, 'b').count()).toBe(0)

    await page.getByRole('tab', { name: 'Testen' }).click()
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: /versie 1$/ })
      .click()
    await page.getByRole('heading', { name: 'Versie 1 — zoals deze run liep' }).waitFor()
    expect(new URL(page.url()).searchParams.get('run')).toBe(runV1)
    for (const id of ['a', 'b']) {
      await runNode(page, id).locator('.run-badge', { hasText: 'Klaar' }).waitFor()
    }
    expect(await runNode(page, 'c').count()).toBe(0)
    await runNode(page, 'b').getByText('Naam maken').waitFor()
    await expect.poll(() => page.locator('.run-canvas .react-flow__minimap-node').count()).toBe(2)
    // The draft's editing tools are out of the way: nothing here changes the flow.
    expect(await page.getByRole('toolbar', { name: 'Acties voor de flow' }).isVisible()).toBe(false)
    expect(await page.locator('[data-node-type="transform"]').isVisible()).toBe(false)
    const panel = page.getByRole('complementary', { name: 'Wat er in deze run gebeurde' })
    await panel.getByTestId('run-view-row-b').getByText('Klaar').waitFor()
    await screenshot(page, 'run-view-01-version-1')
    expect(await seriousAxeViolations(page)).toEqual([])

    // Choosing B shows what went in and what came out.
    await runNode(page, 'b').locator('.warm-node-name').click()
    await panel.getByRole('heading', { name: 'In deze run' }).waitFor()
    await panel.getByText('"volledigeNaam": "Fatima Jansen"', { exact: false }).waitFor()
    await panel.getByText('"voornaam": "Fatima"', { exact: false }).first().waitFor()
    await screenshot(page, 'run-view-02-node-b')
    expect(await seriousAxeViolations(page)).toEqual([])
    // Nodes cannot be moved in a run.
    const wrapper = page.locator('.run-canvas .react-flow__node[data-id="b"]')
    const before = await wrapper.getAttribute('style')
    const box = (await wrapper.boundingBox())!
    await page.mouse.move(box.x + 40, box.y + 20)
    await page.mouse.down()
    await page.mouse.move(box.x + 240, box.y + 220, { steps: 8 })
    await page.mouse.up()
    expect(await wrapper.getAttribute('style')).toBe(before)

    // Back to the draft: C is there again, B is not, and the draft is unchanged.
    await page.getByRole('button', { name: 'Terug naar het concept' }).click()
    await draftNode(page, 'c').waitFor()
    expect(await page.locator('.run-canvas').count()).toBe(0)
    expect(await draftNode(page, 'b').count()).toBe(0)
    await page.getByRole('toolbar', { name: 'Acties voor de flow' }).waitFor()
    const flow = await env.platform.request('GET', `/api/v1/flows/${flowId}`)
    expect(flow.body.definition.nodes.map((node: { id: string }) => node.id)).toEqual(['a', 'c'])
  }, 90_000)

  it('says when a run was a test of the draft, and opens a run from its address', async () => {
    await page.getByRole('tab', { name: 'Testen' }).click()
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: /testrun van het concept/ })
      .click()
    await page.getByRole('heading', { name: 'Testrun van het concept' }).waitFor()
    await runNode(page, 'c').locator('.run-badge', { hasText: 'Klaar' }).waitFor()
    await screenshot(page, 'run-view-03-test-run')

    // The browser's back button returns to the draft.
    await page.goBack()
    await page.getByRole('toolbar', { name: 'Acties voor de flow' }).waitFor()
    expect(await page.locator('.run-canvas').count()).toBe(0)

    await page.goto(`/flows/${flowId}?run=${runV1}`)
    await page.getByRole('heading', { name: 'Versie 1 — zoals deze run liep' }).waitFor()
    await runNode(page, 'b').locator('.run-badge', { hasText: 'Klaar' }).waitFor()
    expect(await runNode(page, 'c').count()).toBe(0)
  }, 60_000)

  it("says why a node failed in the reader's language, with the node's own message beside it", async () => {
    const { platform } = env
    const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, {
      name: 'Vrijwilliger ophalen die er niet is',
      nodes: [
        { id: 'a', type: 'manual', version: 1, label: 'Start', position: { x: 0, y: 0 } },
        {
          id: 'lezen',
          type: 'records.read',
          version: 1,
          label: 'Vrijwilliger ophalen',
          config: { table: 'volunteers', id: '"00000000-0000-4000-8000-000000000000"', required: true },
          position: { x: 320, y: 0 },
        },
      ],
      edges: [{ id: 'e1', source: 'a', target: 'lezen' }],
    })
    expect(created.status).toBe(201)
    const failing = created.body.id
    const tested = await platform.request('POST', `/api/v1/flows/${failing}/test-runs`, { input: {} })
    expect(tested.status, JSON.stringify(tested.body)).toBe(201)
    const run = await eventually(async () => {
      const answer = await platform.request('GET', `/api/v1/runs/${tested.body.id}`)
      return answer.body.status === 'failed' ? answer.body : undefined
    }, 30_000)
    expect(run.nodes.lezen.error.code).toBe('records.not_found')

    await page.goto(`/flows/${failing}?run=${run.id}`)
    await page.getByRole('heading', { name: 'Testrun van het concept' }).waitFor()
    await runNode(page, 'lezen').locator('.warm-node-name').click()
    const panel = page.getByRole('complementary', { name: 'Wat er in deze run gebeurde' })
    await panel.getByText('Het gezochte record bestaat niet (meer).').waitFor()
    await panel
      .getByText('Melding van het systeem (Engels): No volunteers record with the given id')
      .waitFor()
    expect(await panel.getByText('records.not_found', { exact: true }).count()).toBe(1)
    await panel.getByText('Melding van het systeem (Engels)', { exact: false }).scrollIntoViewIfNeeded()
    await screenshot(page, 'run-view-04-failed-node-nl')

    await page.getByRole('button', { name: 'English' }).click()
    const english = page.getByRole('complementary', { name: 'What happened in this run' })
    await english.getByText('The record looked for does not exist (any more).').waitFor()
    await english.getByText('Message from the system: No volunteers record with the given id').waitFor()
    expect(await english.getByText('Het gezochte record bestaat niet').count()).toBe(0)
    await screenshot(page, 'run-view-05-failed-node-en')
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await panel.getByText('Het gezochte record bestaat niet (meer).').waitFor()
  }, 60_000)
})
