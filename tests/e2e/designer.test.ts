import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../support/platform.js'
import {
  type BrowserPlatform,
  centre,
  dragMouse,
  login,
  screenshot,
  screenshotOnFailure,
  seriousAxeViolations,
  startBrowserPlatform,
} from './support.js'

let env: BrowserPlatform
let designer: TestUser
let page: Page

const edges = (p: Page) => p.locator('.react-flow__edge').count()

async function dropFromPalette(p: Page, type: string, at: { x: number; y: number }) {
  await p.locator(`[data-node-type="${type}"]`).dragTo(p.locator('.react-flow__pane'), { targetPosition: at })
}

async function connect(p: Page, source: string, port: string, target: string) {
  const before = await edges(p)
  await dragMouse(
    p,
    await centre(p, `[data-testid="node-${source}"] .react-flow__handle[data-handleid="${port}"]`),
    await centre(p, `[data-testid="node-${target}"] .react-flow__handle[data-handleid="in"]`),
  )
  await expect.poll(() => edges(p)).toBe(before + 1)
}

/** Waits until the view stops moving: tidying up lays the nodes out and animates the view to fit. */
async function viewSettled(p: Page) {
  const viewport = p.locator('.react-flow__viewport')
  let last: string | null = null
  await expect
    .poll(
      async () => {
        const now = await viewport.getAttribute('style')
        const same = now === last
        last = now
        return same
      },
      { timeout: 10_000, interval: 100 },
    )
    .toBe(true)
}

/** A node's height and where its ports sit in it, in pixels from its top left corner. */
async function nodeShape(node: Locator) {
  const box = await node.boundingBox()
  if (!box) throw new Error('the node is not visible')
  const ports: Record<string, [number, number]> = {}
  for (const port of await node.locator('.react-flow__handle').all()) {
    const at = await port.boundingBox()
    const id = await port.getAttribute('data-handleid')
    if (at && id) ports[id] = [Math.round(at.x - box.x), Math.round(at.y - box.y)]
  }
  return { height: Math.round(box.height), ports }
}

async function selectNode(p: Page, id: string) {
  await p.locator(`[data-testid="node-${id}"] .warm-node-name`).click()
}

/**
 * Opens, on the canvas, a flow of its own as the designer builds it in the second test (a manual
 * start, a transform and a task for an approver), made through the API: a test that starts from
 * such a flow does not depend on that test having run.
 */
