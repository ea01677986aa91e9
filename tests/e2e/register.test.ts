import { readFile } from 'node:fs/promises'
import { insertPublishedFlow } from '@warmflow/cli'
import { validateFlow } from '@warmflow/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../support/platform.js'
import {
  type BrowserPlatform,
  login,
  screenshot,
  seriousAxeViolations,
  startBrowserPlatform,
} from './support.js'

let env: BrowserPlatform
let officer: TestUser

describe('the processing register page, in Chromium', () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    const { platform } = env
    const seeded = validateFlow(
      JSON.parse(
        await readFile(new URL('../../examples/flows/nieuwe-aanmelding.json', import.meta.url), 'utf8'),
      ),
      platform.registry,
    )
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems))
    await platform.db
      .transaction()
      .execute((trx) => insertPublishedFlow(trx, seeded.flow, platform.team.id, 'Voorbeeldflow'))
    // The privacy officer is in no team and reads the register of all of them.
    officer = await platform.createUser({ roles: ['privacy'], teams: [] })
  }, 240_000)

  afterAll(async () => {
    await env?.stop()
  })

  it('opens from the menu for the privacy officer, shows the flagship flow and downloads the CSV', async () => {
    const { page } = await env.open()
    await login(page, officer)
    // A privacy officer has no designer or inbox: the editor opens on the register.
    await page.getByRole('heading', { level: 1, name: 'Verwerkingsregister' }).waitFor()
    expect(await page.getByRole('link', { name: 'Verwerkingsregister' }).getAttribute('aria-current')).toBe(
      'page',
    )
    // Other browser tests' flows of the same name are in the register too: take this team's.
    const row = page
      .getByRole('row')
      .filter({ hasText: 'Nieuwe aanmelding' })
      .filter({ hasText: env.platform.team.name })
      .first()
    await row.waitFor()
    const text = await row.textContent()
    expect(text).toContain('Naam, E-mailadres, Telefoonnummer')
    expect(text).toContain('Persoonsgegevens worden vervangen voordat tekst naar een AI-dienst gaat.')
    expect(text).toContain('90 dagen')
    await screenshot(page, 'register-01-page')
    expect(await seriousAxeViolations(page)).toEqual([])

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Downloaden als CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^verwerkingsregister-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = await readFile((await download.path()) as string, 'utf8')
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toMatch(/^"Team","Flow","Versie",/)
    expect(lines.some((line) => line.includes('"Nieuwe aanmelding","1"'))).toBe(true)
  })

  it('is not in the menu of an approver', async () => {
    const approver = await env.platform.createUser({ roles: ['approver'], teams: [env.platform.team] })
    const { page } = await env.open()
    await login(page, approver)
    expect(await page.getByRole('link', { name: 'Verwerkingsregister' }).count()).toBe(0)
  })
})
