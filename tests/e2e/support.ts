import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { type RunningServer, startServer } from '@warmflow/api'
import { type LocalOutbox, withLocalOutbox } from '@warmflow/cli/services'
import axe from 'axe-core'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterEach, expect } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform, type TestUser } from '../support/platform.js'

const run = promisify(execFile)

/** Where browser tests put their screenshots and the editor build (git-ignored). */
export const resultsDir = resolve('test-results/e2e')

/** Debian's Chromium, which the CI installs (`.ci/run`). */
export const chromiumPath = process.env.WARMFLOW_CHROMIUM ?? '/usr/bin/chromium'

/**
 * Builds the editor with Vite once per test run (Vite refuses two builds of one project at the
 * same time): the first test file to get the lock builds, the others wait and share the output.
 * Test files run in worker processes of one vitest process, so its pid names the build.
 */
export async function buildEditor(): Promise<string> {
  const outDir = join(resultsDir, `editor-${process.ppid}`)
  const lock = `${outDir}.lock`
  const done = join(outDir, '.built')
  const deadline = Date.now() + 180_000
  for (;;) {
    if (existsSync(done)) return outDir
    try {
      mkdirSync(lock)
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`the editor build in ${outDir} did not finish`)
      await new Promise((resolveWait) => setTimeout(resolveWait, 250))
    }
  }
  try {
    for (const name of readdirSync(resultsDir)) {
      // Builds of earlier test runs; a build younger than an hour may serve a test run going on
      // beside this one.
      if (name.startsWith('editor-') && !name.startsWith(`editor-${process.ppid}`)) {
        const path = join(resultsDir, name)
        const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0)
        if (age > 3_600_000) rmSync(path, { recursive: true, force: true })
      }
    }
    const editor = resolve('packages/editor')
    await run(
      join(editor, 'node_modules/.bin/vite'),
      ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: editor, timeout: 120_000 },
    )
    writeFileSync(done, new Date().toISOString())
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
  return outDir
}

/** The real platform behind a real HTTP server that also serves the built editor. */
export interface BrowserPlatform {
  platform: TestPlatform
  server: RunningServer
  browser: Browser
  url: string
  /** A fresh browser context (own cookies) with a page at the given viewport. */
  open(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>
  stop(): Promise<void>
}

/**
 * Starts the platform (PostgreSQL, Temporal worker, API) with `startServer` on a free port,
 * serving a fresh build of the editor, and launches Chromium. With `outbox`, e-mail goes to that
 * local outbox and the editor shows it, as under `warmflow start` without an SMTP credential.
 */
export async function startBrowserPlatform(
  options: { plugins?: string[]; outbox?: LocalOutbox } = {},
): Promise<BrowserPlatform> {
  mkdirSync(resultsDir, { recursive: true })
  const { outbox } = options
  const [editorDir, platform] = await Promise.all([
    buildEditor(),
    startTestPlatform({
      ...(options.plugins ? { plugins: options.plugins } : {}),
      ...(outbox ? { secrets: (stored) => withLocalOutbox(stored, outbox.credential) } : {}),
    }),
  ])
  const server = await startServer(
    {
      db: platform.db,
      registry: platform.registry,
      temporal: { client: platform.client, taskQueue: platform.taskQueue, searchAttributes: true },
      editorDir,
      credentialKey: platform.credentialKey,
      stores: platform.stores,
      ...(outbox ? { outbox: { dir: outbox.dir } } : {}),
      auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
    },
    { port: 0, host: '127.0.0.1' },
  )
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
  const contexts: BrowserContext[] = []
  return {
    platform,
    server,
    browser,
    url: server.url,
    async open(viewport = { width: 1400, height: 900 }) {
      const context = await browser.newContext({ viewport, baseURL: server.url, locale: 'nl-NL' })
      contexts.push(context)
      context.setDefaultTimeout(15_000)
      const page = await context.newPage()
      return { context, page }
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => {})
      await browser.close()
      await server.close()
      await platform.stop()
    },
  }
}

/** Signs in through the login page. */
export async function login(page: Page, user: TestUser): Promise<void> {
  await page.goto('/')
  await page.getByLabel('E-mailadres').fill(user.email)
  await page.getByLabel('Wachtwoord').fill(user.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor()
}

/** Saves a full-page screenshot as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(resultsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}

/** One axe-core finding. */
export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) in the page; returns serious and critical findings. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source })
  const violations = await page.evaluate(async () => {
    const scope = globalThis as unknown as {
      document: unknown
      axe: {
        run(
          context: unknown,
          options: unknown,
        ): Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]
        }>
      }
    }
    const result = await scope.axe.run(scope.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** The centre of an element on screen. */
export async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox()
  if (!box) throw new Error(`${selector} is not visible`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** Drags with the mouse from one point to another in small steps, as a person would. */
export async function dragMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 })
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await page.mouse.up()
}

/**
 * After each test of the calling file that failed, saves a screenshot of the page `page()` returns
 * (if any) as `<prefix>-<start of the test's name>.png`. Call it inside a `describe`.
 */
export function screenshotOnFailure(page: () => Page | undefined, prefix: string): void {
  afterEach(async (context) => {
    const shown = page()
    if (context.task.result?.state === 'fail' && shown) {
      await screenshot(shown, `${prefix}-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`)
    }
  })
}

/** Creates a flow in the platform's team as its admin; returns the new flow's id. */
export async function createFlow(
  platform: TestPlatform,
  definition: Record<string, unknown>,
): Promise<string> {
  const created = await platform.request('POST', `/api/v1/flows?teamId=${platform.team.id}`, definition)
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.id
}

/**
 * Starts a run of a published flow as the platform's admin and waits (at most 30 s) until the
 * run's first task shows in the team's task list.
 */
export async function startRunForTask(
  platform: Pick<TestPlatform, 'request'>,
  flowId: string,
  input: Record<string, unknown>,
): Promise<{ runId: string; taskId: string }> {
  const started = await platform.request('POST', `/api/v1/flows/${flowId}/runs`, { input })
  expect(started.status).toBe(201)
  const runId: string = started.body.id
  const taskId = await eventually(async () => {
    const list = await platform.request('GET', '/api/v1/tasks?view=team')
    return list.body.items?.find((task: { runId: string }) => task.runId === runId)?.id as string | undefined
  }, 30_000)
  return { runId, taskId }
}
