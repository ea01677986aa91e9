// `pnpm bench:webhook`: a durable 4-node flow of pure nodes (webhook → transform → score 20
// candidates → build a message; the webhook answers with the result) started by signed
// webhooks in respond mode, by a load generator on 127.0.0.1 at 1, 10 and 50 concurrent
// connections for 20 s each. Deployed as in production: the API process (this one), the
// worker process (`packages/worker/bin/warmflow-worker.mjs`), the Temporal dev server and PostgreSQL, with
// encrypted payloads and search attributes; the load generator is a process of its own.
// Prints flows/s, p50, p99, errors, the RSS of every process, and where a delivery's time goes
// (the API's Server-Timing phases). Targets on a 2-core machine: ≥ 105 flows/s and
// p50 ≤ 15 ms. `BENCH_QUICK=1`: 3 s each; `BENCH_LEVELS=10,50` picks the levels;
// `BENCH_PROFILE=<folder>` writes CPU profiles of the worker process there.
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client, Connection } from '@temporalio/client'
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker'
import { createUser, ensureTeam, startServer } from '@warmflow/api'
import { createDb, migrateToLatest } from '@warmflow/api/db'
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
  generatePayloadKey,
  parsePayloadKeys,
  workflowBundlerOptions,
  workflowsPath,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { percentile } from './stats.js'
import type { LoadReport } from './webhook-load.js'

const quick = Boolean(process.env.BENCH_QUICK)
const seconds = quick ? 3 : 20
const levels = (process.env.BENCH_LEVELS ?? '1,10,50').split(',').map(Number)

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : 0
  } catch {
    return 0
  }
}

function postgresPids(): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry))
    } catch {
      // the process ended meanwhile
    }
  }
  return pids
}

const postgresRss = () => postgresPids().reduce((total, pid) => total + rssOf(pid), 0)

/** CPU time (user + system, every thread) a process has used so far, in ms. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

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
    bundleWorkflowCode({
      workflowsPath,
      ...workflowBundlerOptions,
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    }),
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
    const connection = await Connection.connect({ address: temporal.address })
    closers.push(() => connection.close())
    const client = new Client({
      connection,
      dataConverter: { payloadCodecs: [createEncryptionCodec({ keys: parsePayloadKeys(keys) })] },
    })
    const registry = createRegistry([controlPlugin, builtinPlugin])
    const api = await startServer(
      {
        db,
        registry,
        temporal: { client, taskQueue, searchAttributes: true },
        credentialKey: randomBytes(32),
      },
      { port: 0, host: '127.0.0.1' },
    )
    closers.push(() => api.close())
    const load = await startLoadProcess()

    const teamId = await ensureTeam(db, 'Benchteam')
    const password = randomBytes(18).toString('base64url')
    await createUser(db, {
      email: 'bench@warmflow.local',
      name: 'Bench',
      password,
      roles: ['designer'],
      teamIds: [teamId],
    })
    const login = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@warmflow.local', password }),
    })
    const { csrfToken } = (await login.json()) as { csrfToken: string }
    const headers = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] as string,
      'x-csrf-token': csrfToken,
      'content-type': 'application/json',
    }
    const created = await fetch(`${api.url}/api/v1/flows`, {
      method: 'POST',
      headers,
      body: JSON.stringify(flow),
    })
    const flowId = ((await created.json()) as { id: string }).id
    await fetch(`${api.url}/api/v1/flows/${flowId}/publish`, { method: 'POST', headers, body: '{}' })
    const secretAnswer = await fetch(`${api.url}/api/v1/flows/${flowId}/webhook/secret`, {
      method: 'POST',
      headers,
    })
    const { secret } = (await secretAnswer.json()) as { secret: string }
    const order = {
      url: `${api.url}/api/v1/hooks/${flowId}?wait=10`,
      secret,
      body: JSON.stringify({ voornaam: 'Fatima', kandidaten: candidates }),
    }
    // Warm-up: the first runs load code paths and connections.
    const warm = await load.run({ ...order, connections: 2, seconds: 2 })
    if (warm.errors > 0) throw new Error(`warm-up failed: ${warm.firstError}`)

    const rows: string[] = []
    const phaseRows: string[] = []
    const cpuRows: string[] = []
    const processes = {
      api: process.pid,
      worker: worker.pid ?? 0,
      temporal: temporal.process.pid ?? 0,
      load: load.pid,
    }
    type Part = keyof typeof processes | 'postgres'
    const cpuNow = (): Record<Part, number> => ({
      api: cpuMsOf(processes.api),
      worker: cpuMsOf(processes.worker),
      temporal: cpuMsOf(processes.temporal),
      load: cpuMsOf(processes.load),
      postgres: postgresPids().reduce((total, pid) => total + cpuMsOf(pid), 0),
    })
    for (const level of levels) {
      say(`Load: ${level} concurrent connections for ${seconds} s…`)
      const before = cpuNow()
      const report = await load.run({ ...order, connections: level, seconds })
      const after = cpuNow()
      const { latencies } = report
      const perRun = (name: Part) => ((after[name] - before[name]) / latencies.length).toFixed(1)
      const machine = (Object.keys(before) as Part[]).reduce(
        (total, name) => total + after[name] - before[name],
        0,
      )
      cpuRows.push(
        `| ${level} | ${perRun('api')} | ${perRun('worker')} | ${perRun('temporal')} | ${perRun('postgres')} | ${perRun('load')} | ${(machine / latencies.length).toFixed(1)} | ${(machine / 1000 / report.elapsedSeconds).toFixed(2)} |`,
      )
      const rss = `API ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, worker ${rssOf(worker.pid ?? 0).toFixed(0)} MB, Temporal ${rssOf(temporal.process.pid ?? 0).toFixed(0)} MB, PostgreSQL (all backends) ${postgresRss().toFixed(0)} MB`
      rows.push(
        `| ${level} | ${(latencies.length / report.elapsedSeconds).toFixed(1)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${report.errors} | ${rss} |`,
      )
      if (report.firstError) say(`  first error: ${report.firstError}`)
      const verify = median(report.phases.verify)
      const start = median(report.phases.start)
      const result = median(report.phases.result)
      const p50 = percentile(latencies, 50)
      phaseRows.push(
        `| ${level} | ${verify.toFixed(1)} | ${start.toFixed(1)} | ${result.toFixed(1)} | ${(p50 - verify - start - result).toFixed(1)} |`,
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
      '| connections | verify (lookup, signature) | start (row, audit, workflow start) | result (run until its answer) | HTTP and queueing |',
    )
    say('|---:|---:|---:|---:|---:|')
    for (const row of phaseRows) say(row)
    say('')
    say('CPU time per completed flow (ms, user + system, all threads), and cores busy in all:')
    say('| connections | API | worker | Temporal | PostgreSQL | load generator | all | cores busy |')
    say('|---:|---:|---:|---:|---:|---:|---:|---:|')
    for (const row of cpuRows) say(row)
    say('')
    say(
      `Target: ≥ 105 flows/s and p50 ≤ 15 ms. Every run is a Temporal workflow (${runs.n} runs recorded, ${completedRows.n} marked completed by their workflow).`,
    )
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
    await db.destroy()
    await scratch.drop()
    await temporal.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
process.exit(0)
