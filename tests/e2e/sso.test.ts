import { randomBytes, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type RunningServer, startServer } from '@warmflow/api'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OidcTestProvider, startOidcProvider } from '../support/oidc-provider.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { buildEditor, chromiumPath, screenshot, seriousAxeViolations } from './support.js'

// A person signs in with the organisation's account: the sign-in page's button, the real
// OpenID provider on 127.0.0.1, and back into the editor, all in Chromium.

let platform: TestPlatform
let idp: OidcTestProvider
let server: RunningServer
let browser: Browser

/** A port that was free a moment ago, so the provider can know Warmflow's callback address. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

beforeAll(async () => {
  const [editorDir, started] = await Promise.all([buildEditor(), startTestPlatform({ worker: false })])
  platform = started
  const port = await freePort()
  const redirectUrl = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`
  idp = await startOidcProvider(redirectUrl)
  server = await startServer(
    {
      db: platform.db,
      registry: platform.registry,
      temporal: { client: platform.client, taskQueue: platform.taskQueue },
      editorDir,
      credentialKey: randomBytes(32),
      auth: {
        oidc: {
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          redirectUrl,
          label: 'Microsoft',
          autoCreate: false,
        },
      },
    },
    { port, host: '127.0.0.1' },
  )
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await idp?.stop()
  await platform?.stop()
})

async function open() {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'nl-NL',
    viewport: { width: 1200, height: 800 },
  })
  context.setDefaultTimeout(15_000)
  return { context, page: await context.newPage() }
}

describe('single sign-on in the editor, in Chromium', () => {
  it('signs a person in with the organisation account and returns to the page they asked for', async () => {
    const user = await platform.createUser({ roles: ['designer'], teams: [platform.team] })
    const subject = `sub-${randomUUID()}`
    idp.accounts.set(subject, { email: user.email, email_verified: true })
    idp.next = { subject }
    const { context, page } = await open()
    try {
      await page.goto('/flows')
      const button = page.getByRole('link', { name: 'Inloggen met Microsoft' })
      await button.waitFor()
      await expect(page.getByLabel('E-mailadres').isVisible()).resolves.toBe(true)
      await screenshot(page, 'sso-01-login')
      expect(await seriousAxeViolations(page)).toEqual([])

      await button.click()
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor()
      expect(new URL(page.url()).pathname).toBe('/flows')
      const cookies = await context.cookies()
      expect(cookies.find((c) => c.name === 'warmflow_session')?.httpOnly).toBe(true)
      expect(cookies.some((c) => c.name === 'warmflow_oidc')).toBe(false)
      await screenshot(page, 'sso-02-signed-in')
    } finally {
      await context.close()
    }
  })

  it('brings a person without an account back to the sign-in page with the message in their language', async () => {
    const subject = `sub-${randomUUID()}`
    idp.accounts.set(subject, { email: `onbekend-${randomUUID()}@test.warmflow.nl`, email_verified: true })
    idp.next = { subject }
    const { context, page } = await open()
    try {
      await page.goto('/')
      await page.getByRole('link', { name: 'Inloggen met Microsoft' }).click()
      const alert = page.getByRole('alert')
      await alert.waitFor()
      expect(await alert.textContent()).toContain('Je hebt nog geen account in Warmflow; vraag je beheerder')
      // The code is taken off the address, so a reload starts clean.
      expect(new URL(page.url()).search).toBe('')
      await screenshot(page, 'sso-03-no-account')
      expect(await seriousAxeViolations(page)).toEqual([])
      expect((await context.cookies()).some((c) => c.name === 'warmflow_session')).toBe(false)
    } finally {
      await context.close()
    }
  })
})
