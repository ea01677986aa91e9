// `pnpm bench:webhook`: a durable 4-node flow of pure nodes (webhook → transform → score 20
// candidates → build a message; the webhook answers with the result) started by signed
// webhooks in respond mode, by a load generator on 127.0.0.1 at 1, 10 and 50 concurrent
// connections for 20 s each. Deployed as in production: the API process (this one), the
// worker process (`packages/worker/bin/warmflow-worker.mjs`), the Temporal dev server and PostgreSQL, with
// encrypted payloads and search attributes; the load generator is a process of its own.
// Prints flows/s, p50, p99, errors, the RSS of every process, and where a delivery's time goes
// (the API's Server-Timing phases), CPU time per flow of every process, and the same load against
// a baseline side by side: a bare Hono route that runs a workflow doing nothing, the floor under
// any durable run on this machine. Targets on a 2-core machine: ≥ 105 flows/s and
// p50 ≤ 15 ms. Then the one-process profile: the API and the worker in one process as
// `warmflow start` runs them (bench/api-worker-child.ts), with eager workflow start and without,
// against the same baseline. Then the same load on the cluster profile (`warmflow start --cluster`, see
// webhook-cluster.ts) with two workers and with one, side by side with the figures above, with
// CPU per flow and RSS of every process and a sizing rule. `BENCH_QUICK=1`: 3 s each;
// `BENCH_SECONDS=5` any length; `BENCH_LEVELS=10,50` picks the levels; `BENCH_PROFILES=dev`
// leaves the one-process and cluster profiles out (`dev,one` only the cluster's); `BENCH_PROFILE=<folder>` writes CPU profiles of the worker
// process there.
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { startServer, verifyWebhook } from '@warmflow/api'
import {
  createScratchDatabase,
  ensurePostgres,
  freePort,
  startTemporalDevServer,
} from '@warmflow/cli/services'
import {
  controlPlugin,
  createEncryptionCodec,
  createRegistry,
  createSealer,
  generatePayloadKey,
  parsePayloadKeys,
  warmflowDataConverter,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import type { Database } from '@warmflow/store'
import { createDb, createPostgresStores, migrateToLatest } from '@warmflow/store'
import { bundleInterpreterWorkflow } from '@warmflow/worker'
import { Hono } from 'hono'
import type { Kysely } from 'kysely'
import { cpuMsOf, postgresPids, postgresRss, rssOf } from './process-stats.js'
import { signInBenchUser } from './session.js'
import { percentile } from './stats.js'
import { benchClusterProfile, type ClusterLevel, type WebhookOrder } from './webhook-cluster.js'
import type { LoadReport } from './webhook-load.js'
import { startApiWorkerChild, startWorkerChild } from './worker-child-process.js'

const quick = Boolean(process.env.BENCH_QUICK)
const seconds = Number(process.env.BENCH_SECONDS) || (quick ? 3 : 20)
/**
 * `BENCH_PROFILES=dev` leaves out the one-process profile (`one`, as `warmflow start`) and the
 * cluster profile (`cluster`, `warmflow start --cluster`).
 */
const profiles = (process.env.BENCH_PROFILES ?? 'dev,one,cluster').split(',')
const levels = (process.env.BENCH_LEVELS ?? '1,10,50').split(',').map(Number)

const flow = {
  name: 'Bench: webhook → transform → score → bericht',
  nodes: [
    { id: 'hook', type: 'webhook', version: 1, config: {} },
    { id: 'prepare', type: 'transform', version: 1, config: { fields: { naam: '$uppercase(voornaam)' } } },
    {
      id: 'score',
      type: 'transform',
      version: 1,
      config: {
        fields: {
          scores: "kandidaten.{ 'naam': naam, 'score': 100 - afstand * 3 + (taal = 'ar' ? 20 : 0) }",
          beste: "$max(kandidaten.(100 - afstand * 3 + (taal = 'ar' ? 20 : 0)))",
        },
        keepInput: true,
      },
    },
    {
      id: 'message',
      type: 'transform',
      version: 1,
      config: {
        fields: { bericht: "'Beste match voor ' & naam & ': score ' & $string(beste)" },
        keepInput: false,
      },
    },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'prepare' },
    { id: 'e2', source: 'prepare', target: 'score' },
    { id: 'e3', source: 'score', target: 'message' },
  ],
}

