import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js'
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
let smtp: TestSmtpServer
let page: Page
const password = 'geheim-test-wachtwoord'

/** A form field by its label, with or without the "(niet verplicht)" mark. */
function field(scope: ReturnType<Page['getByRole']>, label: string) {
  return scope.getByLabel(new RegExp(`^${label}( \\(niet verplicht\\))?$`))
}

async function deleteCredentials() {
  const list = await env.platform.request('GET', `/api/v1/credentials?teamId=${env.platform.team.id}`)
  for (const item of list.body.items as { id: string }[]) {
    await env.platform.request('DELETE', `/api/v1/credentials/${item.id}`)
  }
}

describe('credentials page and missing credentials, in Chromium', () => {
  beforeAll(async () => {
    ;[env, smtp] = await Promise.all([startBrowserPlatform(), startSmtpServer()])
    page = (await env.open()).page
    // The platform's admin is admin and designer: the person who sets up a bare install.
    await login(page, env.platform.admin)
  }, 180_000)

  screenshotOnFailure(() => page, 'failed-credentials')

  afterAll(async () => {
    await smtp?.stop()
    await env?.stop()
  })

  it('creates an SMTP credential from its form, tests it against a real server, rotates and deletes it', async () => {
    await deleteCredentials()
    await page.goto('/flows')
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Inloggegevens' })
      .click()
    await page.getByRole('heading', { name: 'Inloggegevens', level: 1 }).waitFor()
    await page.getByText('Dit team heeft nog geen inloggegevens.').waitFor()

    await page.getByRole('button', { name: 'Nieuwe inloggegevens' }).click()
    const form = page.getByRole('form', { name: 'Nieuwe inloggegevens' })
    await form.getByLabel('Soort').selectOption({ label: 'E-mail (SMTP)' })
    expect(await field(form, 'Naam').inputValue()).toBe('smtp')
    // The form is built from what the type declares, at its defaults.
    expect(await field(form, 'Poort').inputValue()).toBe('587')
    expect(await field(form, 'Wachtwoord').getAttribute('type')).toBe('password')
    // An optional field says so; a required one does not carry that mark.
    expect(await form.locator('label', { hasText: 'Gebruikersnaam' }).textContent()).toContain(
      'niet verplicht',
    )
    expect(await form.locator('label', { hasText: 'Server' }).textContent()).not.toContain('niet verplicht')

    // Saving without a server says what is wrong, in words, at the field.
    await form.getByRole('button', { name: 'Opslaan' }).click()
    await form.getByText('Vul een waarde in.').first().waitFor()
    expect(await field(form, 'Server').getAttribute('aria-invalid')).toBe('true')

    await field(form, 'Server').fill(smtp.host)
    await field(form, 'Poort').fill(String(smtp.port))
    await field(form, 'Gebruikersnaam').fill('warmflow')
    await field(form, 'Wachtwoord').fill('fout-wachtwoord')
    await field(form, 'Afzender').fill('Vrijwilligerscentrale <info@warmflow.test>')
    await form.getByRole('button', { name: 'Verbinding testen' }).click()
    await form.getByRole('status').getByText('De mailserver weigert de inlog.', { exact: false }).waitFor()
    await field(form, 'Wachtwoord').fill(password)
    await form.getByRole('button', { name: 'Verbinding testen' }).click()
    await form
      .getByRole('status')
      .getByText(`Gelukt. De mailserver ${smtp.host} is bereikbaar en de inlog klopt.`)
      .waitFor()
    await screenshot(page, 'credentials-01-form-tested')
    expect(await seriousAxeViolations(page)).toEqual([])
    await form.getByRole('button', { name: 'Opslaan' }).click()
    await page
      .getByText('De inloggegevens "smtp" zijn opgeslagen. De waarden zie je niet meer terug.')
      .waitFor()

    const row = page.getByRole('row', { name: /smtp/ })
    await row.getByRole('cell', { name: 'E-mail (SMTP)' }).waitFor()
    // The value is never shown again, not even in the page's markup.
    expect(await page.content()).not.toContain(password)

    // A stored credential is tested by the server, without its value coming back.
    await row.getByRole('button', { name: 'Verbinding van smtp testen' }).click()
    await row.getByText('Gelukt.', { exact: false }).waitFor()

    // Rotate: all fields start empty; the new password is wrong, which the next test shows.
    await row.getByRole('button', { name: 'Nieuwe waarden voor smtp' }).click()
    const rotate = page.getByRole('form', { name: 'Nieuwe waarden voor "smtp"' })
    expect(await field(rotate, 'Wachtwoord').inputValue()).toBe('')
    expect(await field(rotate, 'Server').inputValue()).toBe('')
    await field(rotate, 'Server').fill(smtp.host)
    await field(rotate, 'Poort').fill(String(smtp.port))
    await field(rotate, 'Gebruikersnaam').fill('warmflow')
    await field(rotate, 'Wachtwoord').fill('ander-wachtwoord')
    await field(rotate, 'Afzender').fill('info@warmflow.test')
    await rotate.getByRole('button', { name: 'Opslaan' }).click()
    await page.getByText('De inloggegevens "smtp" hebben nieuwe waarden.', { exact: false }).waitFor()
    await row.getByRole('button', { name: 'Verbinding van smtp testen' }).click()
    await row.getByText('Niet gelukt. De mailserver weigert de inlog.', { exact: false }).waitFor()
    await screenshot(page, 'credentials-02-rotated')

    await row.getByRole('button', { name: 'smtp verwijderen' }).click()
    await row.getByRole('button', { name: 'Echt "smtp" verwijderen?' }).click()
    await page.getByText('De inloggegevens "smtp" zijn verwijderd.').waitFor()
    await page.getByText('Dit team heeft nog geen inloggegevens.').waitFor()
  }, 90_000)

  it('lists a missing credential under Problems in the node panel’s words, and warns at publishing', async () => {
    await deleteCredentials()
    const flowId = await createFlow(env.platform, {
      name: 'Bevestiging sturen',
      nodes: [
        { id: 'start', type: 'manual', version: 1, position: { x: 0, y: 0 } },
        {
          id: 'mail',
          type: 'email.send',
          version: 1,
          label: 'Bevestiging',
          config: { to: 'email', subject: { nl: 'Hallo', en: 'Hello' }, body: { nl: 'Dank', en: 'Thanks' } },
          position: { x: 0, y: 160 },
        },
        {
          id: 'samenvatten',
          type: 'ai.summarise',
          version: 1,
          config: { fields: ['omschrijving'] },
          position: { x: 0, y: 320 },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'mail' },
        { id: 'e2', source: 'mail', target: 'samenvatten' },
      ],
    })
    await page.goto(`/flows/${flowId}`)
    await page.locator('[data-testid="node-mail"] .badge-warning').waitFor()

    const words = 'Dit team heeft nog geen inloggegevens voor "smtp". Maak ze aan op de pagina Inloggegevens.'
    await page.getByRole('tab', { name: /Problemen/ }).click()
    const panel = page.getByRole('tabpanel')
    const section = panel.getByRole('region', { name: 'Inloggegevens ontbreken' })
    const item = section.getByRole('button', { name: `Blok "Bevestiging": ${words}` })
    await item.waitFor()
    // The AI node works without a credential (offline method): it is not listed.
    expect(await section.getByRole('listitem').count()).toBe(1)
    await screenshot(page, 'credentials-03-problems-tab')

    // Choosing it opens the node, whose picker says the same.
    await item.click()
    await page.getByRole('tabpanel').getByText(words, { exact: false }).waitFor()

    // Publishing warns but is not blocked.
    await page.getByRole('tab', { name: 'Publiceren' }).click()
    await page
      .getByText('Let op: bij 1 blok ontbreken inloggegevens. Publiceren kan, maar dat blok loopt vast', {
        exact: false,
      })
      .waitFor()
    const publish = page.getByRole('tabpanel').getByRole('button', { name: 'Publiceren' })
    expect(await publish.isEnabled()).toBe(true)
    await screenshot(page, 'credentials-04-publish-warns')

    // Once the team has the credential (made elsewhere), coming back to the page clears it.
    const stored = await env.platform.request('POST', `/api/v1/credentials?teamId=${env.platform.team.id}`, {
      name: 'smtp',
      value: smtp.credential(),
    })
    expect(stored.status).toBe(201)
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await page.locator('[data-testid="node-mail"] .badge-warning').waitFor({ state: 'detached' })
    await page.getByRole('tab', { name: /Problemen/ }).click()
    expect(await page.getByRole('region', { name: 'Inloggegevens ontbreken' }).count()).toBe(0)
  }, 90_000)
})
