// `pnpm bench:api`: the Warmflow API against a bare Hono handler doing the same database work and
// Temporal start, side by side. Measures POST start-run and GET run-detail latency (p50/p99,
// sequential) and throughput (fixed number of requests at a fixed concurrency) over HTTP on
// 127.0.0.1, and prints a table with ratios against the bare handler. Bounded in count and
// time; `BENCH_QUICK=1` does a handful of requests only, to check that the benchmark works.
import { randomBytes, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
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
  buildRunInput,
  type FlowDefinition,
  interpreterWorkflowType,
  type RunFlowResult,
} from '@warmflow/engine'
import { createDb, migrateToLatest } from '@warmflow/store'
import { createWarmflowWorker } from '@warmflow/worker'
import { Hono } from 'hono'
import { signInBenchUser } from './session.js'
import { percentile } from './stats.js'

const quick = Boolean(process.env.BENCH_QUICK)
const sequential = quick ? 5 : 150
const warmup = quick ? 2 : 15
const throughputRequests = quick ? 10 : 300
const concurrency = 8

interface Target {
  label: string
  base: string
  headers: Record<string, string>
  flowId: string
}

async function timed(fn: () => Promise<Response>, expected: number): Promise<number> {
  const started = performance.now()
  const response = await fn()
  await response.arrayBuffer()
  const ms = performance.now() - started
  if (response.status !== expected) throw new Error(`expected ${expected}, got ${response.status}`)
  return ms
}

const start = (t: Target) => () =>
  fetch(`${t.base}/api/v1/flows/${t.flowId}/runs`, {
    method: 'POST',
    headers: { ...t.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ input: { voornaam: 'Bench' } }),
  })

async function startOne(t: Target): Promise<string> {
  const response = await start(t)()
  const body = (await response.json()) as { id: string }
  return body.id
}

const detail = (t: Target, runId: string) => () =>
  fetch(`${t.base}/api/v1/runs/${runId}`, { headers: t.headers })

async function measure(run: () => Promise<number>) {
  for (let i = 0; i < warmup; i++) await run()
  const samples: number[] = []
  for (let i = 0; i < sequential; i++) samples.push(await run())
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) }
}

async function throughput(run: () => Promise<number>): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < throughputRequests) {
        next += 1
        await run()
      }
    }),
  )
  return throughputRequests / ((performance.now() - started) / 1000)
}

