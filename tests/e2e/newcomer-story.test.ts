// The newcomer's story on a bare start, in Chromium: the platform as `pnpm start` brings it up
// (the seeded flagship flow "Nieuwe aanmelding", the demo volunteers, the local outbox, no SMTP
// credential, no AI credential so the summary is made offline). Someone asks for help through
// the public form with one time slot; a coordinator on a 390 px phone approves another volunteer
// than the first proposal; both e-mails are in the editor's Testpostvak; the run is completed on
// the canvas. A screenshot at every step.
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importVolunteers, insertPublishedFlow } from '@warmflow/cli'
import { type LocalOutbox, startLocalOutbox } from '@warmflow/cli/services'
import { validateFlow } from '@warmflow/engine'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type TestUser } from '../support/platform.js'
import {
  type BrowserPlatform,
  login,
  screenshot,
  screenshotOnFailure,
  startBrowserPlatform,
} from './support.js'

const phone = { width: 390, height: 844 }
const dir = mkdtempSync(join(tmpdir(), 'warmflow-newcomer-'))
const examples = new URL('../../examples/', import.meta.url)

let outbox: LocalOutbox
let env: BrowserPlatform
let coordinator: TestUser
let flowId: string
let current: Page | undefined

/** What the person asking for help types: Utrecht, groceries, exactly one time slot. */
const requester = {
  voornaam: 'Ayla',
  achternaam: 'Nieuwkomer',
  email: 'ayla.nieuwkomer@example.nl',
  postcode: '3512 AB',
  hulpvraag: 'Ik zoek iemand die op maandagmiddag met mij boodschappen doet. Ik loop slecht.',
  moment: 'maandagmiddag',
}

/** The newest run of the flagship flow, with its node states, as the API gives it. */
async function newestRun(): Promise<any> {
  const list = await env.platform.request('GET', `/api/v1/runs?flowId=${flowId}&limit=1`)
  const id = list.body.items?.[0]?.id
  return id ? (await env.platform.request('GET', `/api/v1/runs/${id}`)).body : undefined
}

/** Waits until the newest run gets to `check`; a run that ends otherwise says where and why. */
function runReaches(check: (run: any) => boolean, timeoutMs: number) {
  return eventually(async () => {
    const run = await newestRun()
    if (run && run.status !== 'running' && !check(run)) {
      const failed = Object.entries(run.nodes ?? {}).filter(([, state]: [string, any]) => state.error)
      throw new Error(`the run ended ${run.status}: ${JSON.stringify(failed)}`)
    }
    return run && check(run) ? run : undefined
  }, timeoutMs)
}

