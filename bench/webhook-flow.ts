// `pnpm bench:webhook`: a durable 4-node flow of pure nodes (webhook → transform → score 20
// candidates → build a message; the webhook answers with the result) started by signed
// webhooks in respond mode, by a load generator on 127.0.0.1 at 10 and 50 concurrent
// connections for 20 s each. Prints flows/s, p50, p99, errors and the RSS of every process.
// Targets on a 2-core machine: ≥ 105 flows/s and p50 ≤ 15 ms. `BENCH_QUICK=1`: 3 s each.
import { randomBytes, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { Client, Connection } from '@temporalio/client'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { createUser, ensureTeam, signWebhook, startServer } from '@warmflow/api'
import { createDb, migrateToLatest } from '@warmflow/api/db'
import {
  createScratchDatabase,
  ensurePostgres,
  freePort,
  startTemporalDevServer,
} from '@warmflow/cli/services'
import { createWarmflowWorker } from '@warmflow/worker'

const quick = Boolean(process.env.BENCH_QUICK)
const seconds = quick ? 3 : 20
const levels = (process.env.BENCH_LEVELS ?? '10,50').split(',').map(Number)

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  )
}

function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : 0
  } catch {
    return 0
  }
}

function postgresRss(): number {
  let total = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += rssOf(Number(entry))
    } catch {
      // the process ended meanwhile
    }
  }
  return total
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

async function main() {
  const say = (line: string) => process.stdout.write(`${line}\n`)
  Runtime.install({ logger: new DefaultLogger('WARN') })
  say('Starting Temporal dev server, PostgreSQL, a worker and the API (127.0.0.1)…')
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
    const api = await startServer(
      { db, registry, temporal: { client, taskQueue }, credentialKey: randomBytes(32) },
      { port: 0, host: '127.0.0.1' },
    )
    closers.push(() => api.close())

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

    let sequence = 0
    const deliver = async (): Promise<{ ok: boolean; ms: number }> => {
      const id = `msg_${process.pid}_${sequence++}`
      const body = JSON.stringify({ voornaam: 'Fatima', kandidaten: candidates })
      const ts = Math.floor(Date.now() / 1000)
      const started = performance.now()
      const response = await fetch(`${api.url}/api/v1/hooks/${flowId}?wait=10`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(ts),
          'webhook-signature': signWebhook(secret, id, ts, body),
        },
        body,
      })
      const answer = (await response.json()) as { status?: string; output?: { bericht?: string } }
      const ms = performance.now() - started
      return { ok: response.status === 200 && answer.status === 'completed' && !!answer.output?.bericht, ms }
    }
    // Warm-up: the first runs load code paths and connections.
    for (let i = 0; i < 10; i++) await deliver()

    const rows: string[] = []
    for (const level of levels) {
      say(`Load: ${level} concurrent connections for ${seconds} s…`)
      const latencies: number[] = []
      let errors = 0
      const until = Date.now() + seconds * 1000
      const startedAt = performance.now()
      await Promise.all(
        Array.from({ length: level }, async () => {
          while (Date.now() < until) {
            try {
              const result = await deliver()
              if (result.ok) latencies.push(result.ms)
              else errors += 1
            } catch {
              errors += 1
            }
          }
        }),
      )
      const elapsed = (performance.now() - startedAt) / 1000
      const rss = `API+worker ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, Temporal ${rssOf(temporal.process.pid ?? 0).toFixed(0)} MB, PostgreSQL (all backends) ${postgresRss().toFixed(0)} MB`
      rows.push(
        `| ${level} | ${(latencies.length / elapsed).toFixed(1)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${errors} | ${rss} |`,
      )
    }
    const runs = await db
      .selectFrom('runs')
      .select(db.fn.countAll<string>().as('n'))
      .where('flow_id', '=', flowId)
      .executeTakeFirstOrThrow()
    say('')
    say('| connections | completed flows/s | p50 ms | p99 ms | errors | RSS |')
    say('|---:|---:|---:|---:|---:|---|')
    for (const row of rows) say(row)
    say(`Target: ≥ 105 flows/s and p50 ≤ 15 ms. Every run is a Temporal workflow (${runs.n} runs recorded).`)
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
    await db.destroy()
    await scratch.drop()
    await temporal.stop()
  }
}

await main()
