// `pnpm bench:editor`: the production editor in Debian's Chromium with a generated 500-node flow.
// Builds the editor with Vite, serves it on 127.0.0.1 and measures:
//   - bundle size: gzip of the JS the first page loads (entry + modulepreloads) and of the lazy
//     designer and inbox chunks;
//   - time to first render: navigation start → the first flow node on the canvas, and → the
//     designer fully idle with all 500 nodes in the flow;
//   - frames per second while panning the canvas (zoomed to show every node, the worst case) and
//     while dragging a node.
// The node catalogue comes from the real registry (built-in and control nodes); the API answers
// the designer needs (session, catalogue, flow, the flow's validation) are served by the
// browser's request interception, so only the editor is measured. Prints a table with ratios
// against the targets of issue 6. Bounded: three passes of each measurement, a few seconds each.
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { controlPlugin, createRegistry, nodeCatalogue } from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { chromium, type Page } from 'playwright-core'

const nodeCount = Number(process.env.BENCH_NODES ?? 500)
const passes = 3
const targets = { fps: 50, firstRenderMs: 1000, initialJsKb: 350 }

const root = resolve(import.meta.dirname, '..')
const editorDir = join(root, 'packages/editor')
const outDir = join(tmpdir(), `warmflow-bench-editor-${process.pid}`)

async function build() {
  await promisify(execFile)(
    join(editorDir, 'node_modules/.bin/vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: editorDir,
    },
  )
}

function gzipKb(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024
}

function bundleSizes() {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!)
  const assets = readdirSync(join(outDir, 'assets')).filter((name) => name.endsWith('.js'))
  const sizeOf = (names: string[]) =>
    names.reduce((sum, name) => sum + gzipKb(join(outDir, 'assets', name)), 0)
  return {
    initialKb: sizeOf(initial),
    designerKb: sizeOf(assets.filter((name) => name.startsWith('Designer'))),
    inboxKb: sizeOf(assets.filter((name) => name.startsWith('Inbox'))),
    allKb: sizeOf(assets),
  }
}

const mime: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
}

function serve(): Promise<{ url: string; close(): void }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname
    let file = join(outDir, path)
    if (
      !file.startsWith(outDir) ||
      !path.startsWith('/assets/') ||
      !statSync(file, { throwIfNoEntry: false })
    ) {
      file = join(outDir, 'index.html')
    }
    response.writeHead(200, { 'content-type': mime[extname(file)] ?? 'application/octet-stream' })
    response.end(readFileSync(file))
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  )
}

/** A flow of `count` nodes: one manual start, then transforms in a grid, each row a chain. */
function generatedFlow(count: number) {
  const perRow = 20
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: i === 0 ? 'start' : `t${i}`,
    type: i === 0 ? 'manual' : 'transform',
    version: 1,
    config: i === 0 ? {} : { fields: { [`veld${i}`]: `"waarde ${i}"` }, keepInput: true },
    position: { x: (i % perRow) * 260, y: Math.floor(i / perRow) * 120 },
  }))
  const edges = nodes.slice(1).map((node, index) => {
    const i = index + 1
    const source =
      i % perRow === 0 ? (i - perRow === 0 ? 'start' : `t${i - perRow}`) : i === 1 ? 'start' : `t${i - 1}`
    return { id: `e${i}`, source, sourcePort: 'out', target: node.id, targetPort: 'in' }
  })
  return { name: `Benchmark ${count}`, description: '', retentionDays: 90, tags: [], nodes, edges }
}

async function answerApi(page: Page) {
  const registry = createRegistry([controlPlugin, builtinPlugin])
  const catalogue = { items: nodeCatalogue(registry) }
  const definition = generatedFlow(nodeCount)
  const flow = {
    id: 'bench',
    teamId: 'team',
    name: definition.name,
    description: '',
    revision: 1,
    latestVersion: null,
    archived: false,
    definition,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  }
  const session = {
    user: {
      id: 'u',
      email: 'bench@example.org',
      name: 'Bench',
      roles: ['designer'],
      teams: [{ id: 'team', name: 'Team' }],
    },
    csrfToken: 'bench',
  }
  // The generated flow is valid and has no privacy findings (the designer asks after opening it).
  const validation = { ok: true, problems: [], warnings: [] }
  await page.route('**/api/v1/**', (route) => {
    const path = new URL(route.request().url()).pathname
    const body =
      path === '/api/v1/auth/me'
        ? session
        : path === '/api/v1/nodes'
          ? catalogue
          : path === '/api/v1/flows/bench/validate'
            ? validation
            : path.startsWith('/api/v1/flows/bench')
              ? flow
              : { items: [] }
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })
  })
}