describe("the newcomer's story on a bare start, in Chromium", () => {
  beforeAll(async () => {
    // What `warmflow start` has without configuration: a pseudonym key of its own and e-mail to
    // the local outbox.
    process.env.WARMFLOW_PSEUDONYM_KEY ??= Buffer.alloc(32, 11).toString('base64')
    outbox = await startLocalOutbox({ dir })
    env = await startBrowserPlatform({ outbox })
    const { platform } = env
    coordinator = await platform.createUser({ roles: ['approver', 'coordinator'], teams: [platform.team] })
    // The seed of a fresh installation, into this test's own team: the flagship flow published
    // as version 1 and the demo volunteers; no credential of any kind.
    const seeded = validateFlow(
      JSON.parse(await readFile(new URL('flows/nieuwe-aanmelding.json', examples), 'utf8')),
      platform.registry,
    )
    if (!seeded.ok) throw new Error(JSON.stringify(seeded.problems))
    flowId = await platform.db
      .transaction()
      .execute((trx) => insertPublishedFlow(trx, seeded.flow, platform.team.id, 'Voorbeeldflow'))
    const volunteers = await importVolunteers(
      platform.db,
      await readFile(new URL('data/volunteers.csv', examples), 'utf8'),
      { teamId: platform.team.id },
    )
    expect(volunteers.errors).toEqual([])
  }, 240_000)

  screenshotOnFailure(() => current, 'newcomer-failed')

  afterAll(async () => {
    await env?.stop()
    await outbox?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('goes from the public form with one slot to two e-mails in the Testpostvak and a completed run', async () => {
    // 1. The public form, on a phone, without an account; exactly one time slot.
    const { page: visitor } = await env.open(phone)
    current = visitor
    await visitor.goto(`/forms/${flowId}`)
    await visitor.getByRole('heading', { name: 'Hulp aanvragen' }).waitFor()
    await visitor.getByLabel(/^Voornaam/).fill(requester.voornaam)
    await visitor.getByLabel(/^Achternaam/).fill(requester.achternaam)
    await visitor.getByLabel(/^E-mailadres/).fill(requester.email)
    await visitor.getByLabel(/^Postcode/).fill(requester.postcode)
    await visitor.getByLabel(/^In welke taal wil je e-mail/).selectOption('nl')
    await visitor.getByRole('checkbox', { name: 'Nederlands' }).check()
    await visitor.getByLabel(/^Waarmee zoek je hulp/).fill(requester.hulpvraag)
    await visitor.getByRole('checkbox', { name: requester.moment }).check()
    await screenshot(visitor, 'newcomer-01-form-one-slot')
    await visitor.getByRole('button', { name: 'Versturen' }).click()
    await visitor
      .getByRole('status')
      .getByText(/^Dank je wel/)
      .waitFor()
    await screenshot(visitor, 'newcomer-02-form-sent')

    // 2. The coordinator's inbox on a 390 px phone: the request, with proposals.
    await runReaches((run) => run.nodes?.koppelen?.status === 'waiting', 90_000)
    const { page: mobile } = await env.open(phone)
    current = mobile
    await login(mobile, coordinator)
    await mobile.getByRole('heading', { name: 'Werkbak' }).waitFor()
    const task = mobile.getByRole('link', { name: /Kies een vrijwilliger voor deze aanvraag/ })
    await task.waitFor()
    await screenshot(mobile, 'newcomer-03-inbox-phone')
    await task.click()
    await mobile.getByRole('heading', { name: 'Kies een vrijwilliger voor deze aanvraag' }).waitFor()
    const proposals = mobile.getByRole('group', { name: 'Voorgestelde vrijwilligers' }).getByRole('radio')
    await expect.poll(() => proposals.count()).toBeGreaterThanOrEqual(2)
    expect(await mobile.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width)
    await screenshot(mobile, 'newcomer-04-task-phone')

    // 3. Another volunteer than the first proposal is approved.
    const first = (await mobile.locator('.suggestion strong').first().textContent()) ?? ''
    const other = mobile.locator('.suggestion').nth(1)
    const chosen = (await other.locator('strong').textContent()) ?? ''
    expect(chosen).not.toBe(first)
    await other.getByRole('radio').check()
    await screenshot(mobile, 'newcomer-05-other-volunteer-phone')
    await mobile.getByRole('button', { name: 'Goedkeuren' }).click()
    await mobile.getByText('Goedgekeurd. De flow gaat verder.').first().waitFor()
    await screenshot(mobile, 'newcomer-06-approved-phone')
    const run = await runReaches((r) => r.status === 'completed', 60_000)

    // 4. The Testpostvak shows the confirmation to the requester and the e-mail to the chosen
    // volunteer, readable, with nothing about how the summary was made.
    const { page: desk } = await env.open({ width: 1280, height: 800 })
    current = desk
    await login(desk, env.platform.admin)
    await desk.getByRole('link', { name: 'Testpostvak' }).click()
    await desk
      .getByRole('heading', { level: 1, name: 'Testpostvak — deze berichten zijn niet echt verstuurd' })
      .waitFor()
    const message = desk.locator('.outbox-message')
    await desk.getByRole('button', { name: /We hebben je aanvraag ontvangen/ }).click()
    await message.getByRole('heading', { name: 'We hebben je aanvraag ontvangen' }).waitFor()
    await expect(message.locator('.outbox-headers').textContent()).resolves.toContain(requester.email)
    await expect(message.locator('.outbox-body').textContent()).resolves.toContain(
      `Beste ${requester.voornaam},`,
    )
    await screenshot(desk, 'newcomer-07-outbox-confirmation')
    await desk.getByRole('button', { name: /Nieuwe koppeling: Ayla zoekt hulp/ }).click()
    await message.getByRole('heading', { name: 'Nieuwe koppeling: Ayla zoekt hulp' }).waitFor()
    const body = (await message.locator('.outbox-body').textContent()) ?? ''
    expect(body).toContain(`Beste ${chosen},`)
    expect(body).toContain(`${requester.voornaam} ${requester.achternaam}`)
    expect(body).not.toMatch(/zonder AI|basismethode|\[NAAM_/)
    await screenshot(desk, 'newcomer-08-outbox-volunteer')

    // 5. The run on the canvas of version 1: every step done.
    await desk.goto(`/flows/${flowId}?run=${run.id}`)
    await desk.getByRole('heading', { name: 'Versie 1 — zoals deze run liep' }).waitFor()
    for (const id of Object.keys(run.nodes)) {
      await desk.locator(`.run-canvas [data-testid="node-${id}"] .run-badge`, { hasText: 'Klaar' }).waitFor()
    }
    expect(Object.keys(run.nodes)).toHaveLength(14)
    // It opens readable, as the designer does: names at 80 % or more, the start in view.
    const zoom = await desk
      .locator('.run-canvas .react-flow__viewport')
      .evaluate((viewport) => new DOMMatrix(getComputedStyle(viewport).transform).a)
    expect(zoom).toBeGreaterThanOrEqual(0.8)
    await expect(desk.locator('.run-canvas [data-testid="node-aanmelding"]').isVisible()).resolves.toBe(true)
    const start = await desk.locator('.run-canvas [data-testid="node-aanmelding"]').boundingBox()
    const canvas = await desk.locator('.run-canvas').boundingBox()
    expect(start && canvas && start.x >= canvas.x && start.x + start.width <= canvas.x + canvas.width).toBe(
      true,
    )
    await screenshot(desk, 'newcomer-09-run-completed')
  }, 240_000)
})
