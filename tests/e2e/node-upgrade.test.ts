import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type BrowserPlatform, login, screenshot, startBrowserPlatform } from './support.js'

// The example plugin ships client-registry.lookup in versions 1 and 2; version 2 renames
// `baseUrl` to `endpoint` and adds `fields`, with its own upgradeConfig.
const examplePlugin = fileURLToPath(
  new URL('../../examples/plugin-client-registry/src/index.ts', import.meta.url),
)

let env: BrowserPlatform
let page: Page

beforeAll(async () => {
  env = await startBrowserPlatform({ plugins: [examplePlugin] })
  page = (await env.open()).page
  const designer = await env.platform.createUser({ roles: ['designer'], teams: [env.platform.team] })
  await login(page, designer)
}, 120_000)

afterAll(async () => {
  await env?.stop()
})

it('offers to upgrade a node, shows what changes in its settings, and saves the new version', async () => {
  const created = await env.platform.request('POST', `/api/v1/flows?teamId=${env.platform.team.id}`, {
    name: 'Cliënt opzoeken',
    nodes: [
      { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
      {
        id: 'opzoeken',
        type: 'client-registry.lookup',
        version: 1,
        position: { x: 280, y: 0 },
        config: { baseUrl: 'https://register.example.nl/api', timeoutSeconds: 20 },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'opzoeken' }],
  })
  expect(created.status).toBe(201)
  await page.goto(`/flows/${created.body.id}`)
  await page.locator('[data-testid="node-opzoeken"] .warm-node-name').click()

  const offer = page.getByRole('region', { name: 'Nieuwere versie' })
  await offer.getByText('Van dit blok is versie 2 beschikbaar. Dit blok gebruikt versie 1.').waitFor()
  await offer.getByRole('button', { name: 'Bekijk wat er verandert' }).click()
  const changes = offer.getByRole('list', { name: 'Bekijk wat er verandert' })
  await changes.waitFor()
  const lines = await changes.getByRole('listitem').allTextContents()
  expect(lines).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^baseUrl \(weg\): https:\/\/register\.example\.nl\/api/),
      expect.stringMatching(/^endpoint \(nieuw\): https:\/\/register\.example\.nl\/api/),
    ]),
  )
  await screenshot(page, 'upgrade-01-preview')
  await offer.getByRole('button', { name: 'Bijwerken naar versie 2' }).click()
  await page.getByText('Bijgewerkt naar versie 2.').waitFor()

  // Autosave stores the upgraded node: version 2 with the converted settings.
  await expect
    .poll(
      async () => {
        const flow = await env.platform.request('GET', `/api/v1/flows/${created.body.id}`)
        return flow.body.definition.nodes.find((n: { id: string }) => n.id === 'opzoeken')
      },
      { timeout: 15_000 },
    )
    .toMatchObject({
      version: 2,
      config: { endpoint: 'https://register.example.nl/api', timeoutSeconds: 20 },
    })
  await screenshot(page, 'upgrade-02-done')

  // Undo puts version 1 back in one step.
  await page.keyboard.press('Control+z')
  await page.getByText('Van dit blok is versie 2 beschikbaar. Dit blok gebruikt versie 1.').waitFor()
}, 90_000)
