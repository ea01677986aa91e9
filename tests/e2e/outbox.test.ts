// The editor's Testpostvak page in Chromium: a message the local test outbox received (a real
// SMTP server on 127.0.0.1) is listed with the notice that it was not really sent, and opens.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RunningServer, startServer } from '@warmflow/api'
import { type LocalOutbox, startLocalOutbox } from '@warmflow/cli/services'
import nodemailer from 'nodemailer'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { buildEditor, chromiumPath, login, screenshot, seriousAxeViolations } from './support.js'

const dir = mkdtempSync(join(tmpdir(), 'warmflow-outbox-e2e-'))
let outbox: LocalOutbox
let platform: TestPlatform
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  outbox = await startLocalOutbox({ dir })
  const [editorDir, started] = await Promise.all([buildEditor(), startTestPlatform({ worker: false })])
  platform = started
  server = await startServer(
    {
      db: platform.db,
      registry: platform.registry,
      temporal: { client: platform.client, taskQueue: platform.taskQueue },
      editorDir,
      outbox: { dir },
      auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
    },
    { port: 0, host: '127.0.0.1' },
  )
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox'] })
  // A message no run sent (like a connection test): the outbox shows it to admins.
  const transport = nodemailer.createTransport(JSON.parse(outbox.credential))
  await transport.sendMail({
    from: 'Vrijwilligerscentrale <centrale@warmflow.test>',
    to: 'ayla.e2e@example.nl',
    subject: 'We hebben je aanvraag ontvangen',
    text: 'Beste Ayla,\n\nDank je wel voor je aanvraag. We hebben hem goed ontvangen.',
  })
  transport.close()
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await platform?.stop()
  await outbox?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('Testpostvak in Chromium', () => {
  it('lists the message as not really sent and shows it, also on a phone', async () => {
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport, baseURL: server.url, locale: 'nl-NL' })
      context.setDefaultTimeout(15_000)
      const page = await context.newPage()
      await login(page, platform.admin)
      await page.getByRole('link', { name: 'Testpostvak' }).click()
      await page
        .getByRole('heading', { level: 1, name: 'Testpostvak — deze berichten zijn niet echt verstuurd' })
        .waitFor()
      await page.getByRole('button', { name: /We hebben je aanvraag ontvangen/ }).click()
      const message = page.locator('.outbox-message')
      await message.getByRole('heading', { name: 'We hebben je aanvraag ontvangen' }).waitFor()
      await expect(message.locator('.outbox-headers').textContent()).resolves.toContain('ayla.e2e@example.nl')
      await expect(message.locator('.outbox-body').textContent()).resolves.toContain(
        'We hebben hem goed ontvangen.',
      )
      // Nothing is wider than the screen.
      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document.documentElement
        return root.scrollWidth - (globalThis as unknown as { innerWidth: number }).innerWidth
      })
      expect(overflow, name).toBeLessThanOrEqual(0)
      expect(await seriousAxeViolations(page)).toEqual([])
      await screenshot(page, `outbox-${name}`)
      await context.close()
    }
  }, 120_000)
})
