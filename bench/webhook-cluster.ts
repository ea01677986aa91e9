// The cluster profile under the webhook benchmark's load: `warmflow start --cluster` (the
// Temporal server on PostgreSQL, N `warmflow worker` processes, two `warmflow api` processes on
// one port) on scratch databases of the local PostgreSQL, measured with the same load generator
// and flow as the dev-server profile in webhook-flow.ts. CPU time and memory of every process.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createScratchDatabase, ensurePostgres, freePort } from '@warmflow/cli/services'
import { createDb, type Database } from '@warmflow/store'
import { type Kysely, sql } from 'kysely'
import { cpuMsOf, postgresCpu, postgresCpuSince, postgresRss, rssOf } from './process-stats.js'
import { percentile } from './stats.js'
import type { LoadReport } from './webhook-load.js'

const root = fileURLToPath(new URL('../', import.meta.url))

/** What one load level gives on the cluster profile. */
export interface ClusterLevel {
  workers: number
  connections: number
  flowsPerSecond: number
  p50: number
  p99: number
  errors: number
  /** CPU ms per completed flow, by process (`supervisor`, `api-1`, `worker-1`, `temporal`, `postgres`, `load`). */
  cpu: Record<string, number>
  cpuTotal: number
  /** Resident memory after the level, MB, by process (PostgreSQL: the backends of its databases). */
  rss: Record<string, number>
}

/** The webhook delivery the load generator sends. */
export interface WebhookOrder {
  url: string
  secret: string
  body: string
}

interface Status {
  pid: number
  url: string
  temporal: { pid: number | undefined }
  processes: { name: string; pid: number | undefined }[]
}

/**
 * Starts the cluster profile with `workers` workers on fresh scratch databases, lets `prepare`
 * make the flow (given a database handle and the API's URL), runs the load levels and stops
 * everything again, dropping the databases.
 */
export async function benchClusterProfile(options: {
  workers: number
  levels: number[]
  seconds: number
  workflowBundle: string
  load: { pid: number; run: (order: object) => Promise<LoadReport> }
  prepare: (db: Kysely<Database>, apiUrl: string) => Promise<WebhookOrder>
  say: (line: string) => void
}): Promise<ClusterLevel[]> {
  const ownerUrl = await ensurePostgres(process.env)
  const scratch = await createScratchDatabase(ownerUrl, 'warmflow_bench_cluster')
  const temporalDatabase = `warmflow_bench_temporal_${randomBytes(3).toString('hex')}`
  const temporalUrl = new URL(ownerUrl)
  temporalUrl.pathname = `/${temporalDatabase}`
  const dataDir = mkdtempSync(join(tmpdir(), 'warmflow-bench-cluster-'))
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: scratch.url,
    WARMFLOW_TEMPORAL_DATABASE_URL: temporalUrl.toString(),
    WARMFLOW_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    WARMFLOW_TEMPORAL_PORT: String(await freePort()),
    WARMFLOW_CLUSTER_WORKERS: String(options.workers),
    WARMFLOW_WORKFLOW_BUNDLE: options.workflowBundle,
    WARMFLOW_LOGIN_LIMIT: '100000',
  }
  for (const name of [
    'TEMPORAL_ADDRESS',
    'WARMFLOW_TASK_QUEUE',
    'WARMFLOW_PAYLOAD_KEYS',
    'DATABASE_MIGRATION_URL',
  ]) {
    delete env[name]
  }
  let profile: ChildProcess | undefined
  let db: Kysely<Database> | undefined
  try {
    options.say(`Cluster profile with ${options.workers} worker(s): starting…`)
    const started = spawn(process.execPath, ['packages/cli/bin/warmflow.mjs', 'start', '--cluster'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    profile = started
    let output = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 180 s:\n${output}`)), 180_000)
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Warmflow is running')) {
          clearTimeout(timer)
          resolve()
        }
      }
      started.stdout?.on('data', onData)
      started.stderr?.on('data', onData)
      started.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`warmflow start --cluster exited (${code}):\n${output}`))
      })
    })
    const status = JSON.parse(readFileSync(join(dataDir, 'cluster', 'processes.json'), 'utf8')) as Status
    const pids: Record<string, number> = {
      supervisor: status.pid,
      temporal: status.temporal.pid ?? 0,
      ...Object.fromEntries(status.processes.map((p) => [p.name, p.pid ?? 0])),
      load: options.load.pid,
    }
    db = createDb(scratch.url, { max: 4 })
    const order = await options.prepare(db, status.url)
    const warm = await options.load.run({ ...order, connections: 2, seconds: 2 })
    if (warm.errors > 0) throw new Error(`warm-up failed: ${warm.firstError}`)

    // Only the backends of this profile's three databases: others may use the same server.
    const databases = [
      new URL(scratch.url).pathname.slice(1),
      temporalDatabase,
      `${temporalDatabase}_visibility`,
    ]
    const results: ClusterLevel[] = []
    for (const level of options.levels) {
      options.say(
        `Cluster profile, ${options.workers} worker(s): ${level} connections for ${options.seconds} s…`,
      )
      const postgresBefore = postgresCpu(databases)
      const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMsOf(pid)]))
      const report = await options.load.run({ ...order, connections: level, seconds: options.seconds })
      const after = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMsOf(pid)]))
      if (report.firstError) options.say(`  first error: ${report.firstError}`)
      const flows = report.latencies.length
      const cpu: Record<string, number> = Object.fromEntries(
        Object.keys(pids).map((name) => [name, ((after[name] ?? 0) - (before[name] ?? 0)) / flows]),
      )
      cpu.postgres = postgresCpuSince(postgresBefore, databases) / flows
      const rss: Record<string, number> = Object.fromEntries(
        Object.entries(pids).map(([name, pid]) => [name, rssOf(pid)]),
      )
      rss.postgres = postgresRss(databases)
      results.push({
        workers: options.workers,
        connections: level,
        flowsPerSecond: flows / report.elapsedSeconds,
        p50: percentile(report.latencies, 50),
        p99: percentile(report.latencies, 99),
        errors: report.errors,
        cpu,
        cpuTotal: Object.values(cpu).reduce((total, ms) => total + ms, 0),
        rss,
      })
    }
    return results
  } finally {
    await db?.destroy()
    if (profile && profile.exitCode === null && profile.signalCode === null) {
      const running = profile
      await new Promise((resolve) => {
        const timer = setTimeout(() => running.kill('SIGKILL'), 45_000)
        running.once('exit', () => {
          clearTimeout(timer)
          resolve(undefined)
        })
        running.kill('SIGTERM')
      })
    }
    await scratch.drop()
    const admin = createDb(ownerUrl, { max: 1 })
    try {
      for (const name of [temporalDatabase, `${temporalDatabase}_visibility`]) {
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin)
      }
    } finally {
      await admin.destroy()
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
}
