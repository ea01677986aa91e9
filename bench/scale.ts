// `pnpm bench:scale`: 10,000 runs waiting on human tasks. Deployed as in production: the API in
// this process, the worker as a process of its own (`packages/worker/bin/warmflow-worker.mjs`, so
// its resident memory is the worker's alone, not the API's or this harness's), its own Temporal
// dev server with a SQLite file, and a scratch PostgreSQL database, all on 127.0.0.1, with
// encrypted payloads under each run's own data key, search attributes, and tasks in PostgreSQL.
// The worker's workflow cache is `WARMFLOW_MAX_CACHED_WORKFLOWS` (250 when unset, as under
// `pnpm start`); the size it reaches is read from the worker's own Temporal metrics.
//   1. Starts `BENCH_WAITING` (10,000) runs of manual → human task → transform through
//      `POST /api/v1/flows/{id}/runs`, `BENCH_START_CONCURRENCY` (24) requests in flight at a
//      time (a pool of senders, each taking the next run as its previous one is answered), and
//      times until every task is open.
//   2. While they all wait: the worker's RSS and workflow cache.
//   3. The inbox (`GET /api/v1/tasks` as the inbox sends it): the first page, a filtered page,
//      and the counts (one request per list, limit 100, all five at once): ~200 requests each.
//   4. Completes `BENCH_BURST` (1,000) tasks through `POST /api/v1/tasks/{id}/complete`,
//      `BENCH_BURST_CONCURRENCY` (25) at a time, and times until those runs are completed; checks
//      every decision was kept; then the same number of runs of manual → transform started the
//      same way, and the ratio of the two times.
//   5. PostgreSQL bytes (`pg_database_size`) and Temporal bytes (its SQLite file and WAL) per
//      waiting and per completed run.
// Prints one table (measure, value, target, met) with the load average.
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { startServer } from '@warmflow/api'
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
import { createDb, createPostgresStores, migrateToLatest } from '@warmflow/store'
import { bundleInterpreterWorkflow } from '@warmflow/worker'
import { sql } from 'kysely'
import { approvalFlow } from './flows.js'
import { rssOf } from './process-stats.js'
import { benchSession } from './session.js'
import { percentile } from './stats.js'

const waiting = Number(process.env.BENCH_WAITING ?? 10_000)
const burst = Math.min(waiting, Number(process.env.BENCH_BURST ?? 1_000))
const startConcurrency = Number(process.env.BENCH_START_CONCURRENCY ?? 24)
const burstConcurrency = Number(process.env.BENCH_BURST_CONCURRENCY ?? 25)
const inboxRequests = Number(process.env.BENCH_INBOX_REQUESTS ?? 200)
const maxCached = process.env.WARMFLOW_MAX_CACHED_WORKFLOWS?.trim() || '250'
const say = (line: string) => process.stdout.write(`${line}\n`)
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

const waitingFlow = approvalFlow('Bench: wachten op een taak')

const directFlow = {
  name: 'Bench: zonder wachten',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    { id: 'next', type: 'transform', version: 1, config: { fields: { bericht: "'Goedgekeurd'" } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'next' }],
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** Runs `work` for each item with at most `concurrency` in flight. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T)
    }),
  )
}

/** Starts the production worker entry point and waits for its "worker ready" line. */
async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(
    fileURLToPath(new URL('../packages/worker/bin/warmflow-worker.mjs', import.meta.url)),
    [],
    {
      execArgv: [],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  )
  await new Promise<void>((resolve, reject) => {
    let seen = ''
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-10_000)
      if (seen.includes('worker ready')) {
        child.stdout?.off('data', onData)
        // Keep reading (and dropping) its log so the pipe never fills.
        child.stdout?.resume()
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)))
  })
  return child
}