/** Frames the page paints while `action` runs, per second. */
async function fpsDuring(page: Page, action: () => Promise<void>): Promise<number> {
  // A string, not a function: tsx would add helper names the page does not have.
  await page.evaluate(`(() => {
    window.__frames = 0
    window.__counting = true
    const tick = () => {
      if (!window.__counting) return
      window.__frames++
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  const start = Date.now()
  await action()
  const elapsed = (Date.now() - start) / 1000
  const frames = (await page.evaluate('window.__counting = false, window.__frames')) as number
  return frames / elapsed
}

async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number, steps: number) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + (dx * i) / steps, from.y + (dy * i) / steps)
  }
  await page.mouse.up()
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function main() {
  await build()
  const sizes = bundleSizes()
  const server = await serve()
  const browser = await chromium.launch({
    executablePath: process.env.WARMFLOW_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
  const firstNode: number[] = []
  const ready: number[] = []
  const panFps: number[] = []
  const panAllFps: number[] = []
  const dragFps: number[] = []
  let rendered = 0
  try {
    for (let pass = 0; pass < passes; pass++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
      const page = await context.newPage()
      await answerApi(page)
      await page.goto(`${server.url}/flows/bench`)
      await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 })
      // Milliseconds since navigation started (performance.now() counts from there).
      firstNode.push((await page.evaluate('performance.now()')) as number)
      await page.getByText('Opgeslagen').first().waitFor({ timeout: 30_000 })
      ready.push((await page.evaluate('performance.now()')) as number)
      const pane = await page.locator('.react-flow__pane').boundingBox()
      if (!pane) throw new Error('no canvas')
      const middle = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 }
      panFps.push(await fpsDuring(page, () => drag(page, middle, -300, -200, 60)))
      const node = await page.locator('.react-flow__node').nth(3).boundingBox()
      if (node) {
        dragFps.push(await fpsDuring(page, () => drag(page, { x: node.x + 40, y: node.y + 15 }, 150, 80, 60)))
      }
      await page.getByRole('button', { name: 'Alles in beeld' }).first().click()
      await page.waitForTimeout(400)
      rendered = await page.locator('.react-flow__node').count()
      panAllFps.push(await fpsDuring(page, () => drag(page, middle, 200, 120, 60)))
      await context.close()
    }
  } finally {
    await browser.close()
    server.close()
    rmSync(outDir, { recursive: true, force: true })
  }

  const rows: [string, string, string, string][] = [
    ['metric', 'measured', 'target', 'ratio (target = 1)'],
    [
      'initial JS (gzip)',
      `${sizes.initialKb.toFixed(1)} KB`,
      `≤ ${targets.initialJsKb} KB`,
      (sizes.initialKb / targets.initialJsKb).toFixed(2),
    ],
    ['designer chunk, lazy (gzip)', `${sizes.designerKb.toFixed(1)} KB`, '–', '–'],
    ['inbox chunk, lazy (gzip)', `${sizes.inboxKb.toFixed(1)} KB`, '–', '–'],
    ['all JS (gzip)', `${sizes.allKb.toFixed(1)} KB`, '–', '–'],
    [
      `first node on canvas (${nodeCount} nodes)`,
      `${median(firstNode).toFixed(0)} ms`,
      `≤ ${targets.firstRenderMs} ms`,
      (median(firstNode) / targets.firstRenderMs).toFixed(2),
    ],
    ['designer idle (checked, autosave state)', `${median(ready).toFixed(0)} ms`, '–', '–'],
    [
      'fps panning (zoom 1)',
      median(panFps).toFixed(1),
      `≥ ${targets.fps}`,
      (median(panFps) / targets.fps).toFixed(2),
    ],
    [
      `fps panning (all ${rendered} nodes in view)`,
      median(panAllFps).toFixed(1),
      `≥ ${targets.fps}`,
      (median(panAllFps) / targets.fps).toFixed(2),
    ],
    [
      'fps dragging a node',
      dragFps.length ? median(dragFps).toFixed(1) : 'n/a',
      `≥ ${targets.fps}`,
      dragFps.length ? (median(dragFps) / targets.fps).toFixed(2) : '–',
    ],
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`
  console.log(`\nWarmflow editor in Chromium (${passes} passes, medians; 1400×900, headless)\n`)
  console.log(line(rows[0]!))
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`)
  for (const row of rows.slice(1)) console.log(line(row))
}

await main()