async function openBuiltFlow(p: Page) {
  const created = await env.platform.request('POST', `/api/v1/flows?teamId=${env.platform.team.id}`, {
    name: 'Aanmelding e2e',
    nodes: [
      { id: 'manual_1', type: 'manual', version: 1, position: { x: 0, y: 0 } },
      {
        id: 'transform_1',
        type: 'transform',
        version: 1,
        config: { fields: { volledigeNaam: 'voornaam & " Jansen"' } },
        position: { x: 0, y: 180 },
      },
      {
        id: 'human_task_1',
        type: 'human.task',
        version: 1,
        config: { title: { nl: 'Aanmelding beoordelen', en: 'Review the intake' }, role: 'approver' },
        position: { x: 0, y: 360 },
      },
    ],
    edges: [
      { id: 'e1', source: 'manual_1', target: 'transform_1' },
      { id: 'e2', source: 'transform_1', target: 'human_task_1' },
    ],
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  await p.goto(`/flows/${created.body.id}`)
  await p.locator('[data-testid="node-human_task_1"]').waitFor()
  await expect.poll(() => edges(p)).toBe(2)
}

describe('the flow designer in Chromium', () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    designer = await env.platform.createUser({ roles: ['designer'], teams: [env.platform.team] })
    // The page the tests share is signed in here; the first test signs in on a page of its own.
    page = (await env.open()).page
    await login(page, designer)
  }, 180_000)

  // A picture of the page at a failure, to look at beside the error.
  screenshotOnFailure(() => page, 'failed')

  afterAll(async () => {
    await env?.stop()
  })

  it('lists flows after signing in, in Dutch, without serious accessibility problems', async () => {
    const own = (await env.open()).page
    await login(own, designer)
    await own.getByRole('heading', { name: 'Flows' }).waitFor()
    expect(await own.locator('html').getAttribute('lang')).toBe('nl')
    await screenshot(own, '01-flow-list')
    expect(await seriousAxeViolations(own)).toEqual([])
  }, 60_000)

  it('builds a flow from an empty canvas, shows a problem, fixes it and publishes', async () => {
    await page.goto('/')
    await page.getByRole('link', { name: 'Nieuwe flow' }).click()
    await page.getByText('Het canvas is leeg').waitFor()
    await page.getByLabel('Naam van de flow').fill('Aanmelding e2e')

    await dropFromPalette(page, 'manual', { x: 60, y: 80 })
    await page.locator('[data-testid="node-manual_1"]').waitFor()
    await dropFromPalette(page, 'transform', { x: 60, y: 260 })
    await page.locator('[data-testid="node-transform_1"]').waitFor()
    await dropFromPalette(page, 'human.task', { x: 60, y: 440 })
    await page.locator('[data-testid="node-human_task_1"]').waitFor()

    await connect(page, 'manual_1', 'out', 'transform_1')
    await connect(page, 'transform_1', 'out', 'human_task_1')
    await expect.poll(() => edges(page)).toBe(2)
    await page.getByRole('button', { name: 'Netjes ordenen' }).click()
    await viewSettled(page)

    // A loop back into the transform is refused, with the reason beside the pointer.
    const from = await centre(
      page,
      '[data-testid="node-human_task_1"] .react-flow__handle[data-handleid="approved"]',
    )
    const to = await centre(page, '[data-testid="node-transform_1"] .react-flow__handle[data-handleid="in"]')
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 12 })
    await page.getByRole('tooltip').filter({ hasText: 'rondje' }).waitFor()
    await screenshot(page, '02-cycle-refused')
    await page.mouse.up()
    expect(await edges(page)).toBe(2)

    // The human task has no title and role yet: the engine's validation says so.
    await expect.poll(() => page.locator('[data-testid="node-human_task_1"] .badge-problem').count()).toBe(1)
    const task = page.locator('[data-testid="node-human_task_1"]')
    const withProblems = await nodeShape(task)
    await page.getByRole('tab', { name: /Problemen/ }).click()
    await page
      .getByRole('tabpanel')
      .getByText('Blok "Taak voor een medewerker", instelling "Rol": Vul dit veld in.')
      .waitFor()
    await screenshot(page, '03-validation-problem')
    await page.getByRole('tab', { name: /Publiceren/ }).click()
    expect(await page.getByRole('button', { name: 'Publiceren', exact: true }).isDisabled()).toBe(true)

    // Fill the forms: the transform's field and the task's title and role.
    await selectNode(page, 'transform_1')
    await page.getByRole('tab', { name: 'Instellingen' }).click()
    const panel = page.getByRole('tabpanel')
    await panel
      .getByRole('button', { name: /Regel toevoegen/ })
      .first()
      .click()
    await panel.getByLabel('Naam', { exact: true }).first().fill('volledigeNaam')
    await panel.getByLabel('Waarde', { exact: true }).first().fill('voornaam & " Jansen"')

    await selectNode(page, 'human_task_1')
    await panel
      .getByRole('group', { name: /^Titel/ })
      .getByLabel(/^Nederlands/)
      .fill('Aanmelding beoordelen')
    await panel
      .getByRole('group', { name: /^Titel/ })
      .getByLabel(/^Engels/)
      .fill('Review the intake')
    await panel.getByLabel('Rol (verplicht)', { exact: true }).fill('approver')
    await expect.poll(() => page.locator('.badge-problem').count()).toBe(0)
    // The badge went, and the node kept its height and its ports their places: edges do not jump
    // and a port the designer is about to take is still under the pointer.
    expect(await nodeShape(task)).toEqual(withProblems)
    await screenshot(page, '04-forms-filled')

    await page.getByText('Opgeslagen', { exact: false }).first().waitFor({ timeout: 15_000 })
    await page.getByRole('tab', { name: /Publiceren/ }).click()
    await page.getByLabel(/Wat is er veranderd/).fill('Eerste versie')
    await page.getByRole('button', { name: 'Publiceren', exact: true }).click()
    await page.getByText('Versie 1 is gepubliceerd.').first().waitFor()
    await page.getByRole('tabpanel').getByText('Eerste versie').waitFor()
    await screenshot(page, '05-published')
  }, 120_000)

  it('test-runs the draft and shows each node live on the canvas', async () => {
    await openBuiltFlow(page)
    await page.getByRole('tab', { name: 'Testen' }).click()
    await page.getByRole('button', { name: 'Testrun starten' }).click()
    const transform = page.locator('[data-testid="node-transform_1"]')
    await transform.locator('.run-badge', { hasText: 'Klaar' }).waitFor({ timeout: 30_000 })
    await page
      .locator('[data-testid="node-human_task_1"] .run-badge', { hasText: 'Wacht op een mens' })
      .waitFor({ timeout: 30_000 })
    await selectNode(page, 'transform_1')
    await page.getByRole('tab', { name: 'Instellingen' }).click()
    await page.getByRole('tabpanel').getByText('Fatima Jansen').first().waitFor()
    // The transform's formula is previewed with the run's data (JSONata in the browser).
    await page.getByText('Met de gegevens van de laatste testrun: "Fatima Jansen"').waitFor()
    await screenshot(page, '06-test-run')
    await selectNode(page, 'human_task_1')
    await page
      .getByText('Een medewerker met de rol goedkeurder handelt deze taak af in de werkbak.')
      .waitFor()
    expect(await seriousAxeViolations(page)).toEqual([])
    // The run is listed among the flow's runs as a test of the draft; choosing it shows it on
    // the canvas as it ran, read-only, until going back to the draft.
    await page.getByRole('tab', { name: 'Testen' }).click()
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: /testrun van het concept/ })
      .first()
      .click()
    await page.getByRole('heading', { name: 'Testrun van het concept' }).waitFor()
    await page
      .locator('.run-canvas [data-testid="node-transform_1"] .run-badge', { hasText: 'Klaar' })
      .waitFor()
    await page.getByRole('button', { name: 'Terug naar het concept' }).click()
    await page.getByRole('toolbar', { name: 'Acties voor de flow' }).waitFor()
    await transform.locator('.run-badge', { hasText: 'Klaar' }).waitFor()
  }, 90_000)

  it('undo restores a deleted node with its edges, redo deletes it again', async () => {
    await openBuiltFlow(page)
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } })
    await selectNode(page, 'transform_1')
    expect(await edges(page)).toBe(2)
    await page.keyboard.press('Delete')
    await expect.poll(() => page.locator('[data-testid="node-transform_1"]').count()).toBe(0)
    expect(await edges(page)).toBe(0)
    await screenshot(page, '07-deleted')
    await page.keyboard.press('Control+z')
    await page.locator('[data-testid="node-transform_1"]').waitFor()
    await expect.poll(() => edges(page)).toBe(2)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => page.locator('[data-testid="node-transform_1"]').count()).toBe(0)
    expect(await edges(page)).toBe(0)
    await page.keyboard.press('Control+z')
    await expect.poll(() => edges(page)).toBe(2)
    await screenshot(page, '08-restored')

    // Moving a chosen node with an arrow key is one undo step.
    const wrapper = page.locator('.react-flow__node[data-id="transform_1"]')
    await selectNode(page, 'transform_1')
    await wrapper.focus()
    const before = await wrapper.getAttribute('style')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => wrapper.getAttribute('style')).not.toBe(before)
    await page.keyboard.press('Control+z')
    await expect.poll(() => wrapper.getAttribute('style')).toBe(before)

    // Copy and paste make a second node with a fresh id; undo takes the paste back.
    await selectNode(page, 'transform_1')
    await page.keyboard.press('Control+c')
    await page.keyboard.press('Control+v')
    await page.locator('[data-testid="node-transform_2"]').waitFor()
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator('[data-testid="node-transform_2"]').count()).toBe(0)
    expect(await edges(page)).toBe(2)
  }, 60_000)

  it('adds nodes from the palette by keyboard and tells about a conflicting save by someone else', async () => {
    const created = await env.platform.request('POST', `/api/v1/flows?teamId=${env.platform.team.id}`, {
      name: 'Samen bewerken',
      nodes: [{ id: 'start', type: 'manual', version: 1 }],
      edges: [],
    })
    expect(created.status).toBe(201)
    const other = (await env.open()).page
    await login(other, designer)
    await other.goto(`/flows/${created.body.id}`)
    await page.goto(`/flows/${created.body.id}`)
    for (const p of [page, other]) await p.locator('[data-testid="node-start"]').waitFor()

    await other.locator('[data-node-type="transform"]').focus()
    await other.keyboard.press('Enter')
    await other.locator('[data-testid="node-transform_1"]').waitFor()
    await other.getByText(/^Opgeslagen/).waitFor({ timeout: 15_000 })

    await page.locator('[data-node-type="condition"]').focus()
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="node-condition_1"]').waitFor()
    const conflict = page
      .getByRole('alert')
      .filter({ hasText: 'Iemand anders heeft deze flow intussen opgeslagen' })
    await conflict.waitFor({ timeout: 15_000 })
    await screenshot(page, '09-conflict')
    await conflict.getByRole('button', { name: 'Nieuwste versie laden' }).click()
    await page.locator('[data-testid="node-transform_1"]').waitFor()
    expect(await page.locator('[data-testid="node-condition_1"]').count()).toBe(0)
  }, 60_000)

  it("offers the team's credentials for a node's secret slot, and warns about one that does not exist", async () => {
    const { platform } = env
    for (const name of ['smtp', 'smtp.kantoor', 'postgres']) {
      const stored = await platform.request('POST', `/api/v1/credentials?teamId=${platform.team.id}`, {
        name,
        value: 'geheim',
      })
      expect(stored.status, JSON.stringify(stored.body)).toBe(201)
    }
    const otherTeam = await platform.createTeam()
    const otherAdmin = await platform.createUser({ roles: ['admin'], teams: [otherTeam] })
    const foreign = await platform
      .as(otherAdmin)
      .request('POST', '/api/v1/credentials', { name: 'smtp.anderteam', value: 'geheim' })
    expect(foreign.status).toBe(201)
    const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, {
      name: 'Inloggegevens kiezen',
      nodes: [
        { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
        {
          id: 'samenvatten',
          type: 'ai.summarise',
          version: 1,
          config: { fields: ['omschrijving'] },
          position: { x: 0, y: 160 },
        },
        {
          id: 'mail',
          type: 'email.send',
          version: 1,
          credentials: { smtp: 'smtp-oud' },
          position: { x: 0, y: 320 },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'samenvatten' },
        { id: 'e2', source: 'samenvatten', target: 'mail' },
      ],
    })
    expect(created.status).toBe(201)
    await page.goto(`/flows/${created.body.id}`)
    await page.locator('[data-testid="node-mail"]').waitFor()
    await selectNode(page, 'mail')
    await page.getByRole('tab', { name: 'Instellingen' }).click()
    const slot = page.getByRole('tabpanel').getByLabel('Inloggegevens voor "smtp"')
    // The name in the flow stays visible, with a warning, until someone picks another.
    const missing = page.getByText('De inloggegevens "smtp-oud" bestaan niet in dit team.', { exact: false })
    await missing.waitFor()
    expect(await slot.inputValue()).toBe('smtp-oud')
    const options = await slot.locator('option').allTextContents()
    expect(options).toEqual([
      'Standaard: smtp',
      'smtp-oud (niet gevonden)',
      'smtp',
      'smtp.kantoor',
      'postgres',
    ])
    await slot.scrollIntoViewIfNeeded()
    await screenshot(page, '10-credential-missing')
    expect(await seriousAxeViolations(page)).toEqual([])

    await slot.selectOption('smtp.kantoor')
    await missing.waitFor({ state: 'detached' })
    await expect
      .poll(
        async () => {
          const flow = await platform.request('GET', `/api/v1/flows/${created.body.id}`)
          return flow.body.definition.nodes.find((node: { id: string }) => node.id === 'mail')?.credentials
        },
        { timeout: 15_000 },
      )
      .toEqual({ smtp: 'smtp.kantoor' })

    // No credential for the AI slot yet: the panel says where to make one.
    await selectNode(page, 'samenvatten')
    await page
      .getByText('Dit team heeft nog geen inloggegevens voor "ai". Maak ze aan op de pagina Inloggegevens.')
      .waitFor()
    await screenshot(page, '11-credential-none')
  }, 60_000)

  it('shows a privacy warning from the validation beside the problems, marks the node, and still publishes', async () => {
    const created = await env.platform.request('POST', `/api/v1/flows?teamId=${env.platform.team.id}`, {
      name: 'AI zonder vervangen',
      nodes: [
        { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
        {
          id: 'samenvatten',
          type: 'ai.summarise',
          version: 1,
          config: { fields: ['omschrijving'] },
          position: { x: 0, y: 160 },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'samenvatten' }],
    })
    expect(created.status).toBe(201)
    await page.goto(`/flows/${created.body.id}`)
    const node = page.locator('[data-testid="node-samenvatten"]')
    await node.locator('.badge-warning', { hasText: '1 waarschuwing' }).waitFor()
    expect(await page.locator('.badge-problem').count()).toBe(0)

    await page.getByRole('tab', { name: /Problemen/ }).click()
    const panel = page.getByRole('tabpanel')
    await panel.getByText('Geen problemen gevonden. Je kunt de flow publiceren.').waitFor()
    const warnings = panel.getByRole('region', { name: 'Waarschuwingen over privacy' })
    await warnings
      .getByRole('button', {
        name: /^Blok "Samenvatten" stuurt tekst naar een AI-dienst\. Er staat geen blok "Persoonsgegevens vervangen" voor\./,
      })
      .click()
    // Choosing the warning opens the node, which repeats it.
    await page
      .getByRole('list', { name: 'Waarschuwingen bij dit blok' })
      .getByText(/stuurt tekst naar een AI-dienst/)
      .waitFor()
    await screenshot(page, '12-privacy-warning')
    expect(await seriousAxeViolations(page)).toEqual([])

    // The draft can be test-run before it was ever published.
    await page.getByRole('tab', { name: 'Testen' }).click()
    await panel.getByText('Je hoeft niet eerst te publiceren.', { exact: false }).waitFor()
    await panel
      .getByLabel('Voorbeeldgegevens (JSON)')
      .fill('{ "omschrijving": "Meneer zoekt iemand om mee te wandelen." }')
    await panel.getByRole('button', { name: 'Testrun starten' }).click()
    await node.locator('.run-badge', { hasText: 'Klaar' }).waitFor({ timeout: 30_000 })
    const runs = await env.platform.request('GET', `/api/v1/runs?flowId=${created.body.id}`)
    expect(runs.body.items.map((run: { trigger: string; flowVersion: number | null }) => run)).toEqual([
      expect.objectContaining({ trigger: 'test', flowVersion: null, status: 'completed' }),
    ])

    // A warning does not block publishing.
    await page.getByRole('tab', { name: /Publiceren/ }).click()
    await panel
      .getByText('Er is 1 waarschuwing over privacy. Publiceren kan wel.', { exact: false })
      .waitFor()
    await page.getByRole('button', { name: 'Publiceren', exact: true }).click()
    await page.getByText('Versie 1 is gepubliceerd.').first().waitFor()
  }, 60_000)

  it('opens a flow of 250 nodes drawing only the nodes in view, every node on the minimap', async () => {
    // Ten nodes a row, each linked to the one before: the rows reach far beyond the canvas.
    const nodes = Array.from({ length: 250 }, (_, i) => ({
      id: `n${i}`,
      type: i === 0 ? 'manual' : 'transform',
      version: 1,
      config: i === 0 ? {} : { fields: { [`veld${i}`]: `"waarde ${i}"` } },
      position: { x: (i % 10) * 260, y: Math.floor(i / 10) * 120 },
    }))
    const links = nodes.slice(1).map((node, i) => ({ id: `e${i + 1}`, source: `n${i}`, target: node.id }))
    const created = await env.platform.request('POST', `/api/v1/flows?teamId=${env.platform.team.id}`, {
      name: 'Grote flow',
      nodes,
      edges: links,
    })
    expect(created.status).toBe(201)
    await page.goto(`/flows/${created.body.id}`)
    await page.locator('[data-testid="node-n0"]').waitFor()
    await expect.poll(() => page.locator('.react-flow__minimap-node').count()).toBe(250)
    const drawn = new Set(
      (await page.evaluate(
        `[...document.querySelectorAll('.react-flow__node')].map((node) => node.getAttribute('data-id'))`,
      )) as string[],
    )
    expect(drawn.size).toBeGreaterThan(3)
    expect(drawn.size).toBeLessThan(100)

    // An edge from a node in view to one out of view ends where that node's input port is once
    // the node is drawn (in flow coordinates, whatever the zoom).
    const edge = links.find((link) => drawn.has(link.source) && !drawn.has(link.target))
    expect(edge).toBeDefined()
    const edgeEnd = (await page.evaluate(
      `document.querySelector('[data-testid="rf__edge-${edge!.id}"] .react-flow__edge-path').getAttribute('d').match(/-?[0-9.]+/g).slice(-2).map(Number)`,
    )) as number[]
    await page.getByRole('toolbar').getByRole('button', { name: 'Alles in beeld' }).click()
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(250)
    const port = (await page.evaluate(`(() => {
      const handle = document.querySelector('[data-testid="node-${edge!.target}"] .react-flow__handle[data-handleid="in"]').getBoundingClientRect()
      const canvas = document.querySelector('.react-flow').getBoundingClientRect()
      const view = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform)
      return [(handle.left - canvas.left - view.e) / view.a, (handle.top + handle.height / 2 - canvas.top - view.f) / view.a]
    })()`)) as number[]
    expect(Math.abs(edgeEnd[0]! - port[0]!)).toBeLessThan(1.5)
    expect(Math.abs(edgeEnd[1]! - port[1]!)).toBeLessThan(1.5)
    await screenshot(page, '13-large-flow')
  }, 60_000)

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('button', { name: 'Undo' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page.getByRole('button', { name: 'Nederlands' }).click()
    await page.getByRole('button', { name: 'Ongedaan maken' }).waitFor()
  }, 30_000)
})