/** A gauge from the worker's Temporal metrics (Prometheus text), summed over its label sets. */
async function workerMetric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(url)).text()
  let total: number | undefined
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const rest = line.slice(name.length)
    if (rest[0] !== '{' && rest[0] !== ' ') continue
    total = (total ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return total
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  say(`bench:scale — ${waiting} waiting runs, a burst of ${burst}; load average at start ${load()}`)
  say(
    `  worker: WARMFLOW_MAX_CACHED_WORKFLOWS=${maxCached}, WARMFLOW_WORKFLOW_HEAP_MB=${process.env.WARMFLOW_WORKFLOW_HEAP_MB || 'default'}, ` +
      `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}`,
  )
  say(
    'Starting the Temporal dev server (SQLite file), PostgreSQL, the worker process and the API (127.0.0.1)…',
  )
  const dataDir = mkdtempSync(join(tmpdir(), 'warmflow-bench-scale-'))
  const temporalFile = join(dataDir, 'temporal.db')
  const temporalBytes = () =>
    fileBytes(temporalFile) + fileBytes(`${temporalFile}-wal`) + fileBytes(`${temporalFile}-shm`)
  const closers: (() => Promise<unknown>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })]
  try {
    const [temporal, ownerUrl, bundle] = await Promise.all([
      freePort().then((port) => startTemporalDevServer({ port, dbFile: temporalFile })),
      ensurePostgres(process.env),
      bundleInterpreterWorkflow(),
    ])
    closers.unshift(() => temporal.stop())
    const scratch = await createScratchDatabase(ownerUrl, 'warmflow_bench_scale')
    closers.unshift(() => scratch.drop())
    const db = createDb(scratch.url, { max: 14 })
    closers.unshift(() => db.destroy())
    await migrateToLatest(db)
    const keys = generatePayloadKey('bench')
    const bundlePath = join(dataDir, 'workflow-bundle.js')
    writeFileSync(bundlePath, bundle.code)
    const taskQueue = `bench-scale-${randomUUID()}`
    const metricsPort = await freePort()
    const workerMetricsPort = await freePort()
    const worker = await startWorkerProcess({
      TEMPORAL_ADDRESS: temporal.address,
      DATABASE_URL: scratch.url,
      WARMFLOW_TASK_QUEUE: taskQueue,
      WARMFLOW_PAYLOAD_KEYS: keys,
      WARMFLOW_WORKFLOW_BUNDLE: bundlePath,
      WARMFLOW_DATA_DIR: dataDir,
      WARMFLOW_MAX_CACHED_WORKFLOWS: maxCached,
      // As under `pnpm start` and in docs/k8s/worker.yaml: two glibc malloc arenas.
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
      // Node options for the worker process alone, e.g. V8 heap flags to compare.
      ...(process.env.BENCH_WORKER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS }
        : {}),
      WARMFLOW_TEMPORAL_METRICS_PORT: String(metricsPort),
      WARMFLOW_METRICS_PORT: String(workerMetricsPort),
    })
    closers.unshift(
      () =>
        new Promise((resolve) => {
          if (worker.exitCode !== null) return resolve(undefined)
          worker.once('exit', resolve)
          worker.kill('SIGTERM')
        }),
    )
    const workerPid = worker.pid ?? 0
    const cacheSize = () =>
      workerMetric(`http://127.0.0.1:${metricsPort}/metrics`, 'temporal_sticky_cache_size').catch(
        () => undefined,
      )
    // The worker's resident memory, sampled every half second for its peak.
    // The worker's own metrics: the main thread's V8 heap (workflow threads and native memory
    // are the rest of its RSS).
    const heapOf = async () => {
      const url = `http://127.0.0.1:${workerMetricsPort}/metrics`
      const used = await workerMetric(url, 'warmflow_worker_nodejs_heap_size_used_bytes').catch(
        () => undefined,
      )
      const total = await workerMetric(url, 'warmflow_worker_nodejs_heap_size_total_bytes').catch(
        () => undefined,
      )
      return { used: (used ?? 0) / 1024 / 1024, total: (total ?? 0) / 1024 / 1024 }
    }
    let workerPeakRss = rssOf(workerPid)
    let heapAtPeak = { used: 0, total: 0 }
    let cachePeak = 0
    const sampler = setInterval(() => {
      const rss = rssOf(workerPid)
      if (rss > workerPeakRss) {
        workerPeakRss = rss
        void heapOf().then((heap) => {
          heapAtPeak = heap
        })
      }
      void cacheSize().then((size) => {
        cachePeak = Math.max(cachePeak, size ?? 0)
      })
    }, 500)
    closers.unshift(async () => clearInterval(sampler))

    // The API's stores: each run's payloads under the run's own data key, as the worker writes them.
    const stores = createPostgresStores(db, { sealer: createSealer(parsePayloadKeys(keys)) })
    const connection = await Connection.connect({ address: temporal.address })
    closers.unshift(() => connection.close())
    const client = new Client({
      connection,
      dataConverter: warmflowDataConverter([
        createEncryptionCodec({ keys: parsePayloadKeys(keys), runKeys: stores.runKeys }),
      ]),
    })
    const api = await startServer(
      {
        db,
        registry: createRegistry([controlPlugin, builtinPlugin]),
        temporal: { client, taskQueue, searchAttributes: true },
        credentialKey: randomBytes(32),
        stores,
      },
      { port: 0, host: '127.0.0.1' },
    )
    closers.unshift(() => api.close())

    const { teamId, call } = await benchSession(db, api.url, ['designer', 'approver'])
    const publish = async (flow: unknown) => {
      const created = await call('POST', `/api/v1/flows?teamId=${teamId}`, flow)
      if (created.status !== 201) throw new Error(`flow not created: ${JSON.stringify(created.body)}`)
      const published = await call('POST', `/api/v1/flows/${created.body.id}/publish`, {})
      if (published.status !== 201) throw new Error(`flow not published: ${JSON.stringify(published.body)}`)
      return created.body.id as string
    }
    const approvalFlowId = await publish(waitingFlow)
    const directFlowId = await publish(directFlow)
    /** Starts `count` runs of a flow through the API, `startConcurrency` at a time. */
    const startRuns = async (flowId: string, count: number) => {
      const runIds: string[] = []
      await pool(
        Array.from({ length: count }, (_, i) => i),
        startConcurrency,
        async () => {
          const started = await call('POST', `/api/v1/flows/${flowId}/runs`, { input: {} })
          if (started.status !== 201) throw new Error(`run not started: ${JSON.stringify(started.body)}`)
          runIds.push(started.body.id)
        },
      )
      return runIds
    }
    const completedAmong = async (runIds: readonly string[]) => {
      let done = 0
      for (let i = 0; i < runIds.length; i += 1_000) {
        const row = await db
          .selectFrom('runs')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('id', 'in', runIds.slice(i, i + 1_000))
          .where('status', '=', 'completed')
          .executeTakeFirstOrThrow()
        done += Number(row.n)
      }
      return done
    }
    const dbBytes = async () =>
      Number(
        (await sql<{ size: string }>`select pg_database_size(current_database()) as size`.execute(db)).rows[0]
          ?.size,
      )

    // Warm-up: a few runs of each flow load code paths and connections, then are done with.
    const warmRuns = await startRuns(directFlowId, 20)
    await until(
      'warm-up runs completed',
      async () => ((await completedAmong(warmRuns)) === 20 ? true : undefined),
      60_000,
    )
    await new Promise((resolve) => setTimeout(resolve, 1_000))

    // 1. Start the waiting runs.
    const bytesBefore = { pg: await dbBytes(), temporal: temporalBytes() }
    say(
      `Starting ${waiting} runs (${startConcurrency} requests in flight) and waiting until each task is open…`,
    )
    const startedAt = performance.now()
    const runIds = await startRuns(approvalFlowId, waiting)
    const startedMs = performance.now() - startedAt
    say(`  ${waiting} runs accepted by the API in ${(startedMs / 1000).toFixed(1)} s; load ${load()}`)
    const openCount = async () =>
      Number(
        (
          await db
            .selectFrom('tasks')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('flow_id', '=', approvalFlowId)
            .where('status', '=', 'open')
            .executeTakeFirstOrThrow()
        ).n,
      )
    let lastReport = Date.now()
    await until(
      'every task open',
      async () => {
        const open = await openCount()
        if (Date.now() - lastReport > 15_000) {
          lastReport = Date.now()
          say(`  … ${open} of ${waiting} tasks open`)
        }
        return open === waiting ? true : undefined
      },
      30 * 60_000,
    )
    const allOpenMs = performance.now() - startedAt
    say(`  every task open ${(allOpenMs / 1000).toFixed(1)} s after the first start; load ${load()}`)
    // Let the start-up work (run records, search attributes, the cache) settle.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    const bytesWaiting = { pg: await dbBytes(), temporal: temporalBytes() }

    // 2. Worker memory and cache while every run waits.
    const restRss: number[] = []
    for (let i = 0; i < 10; i++) {
      restRss.push(rssOf(workerPid))
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    const waitingRss = Math.max(...restRss)
    const cachedNow = await cacheSize()
    const heapWaiting = await heapOf()
    say(
      `  worker RSS while ${waiting} runs wait: ${waitingRss.toFixed(0)} MB (peak so far ${workerPeakRss.toFixed(0)} MB); ` +
        `workflow cache ${cachedNow ?? '?'} (peak ${cachePeak}, WARMFLOW_MAX_CACHED_WORKFLOWS=${maxCached}); ` +
        `API process ${rssOf(process.pid).toFixed(0)} MB, Temporal ${rssOf(temporal.process.pid ?? 0).toFixed(0)} MB`,
    )

    // BENCH_MEMORY_ONLY=1: the worker's memory only, to compare its settings quickly.
    if (process.env.BENCH_MEMORY_ONLY === '1') {
      say(`Worker memory only (BENCH_MEMORY_ONLY=1); load ${load()}.`)
      return
    }

    // 3. The inbox.
    say(`Inbox requests with ${waiting} open tasks (${inboxRequests} of each; load ${load()})…`)
    const timeRequest = async (path: string) => {
      const at = performance.now()
      const answer = await call('GET', path)
      const ms = performance.now() - at
      if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`)
      return { ms, items: (answer.body.items as unknown[]).length }
    }
    const measureSeries = async (path: string) => {
      for (let i = 0; i < 10; i++) await timeRequest(path)
      const times: number[] = []
      let items = 0
      for (let i = 0; i < inboxRequests; i++) {
        const { ms, items: n } = await timeRequest(path)
        times.push(ms)
        items = n
      }
      return { times, items }
    }
    const firstPage = await measureSeries('/api/v1/tasks?view=team')
    const filteredPage = await measureSeries(`/api/v1/tasks?view=unassigned&teamId=${teamId}&limit=50`)
    const countViews = ['mine', 'team', 'unassigned', 'due_soon', 'overdue']
    const countTimes: number[] = []
    const countRounds: number[] = []
    for (let round = 0; round < Math.ceil(inboxRequests / countViews.length) + 2; round++) {
      const at = performance.now()
      const answers = await Promise.all(
        countViews.map((view) => timeRequest(`/api/v1/tasks?view=${view}&limit=100`)),
      )
      // Two rounds of warm-up, not counted.
      if (round < 2) continue
      countRounds.push(performance.now() - at)
      countTimes.push(...answers.map((a) => a.ms))
    }
    say(`  first page ${firstPage.items} tasks, filtered page ${filteredPage.items}`)

    // 4. The burst.
    const burstRuns = runIds.slice(0, burst)
    const taskRows = await db
      .selectFrom('tasks')
      .select(['id', 'run_id'])
      .where('flow_id', '=', approvalFlowId)
      .where('status', '=', 'open')
      .execute()
    const taskOf = new Map(taskRows.map((row) => [row.run_id, row.id]))
    say(`Completing ${burst} tasks in a burst (${burstConcurrency} requests in flight; load ${load()})…`)
    const burstAt = performance.now()
    const completeTimes: number[] = []
    await pool(burstRuns, burstConcurrency, async (runId) => {
      const at = performance.now()
      const decided = await call('POST', `/api/v1/tasks/${taskOf.get(runId)}/complete`, {
        decision: 'approve',
        fields: {},
      })
      completeTimes.push(performance.now() - at)
      if (decided.status !== 200) throw new Error(`approval refused: ${JSON.stringify(decided.body)}`)
    })
    const burstSentMs = performance.now() - burstAt
    await until(
      'every burst run completed',
      async () => ((await completedAmong(burstRuns)) === burst ? true : undefined),
      15 * 60_000,
    )
    const burstMs = performance.now() - burstAt
    say(
      `  ${burst} decisions sent in ${(burstSentMs / 1000).toFixed(1)} s, every run completed after ${(burstMs / 1000).toFixed(1)} s; load ${load()}`,
    )
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const bytesDone = { pg: await dbBytes(), temporal: temporalBytes() }

    // Every decision kept: the task holds the approval (the request's `approve` is stored as
    // `approved`), the run left the task through its `approved` port and finished its last node.
    const decided = await db
      .selectFrom('tasks')
      .select(['run_id', 'status', 'outcome'])
      .where('flow_id', '=', approvalFlowId)
      .where('status', '!=', 'open')
      .execute()
    const approved = new Set(
      decided
        .filter(
          (t) =>
            t.status === 'completed' && (t.outcome as { decision?: unknown } | null)?.decision === 'approved',
        )
        .map((t) => t.run_id),
    )
    let kept = 0
    const lost: string[] = []
    await pool(burstRuns, 10, async (runId) => {
      const run = await call('GET', `/api/v1/runs/${runId}`)
      const nodes = run.body?.nodes as Record<string, { port?: string; finishedAt?: string }> | undefined
      if (
        approved.has(runId) &&
        run.body?.status === 'completed' &&
        nodes?.check?.port === 'approved' &&
        nodes?.next?.finishedAt
      )
        kept++
      else lost.push(runId)
    })
    const stillOpen = await openCount()
    if (lost.length > 0) {
      const sample = await call('GET', `/api/v1/runs/${lost[0]}`)
      say(`  a run without its decision: ${JSON.stringify(sample.body).slice(0, 800)}`)
    }
    say(`  decisions kept: ${kept} of ${burst}; tasks still open: ${stillOpen} (expected ${waiting - burst})`)

    // The same number of runs that do not wait, started the same way.
    say(`Starting ${burst} runs of manual → transform the same way (load ${load()})…`)
    const directAt = performance.now()
    const directRuns = await startRuns(directFlowId, burst)
    await until(
      'every direct run completed',
      async () => ((await completedAmong(directRuns)) === burst ? true : undefined),
      15 * 60_000,
    )
    const directMs = performance.now() - directAt
    say(`  ${burst} runs completed after ${(directMs / 1000).toFixed(1)} s`)
    const finalRss = rssOf(workerPid)
    workerPeakRss = Math.max(workerPeakRss, finalRss)

    // 5. Bytes.
    const pgPerWaiting = (bytesWaiting.pg - bytesBefore.pg) / waiting
    const temporalPerWaiting = (bytesWaiting.temporal - bytesBefore.temporal) / waiting
    const pgPerCompleted = pgPerWaiting + (bytesDone.pg - bytesWaiting.pg) / burst
    const temporalPerCompleted = temporalPerWaiting + (bytesDone.temporal - bytesWaiting.temporal) / burst

    const p = (values: number[], q: number) => `${percentile(values, q).toFixed(1)}`
    const latency = (values: number[]) =>
      `p50 ${p(values, 50)} / p95 ${p(values, 95)} / p99 ${p(values, 99)} ms`
    const rows: [string, string, string, string][] = [
      [
        `${waiting} runs started → every task open`,
        `${(allOpenMs / 1000).toFixed(1)} s (${(waiting / (allOpenMs / 1000)).toFixed(0)} runs/s)`,
        '—',
        '—',
      ],
      [
        `worker RSS, ${waiting} runs waiting`,
        `${waitingRss.toFixed(0)} MB (peak ${workerPeakRss.toFixed(0)} MB)`,
        '≤ 600 MB',
        workerPeakRss <= 600
          ? `met (${(workerPeakRss / 600).toFixed(2)}×)`
          : `not met (${(workerPeakRss / 600).toFixed(2)}×)`,
      ],
      [
        'workflow cache (runs in worker memory)',
        `${cachedNow ?? '?'} now, peak ${cachePeak}`,
        `≤ ${maxCached}`,
        cachePeak <= Number(maxCached) ? 'met (bounded)' : 'not met',
      ],
      [
        "worker main thread's V8 heap used / total",
        `${heapWaiting.used.toFixed(0)} / ${heapWaiting.total.toFixed(0)} MB waiting, ${heapAtPeak.used.toFixed(0)} / ${heapAtPeak.total.toFixed(0)} MB at the RSS peak`,
        '—',
        '—',
      ],
    ]
    const inboxRow = (label: string, values: number[]) => {
      const p95 = percentile(values, 95)
      rows.push([
        label,
        latency(values),
        'p95 ≤ 100 ms',
        `${p95 <= 100 ? 'met' : 'not met'} (${(p95 / 100).toFixed(2)}×)`,
      ])
    }
    inboxRow(`inbox first page (view=team, ${firstPage.items} tasks)`, firstPage.times)
    inboxRow('inbox filtered page (unassigned, team)', filteredPage.times)
    inboxRow('inbox counts (5 lists, limit 100, at once)', countTimes)
    rows.push(['inbox counts, all 5 lists together', latency(countRounds), '—', '—'])
    rows.push([
      `complete request round trip (${burstConcurrency} in flight)`,
      latency(completeTimes),
      '—',
      '—',
    ])
    rows.push([
      `burst: ${burst} completed → those runs completed`,
      `${(burstMs / 1000).toFixed(1)} s (${(burst / (burstMs / 1000)).toFixed(0)} runs/s)`,
      '—',
      '—',
    ])
    rows.push([
      `${burst} runs without waiting, started → completed`,
      `${(directMs / 1000).toFixed(1)} s (${(burst / (directMs / 1000)).toFixed(0)} runs/s)`,
      '—',
      '—',
    ])
    rows.push([
      'burst time / runs without waiting',
      `${(burstMs / directMs).toFixed(2)}×`,
      '≤ 2×',
      burstMs / directMs <= 2 ? 'met' : 'not met',
    ])
    rows.push([
      'decisions kept in the burst',
      `${kept} of ${burst}`,
      `${burst} of ${burst}`,
      kept === burst ? 'met' : 'not met',
    ])
    rows.push(['PostgreSQL bytes per waiting run', kb(pgPerWaiting), '—', '—'])
    rows.push(['PostgreSQL bytes per completed run', kb(pgPerCompleted), '—', '—'])
    rows.push(['Temporal (SQLite) bytes per waiting run', kb(temporalPerWaiting), '—', '—'])
    rows.push(['Temporal (SQLite) bytes per completed run', kb(temporalPerCompleted), '—', '—'])
    rows.push([
      'database sizes at the end',
      `PostgreSQL ${mb(bytesDone.pg)}, Temporal ${mb(bytesDone.temporal)}`,
      '—',
      '—',
    ])
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => (row[i] ?? '').length), 8))
    const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
    say('')
    say(line(['measure', 'value', 'target', 'met']))
    say(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
    for (const row of rows) say(line(row))
    say('')
    say(`Load average (1, 5, 15 min) at the end: ${load()} on ${cpus().length} cores.`)
    if (kept !== burst) process.exitCode = 1
  } finally {
    for (const close of closers) await close().catch(() => undefined)
  }
}

await main()