async function main() {
  const say = (line: string) => process.stdout.write(`${line}\n`)
  Runtime.install({ logger: new DefaultLogger('WARN') })
  say('Starting Temporal dev server, PostgreSQL and a worker (127.0.0.1)…')
  const temporal = await startTemporalDevServer({ port: await freePort() })
  const scratch = await createScratchDatabase(await ensurePostgres(process.env), 'warmflow_bench')
  const db = createDb(scratch.url, { max: 10 })
  const taskQueue = `bench-${randomUUID()}`
  const closers: (() => Promise<unknown>)[] = []
  try {
    await migrateToLatest(db)
    const {
      worker,
      registry,
      connection: workerConnection,
    } = await createWarmflowWorker({
      address: temporal.address,
      taskQueue,
    })
    const workerDone = worker.run()
    closers.push(async () => {
      worker.shutdown()
      await workerDone
      await workerConnection.close()
    })
    const connection = await Connection.connect({ address: temporal.address })
    closers.push(() => connection.close())
    const client = new Client({ connection })

    // The Warmflow API, as it runs in production (sessions, CSRF, authz, audit).
    const api = await startServer(
      {
        db,
        registry,
        temporal: { client, taskQueue },
        credentialKey: randomBytes(32),
        auth: { loginRateLimit: { max: 1000, windowMs: 60_000 } },
      },
      { port: 0, host: '127.0.0.1' },
    )
    closers.push(() => api.close())
    const { headers } = await signInBenchUser(db, api.url, ['admin', 'designer'])
    const definition = JSON.parse(
      await readFile(new URL('../examples/flows/demo-welkom.json', import.meta.url), 'utf8'),
    ) as FlowDefinition
    const created = await fetch(`${api.url}/api/v1/flows`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(definition),
    })
    const flowId = ((await created.json()) as { id: string }).id
    await fetch(`${api.url}/api/v1/flows/${flowId}/publish`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    })

    // The baseline: bare Hono, the same queries and the same Temporal calls, nothing else.
    const bare = new Hono()
    bare.post('/api/v1/flows/:id/runs', async (c) => {
      const body = (await c.req.json()) as { input: Record<string, unknown> }
      const version = await db
        .selectFrom('flows')
        .innerJoin('flow_versions', (join) =>
          join
            .onRef('flow_versions.flow_id', '=', 'flows.id')
            .onRef('flow_versions.version', '=', 'flows.latest_version'),
        )
        .select([
          'flows.id',
          'flows.team_id',
          'flow_versions.version',
          'flow_versions.definition',
          'flow_versions.hash',
        ])
        .where('flows.id', '=', c.req.param('id'))
        .executeTakeFirstOrThrow()
      const runId = randomUUID()
      const input = buildRunInput({
        runId,
        snapshot: {
          flowId: version.id,
          version: version.version,
          hash: version.hash,
          definition: version.definition,
        },
        input: body.input,
        registry,
      })
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('runs')
          .values({
            id: runId,
            flow_id: version.id,
            flow_version: version.version,
            workflow_id: `run-${runId}`,
            status: 'running',
            team_id: version.team_id,
            started_by: null,
          })
          .execute()
        await client.workflow.start(interpreterWorkflowType, {
          taskQueue,
          workflowId: `run-${runId}`,
          args: [input],
        })
      })
      return c.json({ id: runId }, 201)
    })
    bare.get('/api/v1/runs/:id', async (c) => {
      const row = await db
        .selectFrom('runs')
        .selectAll()
        .where('id', '=', c.req.param('id'))
        .executeTakeFirstOrThrow()
      const handle = client.workflow.getHandle(row.workflow_id)
      const description = await handle.describe()
      const result =
        description.status.name === 'COMPLETED' ? ((await handle.result()) as RunFlowResult) : undefined
      return c.json(
        { id: row.id, status: description.status.name, output: result?.output, nodes: result?.nodes },
        200,
      )
    })
    const bareUrl = await new Promise<string>((resolve) => {
      const server = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      )
      closers.push(() => new Promise((done) => server.close(() => done(undefined))))
    })

    const targets: Target[] = [
      { label: 'bare Hono', base: bareUrl, headers: {}, flowId },
      { label: 'Warmflow API', base: api.url, headers, flowId },
    ]
    const results: { op: string; label: string; p50: number; p99: number; rps: number }[] = []
    for (const t of targets) {
      say(`Measuring ${t.label}…`)
      const s = await measure(() => timed(start(t), 201))
      const sRps = await throughput(() => timed(start(t), 201))
      results.push({ op: 'POST start run', label: t.label, ...s, rps: sRps })
      // Run detail of a completed run (the result comes from Temporal).
      const runId = await startOne(t)
      for (;;) {
        const body = (await (await detail(t, runId)()).json()) as { status: string }
        if (body.status === 'completed' || body.status === 'COMPLETED') break
        await new Promise((r) => setTimeout(r, 50))
      }
      const d = await measure(() => timed(detail(t, runId), 200))
      const dRps = await throughput(() => timed(detail(t, runId), 200))
      results.push({ op: 'GET run detail', label: t.label, ...d, rps: dRps })
    }

    say('')
    say(
      `Sequential: ${sequential} requests after ${warmup} warm-up; throughput: ${throughputRequests} requests at concurrency ${concurrency}.`,
    )
    say('| operation | implementation | p50 ms | p99 ms | req/s | p50 ratio | p99 ratio | req/s ratio |')
    say('|---|---|---:|---:|---:|---:|---:|---:|')
    for (const r of results) {
      const base = results.find((b) => b.op === r.op && b.label === 'bare Hono') as (typeof results)[number]
      say(
        `| ${r.op} | ${r.label} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.rps.toFixed(0)} | ${(r.p50 / base.p50).toFixed(2)}× | ${(r.p99 / base.p99).toFixed(2)}× | ${(r.rps / base.rps).toFixed(2)}× |`,
      )
    }
    say('Target: Warmflow p50 ≤ 1.5× the bare handler.')
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
    await db.destroy()
    await scratch.drop()
    await temporal.stop()
  }
}

await main()