const candidates = Array.from({ length: 20 }, (_, i) => ({
  naam: `Vrijwilliger ${i + 1}`,
  afstand: (i * 7) % 13,
  taal: i % 3 === 0 ? 'ar' : 'nl',
}))

/** Starts the production worker entry point and waits for its "worker ready" line. */
async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(
    fileURLToPath(new URL('../packages/worker/bin/warmflow-worker.mjs', import.meta.url)),
    [],
    {
      // BENCH_PROFILE=<folder>: a CPU profile of the worker (every thread) lands there.
      execArgv: process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : [],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  )
  await new Promise<void>((resolve, reject) => {
    let seen = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8')
      if (seen.includes('worker ready')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)))
  })
  return child
}

/** The load generator process; answers each order with a {@link LoadReport}. */
async function startLoadProcess(): Promise<{ pid: number; run: (order: object) => Promise<LoadReport> }> {
  const child = fork(fileURLToPath(new URL('./webhook-load.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`the load generator exited with ${code}`)))
  })
  return {
    pid: child.pid ?? 0,
    run: (order) =>
      new Promise((resolve) => {
        child.once('message', (report) => resolve(report as LoadReport))
        child.send(order)
      }),
  }
}

/**
 * The baseline: a worker process running the hand-written no-op workflow (bench/worker-child.ts)
 * and a bare Hono route that checks the signature, runs that workflow and answers its result.
 */
async function startBaseline(
  address: string,
  keys: string,
  client: Client,
  secret: string,
): Promise<{ url: string; workerPid: number; stop: () => Promise<void> }> {
  const baselineQueue = `bench-baseline-${randomUUID()}`
  const child = await startWorkerChild({
    address,
    keys,
    interpreterQueue: `${baselineQueue}-unused`,
    baselineQueue,
  })
  const bare = new Hono()
  bare.post('/hooks/:id', async (c) => {
    const body = await c.req.text()
    const refused = verifyWebhook(
      secret,
      {
        id: c.req.header('webhook-id'),
        timestamp: c.req.header('webhook-timestamp'),
        signature: c.req.header('webhook-signature'),
      },
      body,
    )
    if (refused) return c.json({ status: 'refused', reason: refused }, 401)
    const input = JSON.parse(body) as Record<string, unknown>
    // The output travels through Temporal like Warmflow's: the workflow gives back its input.
    const output = await client.workflow.execute('baselineLocalActivities', {
      taskQueue: baselineQueue,
      workflowId: `baseline-${randomUUID()}`,
      args: [0, { ...input, bericht: 'baseline' }],
    })
    return c.json({ status: 'completed', output }, 200)
  })
  let server: ReturnType<typeof serve> | undefined
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}/hooks/baseline`),
    )
  })
  let stopped = false
  return {
    url,
    workerPid: child.pid ?? 0,
    async stop() {
      if (stopped) return
      stopped = true
      await new Promise((done) => server?.close(() => done(undefined)))
      await new Promise((done) => {
        child.once('exit', done)
        child.send({ type: 'stop' })
      })
    },
  }
}

/** Signs the bench user in, creates and publishes the flow with a webhook secret: the delivery to send. */
async function prepareFlow(
  db: Kysely<Database>,
  apiUrl: string,
): Promise<WebhookOrder & { flowId: string; headers: Record<string, string> }> {
  const { headers } = await signInBenchUser(db, apiUrl, ['designer'])
  const created = await fetch(`${apiUrl}/api/v1/flows`, {
    method: 'POST',
    headers,
    body: JSON.stringify(flow),
  })
  const flowId = ((await created.json()) as { id: string }).id
  await fetch(`${apiUrl}/api/v1/flows/${flowId}/publish`, { method: 'POST', headers, body: '{}' })
  const secretAnswer = await fetch(`${apiUrl}/api/v1/flows/${flowId}/webhook/secret`, {
    method: 'POST',
    headers,
  })
  const { secret } = (await secretAnswer.json()) as { secret: string }
  return {
    flowId,
    headers,
    url: `${apiUrl}/api/v1/hooks/${flowId}?wait=10`,
    secret,
    body: JSON.stringify({ voornaam: 'Fatima', kandidaten: candidates }),
  }
}

const median = (values: number[] | undefined) => (values?.length ? percentile(values, 50) : Number.NaN)

async function main() {
  const say = (line: string) => process.stdout.write(`${line}\n`)
  Runtime.install({ logger: new DefaultLogger('WARN') })
  say(
    'Starting the Temporal dev server, PostgreSQL, the worker process, the API and the load generator (127.0.0.1)…',
  )
  const [temporal, adminUrl, bundle] = await Promise.all([
    freePort().then((port) => startTemporalDevServer({ port })),
    ensurePostgres(process.env),
    bundleInterpreterWorkflow(),
  ])
  const scratch = await createScratchDatabase(adminUrl, 'warmflow_bench')
  const db = createDb(scratch.url, { max: 10 })
  const taskQueue = `bench-${randomUUID()}`
  const keys = generatePayloadKey('bench')
  const dataDir = mkdtempSync(join(tmpdir(), 'warmflow-bench-'))
  const bundlePath = join(dataDir, 'workflow-bundle.js')
  writeFileSync(bundlePath, bundle.code)
  const closers: (() => Promise<unknown>)[] = []
  try {
    await migrateToLatest(db)
    const worker = await startWorkerProcess({
      TEMPORAL_ADDRESS: temporal.address,
      DATABASE_URL: scratch.url,
      WARMFLOW_TASK_QUEUE: taskQueue,
      WARMFLOW_PAYLOAD_KEYS: keys,
      WARMFLOW_WORKFLOW_BUNDLE: bundlePath,
      WARMFLOW_DATA_DIR: dataDir,
    })
    closers.push(
      () =>
        new Promise((resolve) => {
          worker.once('exit', resolve)
          worker.kill('SIGTERM')
        }),
    )
    // The API's stores: each run's payloads use the run's own data key (run_keys), as the worker writes them.
    const stores = createPostgresStores(db, { sealer: createSealer(parsePayloadKeys(keys)) })
    const connection = await Connection.connect({ address: temporal.address })
    closers.push(() => connection.close())
    const client = new Client({
      connection,
      dataConverter: warmflowDataConverter([
        createEncryptionCodec({ keys: parsePayloadKeys(keys), runKeys: stores.runKeys }),
      ]),
    })
    const registry = createRegistry([controlPlugin, builtinPlugin])
    const api = await startServer(
      {
        db,
        registry,
        temporal: { client, taskQueue, searchAttributes: true },
        credentialKey: randomBytes(32),
        stores,
      },
      { port: 0, host: '127.0.0.1' },
    )
    closers.push(() => api.close())
    const load = await startLoadProcess()

    const { flowId, headers, ...order } = await prepareFlow(db, api.url)
    const { secret } = order
    // Warm-up: the first runs load code paths and connections.
    const warm = await load.run({ ...order, connections: 2, seconds: 2 })
    if (warm.errors > 0) {
      const runId = /"runId":"([^"]+)"/.exec(warm.firstError ?? '')?.[1]
      const detail = await fetch(`${api.url}/api/v1/runs/${runId}`, { headers })
      console.error('warm-up run:', JSON.stringify(await detail.json()).slice(0, 3000))
      throw new Error(`warm-up failed: ${warm.firstError}`)
    }

    type Part = 'api' | 'worker' | 'temporal' | 'load' | 'postgres'
    // Only the backends of the scratch database: others may use the same server.
    const databases = [new URL(scratch.url).pathname.slice(1)]
    const postgresCpu = () => new Map(postgresPids(databases).map((pid) => [pid, cpuMsOf(pid)]))
    const cpuNow = (
      workerPid: number,
      postgresBefore?: Map<number, number>,
      apiPid = process.pid,
    ): Record<Part, number> => ({
      api: cpuMsOf(apiPid),
      // In one process the API's column holds the worker's time as well.
      worker: workerPid === apiPid ? 0 : cpuMsOf(workerPid),
      temporal: cpuMsOf(temporal.process.pid ?? 0),
      load: cpuMsOf(load.pid),
      // PostgreSQL backends come and go with the pool: count each from its first sight.
      postgres: postgresBefore
        ? [...postgresCpu()].reduce((total, [pid, ms]) => total + ms - (postgresBefore.get(pid) ?? 0), 0)
        : 0,
    })
    /** One load level against a URL: throughput, latencies, phases and CPU per flow. */
    const measureOrder = async (
      delivery: WebhookOrder,
      workerPid: number,
      level: number,
      apiPid = process.pid,
    ) => {
      const postgresBefore = postgresCpu()
      const before = cpuNow(workerPid, undefined, apiPid)
      const report = await load.run({ ...delivery, connections: level, seconds })
      const after = cpuNow(workerPid, postgresBefore, apiPid)
      if (report.firstError) say(`  first error: ${report.firstError}`)
      const flows = report.latencies.length
      const cpu = Object.fromEntries(
        (Object.keys(before) as Part[]).map((name) => [name, (after[name] - before[name]) / flows]),
      ) as Record<Part, number>
      return {
        report,
        flowsPerSecond: flows / report.elapsedSeconds,
        p50: percentile(report.latencies, 50),
        p99: percentile(report.latencies, 99),
        cpu,
        cpuTotal: Object.values(cpu).reduce((total, ms) => total + ms, 0),
        coresBusy:
          (Object.values(cpu).reduce((total, ms) => total + ms, 0) * flows) / 1000 / report.elapsedSeconds,
      }
    }

    const measure = (url: string, workerPid: number, level: number) =>
      measureOrder({ ...order, url }, workerPid, level)

    const rows: string[] = []
    const phaseRows: string[] = []
    const cpuRows: string[] = []
    const ours: Awaited<ReturnType<typeof measure>>[] = []
    for (const level of levels) {
      say(`Load: ${level} concurrent connections for ${seconds} s…`)
      const m = await measure(order.url, worker.pid ?? 0, level)
      ours.push(m)
      const { cpu } = m
      cpuRows.push(
        `| ${level} | Warmflow | ${cpu.api.toFixed(1)} | ${cpu.worker.toFixed(1)} | ${cpu.temporal.toFixed(1)} | ${cpu.postgres.toFixed(1)} | ${cpu.load.toFixed(1)} | ${m.cpuTotal.toFixed(1)} | ${m.coresBusy.toFixed(2)} |`,
      )
      const rss = `API ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, worker ${rssOf(worker.pid ?? 0).toFixed(0)} MB, Temporal ${rssOf(temporal.process.pid ?? 0).toFixed(0)} MB, PostgreSQL (its backends) ${postgresRss(databases).toFixed(0)} MB`
      rows.push(
        `| ${level} | ${m.flowsPerSecond.toFixed(1)} | ${m.p50.toFixed(1)} | ${m.p99.toFixed(1)} | ${m.report.errors} | ${rss} |`,
      )
      const verify = median(m.report.phases.verify)
      const start = median(m.report.phases.start)
      const result = median(m.report.phases.result)
      phaseRows.push(
        `| ${level} | ${verify.toFixed(1)} | ${start.toFixed(1)} | ${result.toFixed(1)} | ${(m.p50 - verify - start - result).toFixed(1)} |`,
      )
    }

    // The one-process profile: the API and a worker in one process as `warmflow start` runs
    // them, with eager workflow start and without (BENCH_PROFILES=dev,one).
    const oneRows: { label: string; level: number; m: Awaited<ReturnType<typeof measure>> }[] = []
    if (profiles.includes('one')) {
      for (const eager of [true, false]) {
        const one = await startApiWorkerChild({
          address: temporal.address,
          databaseUrl: scratch.url,
          taskQueue: `bench-one-${randomUUID()}`,
          keys,
          bundlePath,
          eager,
        })
        closers.push(one.stop)
        const label = eager ? 'one process, eager start' : 'one process'
        // The same flow, published through this process's API (its own task queue).
        const { flowId: _, headers: __, ...oneOrder } = await prepareFlow(db, one.url)
        await load.run({ ...oneOrder, connections: 2, seconds: 2 })
        for (const level of levels) {
          say(`${label}: ${level} concurrent connections for ${seconds} s…`)
          const m = await measureOrder(oneOrder, one.pid, level, one.pid)
          oneRows.push({ label, level, m })
          const { cpu } = m
          cpuRows.push(
            `| ${level} | ${label} (API+worker) | ${cpu.api.toFixed(1)} | — | ${cpu.temporal.toFixed(1)} | ${cpu.postgres.toFixed(1)} | ${cpu.load.toFixed(1)} | ${m.cpuTotal.toFixed(1)} | ${m.coresBusy.toFixed(2)} |`,
          )
        }
        await one.stop()
      }
    }

    // The floor under every durable run on this machine, measured the same way: a bare Hono
    // route checks the same signature, starts a hand-written workflow that does nothing (no
    // activity) on a worker process of its own with the same payload encryption, and answers
    // with the workflow's result. No database, no flow, no search attributes.
    say('Baseline: the same load on a bare Hono route and a workflow that does nothing…')
    const baseline = await startBaseline(temporal.address, keys, client, secret)
    closers.push(baseline.stop)
    const baselineRows: string[] = []
    const floor: Awaited<ReturnType<typeof measure>>[] = []
    for (const [index, level] of levels.entries()) {
      say(`Baseline load: ${level} concurrent connections for ${seconds} s…`)
      const m = await measure(baseline.url, baseline.workerPid, level)
      floor.push(m)
      const mine = ours[index]!
      const { cpu } = m
      cpuRows.push(
        `| ${level} | baseline | ${cpu.api.toFixed(1)} | ${cpu.worker.toFixed(1)} | ${cpu.temporal.toFixed(1)} | ${cpu.postgres.toFixed(1)} | ${cpu.load.toFixed(1)} | ${m.cpuTotal.toFixed(1)} | ${m.coresBusy.toFixed(2)} |`,
      )
      baselineRows.push(
        `| ${level} | ${mine.flowsPerSecond.toFixed(1)} | ${m.flowsPerSecond.toFixed(1)} | ${(mine.flowsPerSecond / m.flowsPerSecond).toFixed(2)}× | ${mine.p50.toFixed(1)} | ${m.p50.toFixed(1)} | ${(mine.p50 / m.p50).toFixed(2)}× | ${mine.cpuTotal.toFixed(1)} | ${m.cpuTotal.toFixed(1)} | ${(mine.cpuTotal / m.cpuTotal).toFixed(2)}× | ${m.report.errors} |`,
      )
    }
    await baseline.stop()
    const baselineByLevel = new Map(levels.map((level, index) => [level, floor[index]!]))
    for (const { label, level, m } of oneRows) {
      const b = baselineByLevel.get(level)!
      baselineRows.push(
        `| ${level} (${label}) | ${m.flowsPerSecond.toFixed(1)} | ${b.flowsPerSecond.toFixed(1)} | ${(m.flowsPerSecond / b.flowsPerSecond).toFixed(2)}× | ${m.p50.toFixed(1)} | ${b.p50.toFixed(1)} | ${(m.p50 / b.p50).toFixed(2)}× | ${m.cpuTotal.toFixed(1)} | ${b.cpuTotal.toFixed(1)} | ${(m.cpuTotal / b.cpuTotal).toFixed(2)}× | ${b.report.errors} |`,
      )
    }

    // Every answered run writes its final status from its workflow; give the last ones a moment.
    const count = async (completedOnly: boolean) => {
      let query = db.selectFrom('runs').select(db.fn.countAll<string>().as('n')).where('flow_id', '=', flowId)
      if (completedOnly) query = query.where('status', '=', 'completed')
      return Number((await query.executeTakeFirstOrThrow()).n)
    }
    const runs = { n: await count(false) }
    let completedRows = { n: await count(true) }
    for (let i = 0; i < 100 && completedRows.n < runs.n; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      completedRows = { n: await count(true) }
    }
    say('')
    say('| connections | completed flows/s | p50 ms | p99 ms | errors | RSS |')
    say('|---:|---:|---:|---:|---:|---|')
    for (const row of rows) say(row)
    say('')
    say("Where the time of a delivery goes (medians, ms; from the API's Server-Timing header):")
    say(
      '| connections | verify (lookup, signature) | start (row and key, workflow start) | result (run until its answer; the status and audit line meanwhile) | HTTP and queueing |',
    )
    say('|---:|---:|---:|---:|---:|')
    for (const row of phaseRows) say(row)
    say('')
    say('CPU time per completed flow (ms, user + system, all threads), and cores busy in all:')
    say('| connections | run | API | worker | Temporal | PostgreSQL | load generator | all | cores busy |')
    say('|---:|---|---:|---:|---:|---:|---:|---:|---:|')
    for (const row of cpuRows) say(row)
    say('')
    say(
      'Against the baseline (a bare Hono route and a workflow that does nothing, same signature, encryption and Temporal server):',
    )
    say(
      '| connections | Warmflow flows/s | baseline flows/s | ratio | Warmflow p50 ms | baseline p50 ms | ratio | Warmflow CPU ms/flow | baseline CPU ms/flow | ratio | baseline errors |',
    )
    say('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    for (const row of baselineRows) say(row)
    say('')
    say(
      `Target: ≥ 105 flows/s and p50 ≤ 15 ms. Every run is a Temporal workflow (${runs.n} runs recorded, ${completedRows.n} marked completed by their workflow).`,
    )

    if (profiles.includes('cluster')) {
      // The dev-server profile's processes idle meanwhile; the load generator is the same one.
      await api.close()
      const cluster: ClusterLevel[] = []
      for (const workers of [2, 1]) {
        cluster.push(
          ...(await benchClusterProfile({
            workers,
            levels,
            seconds,
            workflowBundle: bundlePath,
            load,
            prepare: prepareFlow,
            say,
          })),
        )
      }
      printCluster(say, ours, cluster)
    }
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
    await db.destroy()
    await scratch.drop()
    await temporal.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The cluster profile's tables next to the dev-server profile's figures, and the sizing rule. */
function printCluster(
  say: (line: string) => void,
  dev: {
    flowsPerSecond: number
    p50: number
    p99: number
    report: LoadReport
    cpu: Record<string, number>
  }[],
  cluster: ClusterLevel[],
) {
  const sum = (cpu: Record<string, number>, prefix: string) =>
    Object.entries(cpu)
      .filter(([name]) => name.startsWith(prefix))
      .reduce((total, [, ms]) => total + ms, 0)
  const label = (c: ClusterLevel) => `cluster, 2 API, ${c.workers} worker${c.workers > 1 ? 's' : ''}`
  say('')
  say(
    'The cluster profile (`warmflow start --cluster`: the Temporal server on PostgreSQL, API and worker processes) next to the dev-server profile (one API, one worker, `temporal server start-dev`):',
  )
  say('| profile | connections | completed flows/s | p50 ms | p99 ms | errors |')
  say('|---|---:|---:|---:|---:|---:|')
  for (const [i, m] of dev.entries()) {
    say(
      `| dev server, 1 API, 1 worker | ${levels[i]} | ${m.flowsPerSecond.toFixed(1)} | ${m.p50.toFixed(1)} | ${m.p99.toFixed(1)} | ${m.report.errors} |`,
    )
  }
  for (const c of cluster) {
    say(
      `| ${label(c)} | ${c.connections} | ${c.flowsPerSecond.toFixed(1)} | ${c.p50.toFixed(1)} | ${c.p99.toFixed(1)} | ${c.errors} |`,
    )
  }
  say('')
  say('CPU time per completed flow on the cluster profile (ms, user + system, all threads):')
  say(
    '| profile | connections | supervisor | API processes | workers | Temporal server | PostgreSQL | load generator | all but load | cores busy |',
  )
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const c of cluster) {
    const platform = c.cpuTotal - (c.cpu.load ?? 0)
    say(
      `| ${label(c)} | ${c.connections} | ${(c.cpu.supervisor ?? 0).toFixed(1)} | ${sum(c.cpu, 'api-').toFixed(1)} | ${sum(c.cpu, 'worker-').toFixed(1)} | ${(c.cpu.temporal ?? 0).toFixed(1)} | ${(c.cpu.postgres ?? 0).toFixed(1)} | ${(c.cpu.load ?? 0).toFixed(1)} | ${platform.toFixed(1)} | ${((c.cpuTotal * c.flowsPerSecond) / 1000).toFixed(2)} |`,
    )
  }
  say('')
  say('Memory (RSS, MB) after each level:')
  say(
    '| profile | connections | supervisor | api-1 | api-2 | worker-1 | worker-2 | Temporal server | PostgreSQL (its backends) |',
  )
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const c of cluster) {
    const mb = (name: string) => (c.rss[name] ? c.rss[name].toFixed(0) : '—')
    say(
      `| ${label(c)} | ${c.connections} | ${mb('supervisor')} | ${mb('api-1')} | ${mb('api-2')} | ${mb('worker-1')} | ${mb('worker-2')} | ${mb('temporal')} | ${mb('postgres')} |`,
    )
  }
  // Sizing: CPU of everything but the load generator per flow at the busiest level.
  const busiest = cluster
    .filter((c) => c.workers === 2)
    .sort((a, b) => b.flowsPerSecond - a.flowsPerSecond)[0]
  if (busiest) {
    const platform = busiest.cpuTotal - (busiest.cpu.load ?? 0)
    say('')
    say(
      `Sizing: at ${busiest.connections} connections a flow costs ${platform.toFixed(1)} CPU ms in all (API, workers, Temporal, PostgreSQL): one core runs about ${(1000 / platform).toFixed(0)} flows/s of this kind.`,
    )
  }
}

await main()
process.exit(0)
