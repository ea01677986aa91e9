import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../support/platform.js'
import { type BrowserPlatform, createFlow, login, screenshot, startBrowserPlatform } from './support.js'

let env: BrowserPlatform
let designer: TestUser
const pages: Page[] = []

/** A chain of `count` transform nodes below a manual start, 160 px apart. */
function longFlow(count: number) {
  const nodes: Record<string, unknown>[] = [
    { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
  ]
  const edges: Record<string, unknown>[] = []
  for (let i = 1; i <= count; i++) {
    nodes.push({
      id: `stap_${i}`,
      type: 'transform',
      version: 1,
      label: `Stap ${i}`,
      config: { fields: { nummer: String(i) } },
      position: { x: (i % 3) * 300, y: i * 160 },
    })
    edges.push({ id: `e${i}`, source: i === 1 ? 'start' : `stap_${i - 1}`, target: `stap_${i}` })
  }
  return { name: 'Lange flow', nodes, edges }
}

/** Boxes of elements that stick out of their container or cut their own text. */
async function clipped(page: Page, container: string, items: string) {
  return page.evaluate(
    ({ container, items }) => {
      const parent = document.querySelector(container)!
      const box = parent.getBoundingClientRect()
      const width = document.documentElement.clientWidth
      return [...parent.querySelectorAll<HTMLElement>(items)]
        .filter((element) => element.offsetParent !== null)
        .flatMap((element) => {
          const own = element.getBoundingClientRect()
          const problems: string[] = []
          if (own.left < box.left - 0.5 || own.right > box.right + 0.5) problems.push('outside its container')
          if (own.right > width + 0.5) problems.push('outside the window')
          // A text box scrolls its own text; anything else must show all of it.
          if (element.tagName !== 'INPUT' && element.scrollWidth > element.clientWidth + 1) {
            problems.push('text cut off')
          }
          return problems.length
            ? [`${element.textContent?.trim() || element.id || element.tagName}: ${problems.join(', ')}`]
            : []
        })
    },
    { container, items },
  )
}

describe('the designer at desktop widths, in Chromium', () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    designer = await env.platform.createUser({ roles: ['designer'], teams: [env.platform.team] })
  }, 180_000)

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      for (const [index, page] of pages.entries()) {
        await screenshot(
          page,
          `failed-layout-${index}-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`,
        )
      }
    }
    pages.length = 0
  })

  afterAll(async () => {
    await env?.stop()
  })

  for (const width of [1280, 1920]) {
    it(`never clips the toolbar or the side panel's tabs at ${width} px`, async () => {
      // A flow with a problem (the e-mail node has no address) and warnings, so the tabs carry badges.
      const flowId = await createFlow(env.platform, {
        name: 'Aanmelding verwerken met een lange naam voor de werkbalk',
        nodes: [
          { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
          {
            id: 'samenvatten',
            type: 'ai.summarise',
            version: 1,
            config: { fields: ['tekst'] },
            position: { x: 0, y: 160 },
          },
          { id: 'mail', type: 'email.send', version: 1, config: {}, position: { x: 0, y: 320 } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'samenvatten' },
          { id: 'e2', source: 'samenvatten', target: 'mail' },
        ],
      })
      const { page } = await env.open({ width, height: 900 })
      pages.push(page)
      await login(page, designer)
      await page.goto(`/flows/${flowId}`)
      await page.locator('[data-testid="node-mail"]').waitFor()
      await page.locator('.tabs .badge-problem').waitFor()
      await page.locator('.tabs .badge-warning').waitFor()

      expect(await clipped(page, '.designer-toolbar', 'button, input, a, .badge, .save-status')).toEqual([])
      expect(await clipped(page, '.tabs', '[role="tab"]')).toEqual([])
      // Each tab is whole on screen.
      for (const name of ['Instellingen', /Problemen/, 'Publiceren', 'Testen']) {
        const box = await page.getByRole('tab', { name }).boundingBox()
        expect(box).not.toBeNull()
        expect(box!.x + box!.width).toBeLessThanOrEqual(width)
      }
      // A screen reader hears the edges in Dutch, by the nodes' names.
      expect(await page.locator('[data-testid="rf__edge-e2"]').getAttribute('aria-label')).toBe(
        'Verbinding van Samenvatten naar E-mail versturen',
      )
      await screenshot(page, `layout-${width}`)
    }, 60_000)
  }

  it('opens a long flow at a zoom where the labels can be read, at its start', async () => {
    const flowId = await createFlow(env.platform, longFlow(40))
    const { page } = await env.open({ width: 1280, height: 800 })
    pages.push(page)
    await login(page, designer)
    await page.goto(`/flows/${flowId}`)
    await page.locator('[data-testid="node-start"]').waitFor()
    await page.waitForFunction(() =>
      document.querySelector('.react-flow__viewport')?.getAttribute('style')?.includes('scale'),
    )
    // Let the first fit settle (React Flow fits once the nodes are measured).
    await page.waitForTimeout(500)
    const zoom = await page.evaluate(() => {
      const transform = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform
      return new DOMMatrixReadOnly(transform).a
    })
    const nameSize = await page
      .locator('[data-testid="node-start"] .warm-node-name')
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize))
    // The node names on screen are at least 11 px high.
    expect(nameSize * zoom).toBeGreaterThanOrEqual(11)
    // The flow's start is in view; the rest is there to scroll to.
    const canvas = (await page.locator('.canvas').boundingBox())!
    const start = (await page.locator('[data-testid="node-start"]').boundingBox())!
    expect(start.y).toBeGreaterThanOrEqual(canvas.y)
    expect(start.y + start.height).toBeLessThanOrEqual(canvas.y + canvas.height)
    expect(start.x).toBeGreaterThanOrEqual(canvas.x)
    await screenshot(page, 'layout-long-flow')

    // A small flow still opens fitted to the view, as a whole.
    const small = await createFlow(env.platform, {
      name: 'Klein',
      nodes: [
        { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
        {
          id: 'stap',
          type: 'transform',
          version: 1,
          config: { fields: { klaar: 'true' } },
          position: { x: 0, y: 160 },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'stap' }],
    })
    await page.goto(`/flows/${small}`)
    await page.locator('[data-testid="node-stap"]').waitFor()
    await page.waitForTimeout(500)
    const last = (await page.locator('[data-testid="node-stap"]').boundingBox())!
    const area = (await page.locator('.canvas').boundingBox())!
    expect(last.y + last.height).toBeLessThanOrEqual(area.y + area.height)
  }, 60_000)
})
