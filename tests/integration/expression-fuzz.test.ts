// Hostile expressions against a real worker process: huge texts and lists through every function
// that builds them, catastrophic regular expressions, runaway recursion. Each runs in a flow (a
// transform, which runs in an activity, or a condition, which runs inside the workflow); the worker
// must survive every case, the run must fail with a clear expression error (or, for a regular
// expression that RE2 answers in linear time, simply finish), and the worker's event loop must
// not be blocked. On a shared 2-core machine any process can wait 100 ms for a core, so two
// measures are taken: the worker's own event-loop delay (reported on `/health`), and each probe
// of `/health` paired with one of an idle control process at the same moment. A blocked loop
// shows in both, as seconds; the machine's own noise rarely hits both at once.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'

let platform: TestPlatform
let worker: ChildProcess
let healthUrl: string
let control: ChildProcess
let controlUrl: string

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

beforeAll(async () => {
  platform = await startTestPlatform({ worker: false })
  const port = await freePort()
  healthUrl = `http://127.0.0.1:${port}/health`
  // The control: a bare HTTP server in a process of its own that does nothing else.
  const controlPort = await freePort()
  controlUrl = `http://127.0.0.1:${controlPort}/`
  control = spawn(
    process.execPath,
    [
      '-e',
      // It reports its own event-loop delay since the last probe, as the worker does.
      `const d = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 5 }); d.enable(); require('node:http').createServer((q, s) => { const loopDelayMs = Math.round(d.max / 1e6); d.reset(); s.end(JSON.stringify({ loopDelayMs })) }).listen(${controlPort}, '127.0.0.1', () => console.log('up'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise((resolve) => control.stdout?.once('data', resolve))
  worker = await startWorkerProcess({
    taskQueue: platform.taskQueue,
    entry: 'tests/integration/expression-fuzz-worker.ts',
    env: { FUZZ_HEALTH_PORT: String(port) },
  })
  // One harmless run first: the worker's first workflow and activity load code and warm up, which
  // is not what the cases measure.
  const warm = await runCase({ name: 'warm-up', expression: '1 + 1', node: 'transform', expect: 'completed' })
  expect(warm.status).toBe('completed')
  // The first fetch loads Node's HTTP client; it also starts the worker's loop-delay count afresh.
  expect((await fetch(healthUrl)).status).toBe(200)
}, 90_000)

afterAll(async () => {
  control?.kill()
  killWorkerProcesses()
  await platform?.stop()
})

/** Milliseconds one GET of `url` takes, answer read. */
async function timedGet(url: string): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now()
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) })
  const body = await response.text()
  return { ms: performance.now() - started, body, status: response.status }
}

/**
 * Asks the worker's `/health` and the control process at the same moments, every 20 ms, until
 * `done` resolves. Returns the worst excess of the worker over the control in one pair (ms), the
 * slowest worker answer, the count, and by how much the worker's own event loop was held up
 * longer than the control's in the same window (each measures its own).
 */
async function watchHealth<T>(done: Promise<T>): Promise<{
  result: T
  excess: number
  slowest: number
  answers: number
  loopDelay: number
  controlLoopDelay: number
}> {
  let finished = false
  let excess = Number.NEGATIVE_INFINITY
  let slowest = 0
  let answers = 0
  let loopDelay = 0
  let controlLoopDelay = 0
  const result = done.finally(() => {
    finished = true
  })
  const probe = async () => {
    while (!finished) {
      const [health, idle] = await Promise.all([timedGet(healthUrl), timedGet(controlUrl)])
      expect(health.status).toBe(200)
      expect(idle.status).toBe(200)
      const workerLoop = (JSON.parse(health.body) as { loopDelayMs: number }).loopDelayMs
      const controlLoop = (JSON.parse(idle.body) as { loopDelayMs: number }).loopDelayMs
      // How much longer the worker's loop was held up than the idle process's in the same window.
      loopDelay = Math.max(loopDelay, workerLoop - controlLoop)
      controlLoopDelay = Math.max(controlLoopDelay, controlLoop)
      slowest = Math.max(slowest, health.ms)
      excess = Math.max(excess, health.ms - idle.ms)
      answers += 1
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const [value] = await Promise.all([result, probe()])
  return { result: value, excess, slowest, answers, loopDelay, controlLoopDelay }
}

interface Case {
  name: string
  expression: string
  /** Where the expression runs: a transform (activity) or a condition (the workflow itself). */
  node: 'transform' | 'condition'
  /** The expression error the run must fail with, or `completed` for a fast linear-time answer. */
  expect: 'expression.limit' | 'expression.regex' | 'completed'
}

const transform = (
  name: string,
  expression: string,
  expected: Case['expect'] = 'expression.limit',
): Case => ({
  name,
  expression,
  node: 'transform',
  expect: expected,
})
const condition = (
  name: string,
  expression: string,
  expected: Case['expect'] = 'expression.limit',
): Case => ({
  name,
  expression,
  node: 'condition',
  expect: expected,
})

const cases: Case[] = [
  transform('$pad to 400 million', '$pad("", 400000000, "x")'),
  transform('$join of one text many times', '($s := $pad("", 900000, "x"); $join([1..2000].$s))'),
  transform('$string of one text many times', '($s := $pad("", 900000, "x"); $string([1..2000].$s))'),
  transform('$clone of one text many times', '($s := $pad("", 900000, "x"); $clone([1..2000].$s))'),
  transform('& doubling', '($s := $pad("", 900000, "x"); $t := $s & $s; $t & $t)'),
  transform('$map of a partial $pad', '$map($split($pad("", 50000, "a"), ""), $pad(?, 100000))'),
  transform('range of 100 million', '$count([1..100000000])'),
  transform('$append of long lists', '$append([1..60000], [1..60000])'),
  transform('$split into letters', '$split($pad("", 500000, "a"), "")'),
  transform('$replace that grows', '$replace($pad("", 100000, "a"), "a", $pad("", 1000, "b"))'),
  transform('$fromMillis width', '$fromMillis(0, "[Y,400000000]")'),
  transform('$eval of $pad', '$eval("$pad(\\"\\", 400000000, \\"x\\")")'),
  transform('deep recursion', '($f := function($n) { 1 + $f($n + 1) }; $f(0))'),
  transform('endless tail recursion', '($f := function($n) { $f($n + 1) }; $f(0))'),
  transform('regex over a long text', '$contains($pad("", 200000, "b"), /a/)'),
  transform('catastrophic regex', '$contains(text, /^(a+)+$/) or $match(text, /(a|aa)+$/)', 'completed'),
  transform('back-reference through $eval', '$eval("$contains(text, /(a+)+\\\\1/)")', 'expression.regex'),
  condition('$pad in a condition', '$pad("", 400000000, "x") = ""'),
  condition('range in a condition', '$count([1..100000000]) > 0'),
  condition('deep recursion in a condition', '($f := function($n) { 1 + $f($n + 1) }; $f(0)) > 0'),
  condition('catastrophic regex in a condition', '$contains(text, /^(a+)+$/)', 'completed'),
]

async function runCase(c: Case) {
  const node =
    c.node === 'transform'
      ? { id: 'hostile', type: 'transform', version: 1, config: { fields: { x: c.expression } } }
      : { id: 'hostile', type: 'condition', version: 1, config: { expression: c.expression } }
  const flow = await platform.request('POST', '/api/v1/flows', {
    name: `Fuzz: ${c.name}`,
    nodes: [
      { id: 'start', type: 'manual', version: 1 },
      node,
      { id: 'after', type: 'transform', version: 1, config: { fields: { done: 'true' } } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'hostile' },
      {
        id: 'e2',
        source: 'hostile',
        target: 'after',
        ...(c.node === 'condition' ? { sourcePort: 'false' } : {}),
      },
    ],
  })
  expect(flow.status, c.name).toBe(201)
  expect((await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status, c.name).toBe(
    201,
  )
  const run = await platform.request('POST', `/api/v1/flows/${flow.body.id}/runs`, {
    input: { text: `${'a'.repeat(27)}!` },
  })
  expect(run.status, c.name).toBe(201)
  return eventually(
    async () => {
      const { body } = await platform.request('GET', `/api/v1/runs/${run.body.id}`)
      // Node detail comes from a worker's answer within 2 s; on a loaded machine one read-back
      // may come without it, so wait for one that has it.
      return ['completed', 'failed', 'cancelled'].includes(body.status) && body.nodes ? body : undefined
    },
    30_000,
    200,
  )
}

describe('hostile expressions against a real worker', () => {
  it('refuses a back-reference when the flow is published', async () => {
    const flow = await platform.request('POST', '/api/v1/flows', {
      name: 'Fuzz: back-reference',
      nodes: [
        { id: 'start', type: 'manual', version: 1 },
        {
          id: 'hostile',
          type: 'condition',
          version: 1,
          config: { expression: '$contains(text, /(a+)+\\1/)' },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'hostile' }],
    })
    expect(flow.status).toBe(201)
    const published = await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})
    expect(published.status).toBe(400)
    expect(JSON.stringify(published.body.errors)).toMatch(/terugverwijzingen/)
  })

  it('keeps the values of a run out of its node errors', async () => {
    const naam = 'Fatima El Amrani'
    for (const [node, expected] of [
      [
        { id: 'fout', type: 'transform', version: 1, config: { fields: { getal: '$number(naam)' } } },
        /not a number/,
      ],
      [{ id: 'fout', type: 'wait', version: 1, config: { until: 'naam' } }, /gave string, not a date/],
      [{ id: 'fout', type: 'condition', version: 1, config: { expression: 'naam > 3' } }, /different types/],
    ] as const) {
      const flow = await platform.request('POST', '/api/v1/flows', {
        name: `Fuzz: fout in ${node.type}`,
        nodes: [{ id: 'start', type: 'manual', version: 1 }, node],
        edges: [{ id: 'e1', source: 'start', target: 'fout' }],
      })
      expect((await platform.request('POST', `/api/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201)
      const run = await platform.request('POST', `/api/v1/flows/${flow.body.id}/runs`, { input: { naam } })
      const detail = await eventually(async () => {
        const { body } = await platform.request('GET', `/api/v1/runs/${run.body.id}`)
        return body.status === 'failed' && body.nodes ? body : undefined
      })
      const error = detail.nodes.fout.error
      expect(error.message, node.type).toMatch(expected)
      expect(JSON.stringify({ error, runError: detail.error }), node.type).not.toMatch(/Fatima|Amrani/)
    }
  }, 60_000)

  for (const c of cases) {
    it(`${c.node}: ${c.name}`, async () => {
      const {
        result: detail,
        excess,
        slowest,
        answers,
        loopDelay,
        controlLoopDelay,
      } = await watchHealth(runCase(c))
      // The worker process lives on and answered /health all the while. A blocked event loop
      // shows in both measures at once: the worker's loop delay over the idle control's, and
      // its /health answers over the control's. On a loaded 2-core machine either one alone can
      // reach 100 ms from a scheduling slice (seen: 101 ms over the control with the loop held
      // up 20 ms; a loop held up 117 ms with every /health within 20 ms), so under 100 ms is
      // asked of the smaller, and under a second of both.
      const seen = `worker's event loop held up ${loopDelay} ms longer than the control's (the control's up to ${controlLoopDelay} ms), slowest /health ${Math.round(slowest)} ms, worst excess over the control ${Math.round(excess)} ms`
      expect(worker.exitCode, 'worker exited').toBeNull()
      expect(answers).toBeGreaterThan(0)
      expect(Math.min(loopDelay, excess), seen).toBeLessThan(100)
      expect(Math.max(loopDelay, excess), seen).toBeLessThan(1000)
      if (c.expect === 'completed') {
        expect(detail.status).toBe('completed')
        expect(detail.nodes.hostile.status).toBe('completed')
      } else {
        expect(detail.status).toBe('failed')
        expect(detail.nodes.hostile.status).toBe('failed')
        expect(detail.nodes.hostile.error.code).toBe(c.expect)
        // A clear message, and not a value of the run in it.
        expect(detail.nodes.hostile.error.message).toMatch(/^(Expression stopped|Regular expression)/)
        expect(detail.nodes.hostile.error.message).not.toMatch(/aaaa/)
      }
      const health = await fetch(healthUrl)
      expect(((await health.json()) as { pid: number }).pid).toBe(worker.pid)
    }, 60_000)
  }
})
