import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type TestUser } from '../support/platform.js'
import { type BrowserPlatform, login, screenshot, startBrowserPlatform, startRunForTask } from './support.js'

// Handling time as the inbox measures it, in Chromium against the real API and database: a
// coordinator keeps a task open, the tab is hidden for longer than the server's beat gap
// (60 s), comes back and is decided. Only the visible, used time may count.
//
// Headless Chromium reports every page as visible, whatever is in front: bringing another page
// to the front, minimising the window or CDP focus emulation leave `document.visibilityState`
// at "visible". So the page's visibility is emulated the way a browser reports it — the
// `visibilityState`/`hidden` getters plus a `visibilitychange` event — and the inbox's own
// timer and check do the rest.

let env: BrowserPlatform
let coordinator: TestUser
let taskId: string

/** Seconds the tab stays visible before it is hidden, hidden, and visible again before deciding. */
const visibleFirstMs = 50_000
const hiddenMs = 70_000
const visibleAgainMs = 45_000
/** The inbox's beat interval and the server's longest gap that still counts. */
const beatMs = 20_000
const maxGapMs = 60_000

/**
 * Runs in the page before its own scripts: `document.visibilityState` and `document.hidden`
 * answer what `__setHidden` last set, and a change fires `visibilitychange`, as a browser does.
 */
const visibilityEmulation = `(() => {
  let hidden = false
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') })
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden })
  window.__setHidden = (value) => {
    hidden = value
    document.dispatchEvent(new Event('visibilitychange'))
  }
})()`

async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate(`window.__setHidden(${hidden}); document.visibilityState`)
  expect(await page.evaluate('document.visibilityState')).toBe(hidden ? 'hidden' : 'visible')
}

describe('activity beats from the inbox, in Chromium', () => {
  beforeAll(async () => {
    env = await startBrowserPlatform()
    const { platform } = env
    coordinator = await platform.createUser({ roles: ['approver', 'coordinator'], teams: [platform.team] })
    const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, {
      name: 'Terugbelverzoek',
      impact: { minutesByHand: 20 },
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        {
          id: 'callBack',
          type: 'human.task',
          version: 1,
          config: { title: { nl: 'Terugbellen', en: 'Call back' }, role: 'approver' },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'callBack' }],
    })
    expect(created.status).toBe(201)
    expect((await platform.request('POST', `/api/v1/flows/${created.body.id}/publish`, {})).status).toBe(201)
    ;({ taskId } = await startRunForTask(platform, created.body.id, {
      vraag: 'Graag terugbellen over de aanmelding.',
    }))
  }, 180_000)

  afterAll(async () => {
    await env?.stop()
  })

  it('counts the visible time a coordinator works on a task, not the time the tab was hidden', async () => {
    const { page } = await env.open()
    await page.addInitScript({ content: visibilityEmulation })
    await login(page, coordinator)

    const beats: number[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/v1/tasks/${taskId}/activity`)) {
        beats.push(Date.now())
      }
    })

    const openedAt = Date.now()
    await page.goto(`/inbox/${taskId}`)
    await page.getByRole('heading', { name: 'Terugbellen' }).waitFor()
    await page.getByRole('button', { name: 'Ik pak deze taak op' }).click()
    await page.getByRole('button', { name: 'Taak teruggeven' }).waitFor()
    await screenshot(page, 'impact-activity-01-open')

    await page.waitForTimeout(visibleFirstMs)
    const hiddenAt = Date.now()
    await setHidden(page, true)
    const beatsBeforeHiding = beats.length
    await page.waitForTimeout(hiddenMs)
    const shownAt = Date.now()
    // No beat while hidden.
    expect(beats.filter((at) => at > hiddenAt + 1_000 && at < shownAt)).toEqual([])
    await setHidden(page, false)
    // Back at the task after more than two minutes without input: the coordinator clicks in
    // the task (the inbox takes a person without a key, click or scroll for 2 minutes as away).
    await page.getByRole('heading', { name: 'Terugbellen' }).click()
    await page.waitForTimeout(visibleAgainMs)

    await page.getByRole('button', { name: 'Goedkeuren' }).click()
    const decidedAt = Date.now()
    // The decision goes through a Temporal update; on a loaded machine (a full suite, workflow
    // tasks of 8 s) it may take longer than the page's default 15 s.
    await page.getByText('Goedgekeurd. De flow gaat verder.').waitFor({ timeout: 60_000 })
    await screenshot(page, 'impact-activity-02-decided')

    // Beats every 20 s while visible: two or three before hiding, two after.
    expect(beatsBeforeHiding).toBeGreaterThanOrEqual(Math.floor(visibleFirstMs / beatMs) - 1)
    expect(beats.filter((at) => at >= shownAt).length).toBeGreaterThanOrEqual(
      Math.floor(visibleAgainMs / beatMs) - 1,
    )

    const measures = await eventually(
      () =>
        env.platform.db
          .selectFrom('task_measures')
          .select(['active_ms', 'opened_at', 'decided_at'])
          .where('task_id', '=', taskId)
          .where('decided_at', 'is not', null)
          .executeTakeFirst(),
      15_000,
    )
    const active = Number(measures.active_ms)
    const visibleMs = hiddenAt - openedAt + (decidedAt - shownAt)
    const wallMs = decidedAt - openedAt
    // What the beats the page sent should add up to: every gap of at most 60 s since the opening.
    let expected = 0
    let previous = openedAt
    for (const at of beats) {
      if (at - previous <= maxGapMs) expected += at - previous
      previous = at
    }
    console.info(
      `handling recorded ${(active / 1000).toFixed(1)} s; visible ${(visibleMs / 1000).toFixed(1)} s, hidden ${(
        (shownAt - hiddenAt) / 1000
      ).toFixed(1)} s, wall ${(wallMs / 1000).toFixed(1)} s; ${beats.length} beats`,
    )
    // The hidden minute is not counted: recorded time stays within the visible time, losing at
    // most one beat interval at the end of each visible stretch and the first after return.
    expect(active).toBeLessThanOrEqual(visibleMs)
    expect(active).toBeGreaterThanOrEqual(visibleMs - 3 * beatMs)
    expect(active).toBeLessThan(wallMs - hiddenMs)
    // And it is what the beats the page sent add up to (the server's own clock, give or take).
    expect(Math.abs(active - expected)).toBeLessThanOrEqual(3_000)
  }, 300_000)
})
