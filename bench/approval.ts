// `pnpm bench:approval`: from a human task's approval in the inbox to the next node started.
// Runs the platform as `pnpm start` does (the API and the worker in one process, encrypted
// payloads, search attributes, the task store in PostgreSQL) against its own Temporal dev server
// and a scratch database, all on 127.0.0.1. It starts `BENCH_APPROVALS` (200) runs of a flow
// manual → human task → transform, waits until every task is open, then approves them one after
// another through the route the inbox uses (`POST /api/v1/tasks/{id}/complete`), after
// `BENCH_WARMUP` (10) approvals that are not counted. For each approval it takes:
//   - approval → next node started: from sending the request to the `startedAt` of the node after
//     the task in the run's progress (`GET /api/v1/runs/{id}`), which the workflow sets when the
//     workflow task that carries the decision starts;
//   - the request's own round trip (the inbox waits for it);
//   - approval → next node finished (the run's last node).
// Prints p50/p90/p99/max; targets: approval → next node started p50 ≤ 50 ms, p99 ≤ 200 ms.
import { randomBytes, randomUUID } from 'node:crypto'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { connectApiTemporal, startServer } from '@warmflow/api'
import {
  createScratchDatabase,
  ensurePostgres,
  freePort,
  startTemporalDevServer,
} from '@warmflow/cli/services'
import { createEncryptionCodec, createSealer, generatePayloadKey, parsePayloadKeys } from '@warmflow/engine'
import { createDb, createPostgresStores, migrateToLatest } from '@warmflow/store'
import { bundleInterpreterWorkflow, createWarmflowWorker } from '@warmflow/worker'
import { approvalFlow } from './flows.js'
import { benchSession } from './session.js'
import { percentile } from './stats.js'

const approvals = Number(process.env.BENCH_APPROVALS ?? 200)
const warmup = Number(process.env.BENCH_WARMUP ?? 10)
const say = (line: string) => process.stdout.write(`${line}\n`)

const flow = approvalFlow('Bench: goedkeuren')

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  say('Starting the Temporal dev server, PostgreSQL, the worker and the API (127.0.0.1)…')
  const [temporal, ownerUrl, bundle] = await Promise.all([
    freePort().then((port) => startTemporalDevServer({ port })),
    ensurePostgres(process.env),
    bundleInterpreterWorkflow(),
  ])
  const scratch = await createScratchDatabase(ownerUrl, 'warmflow_bench_approval')
  const closers: (() => Promise<unknown>)[] = [() => scratch.drop(), () => temporal.stop()]
  try {
    const db = createDb(scratch.url, { max: 14 })
    closers.unshift(() => db.destroy())
    await migrateToLatest(db)
    const keys = parsePayloadKeys(generatePayloadKey('bench'))
    const credentialKey = randomBytes(32)
    const stores = createPostgresStores(db, { credentialKey, sealer: createSealer(keys) })
    // As `warmflow start`: each run's payloads and task data under the run's own data key.
    const payloadCodecs = [createEncryptionCodec({ keys, runKeys: stores.runKeys })]
    const taskQueue = `bench-approval-${randomUUID()}`
    const { worker, registry, connection } = await createWarmflowWorker({
      address: temporal.address,
      taskQueue,
      ...stores,
      payloadCodecs,
      workflowBundle: bundle,
    })
    const workerDone = worker.run()
    closers.unshift(async () => {
      worker.shutdown()
      await workerDone
      await connection.close()
    })
    const client = await connectApiTemporal({ address: temporal.address, payloadCodecs })
    closers.unshift(() => client.connection.close())
    const api = await startServer(
      { db, registry, temporal: { client, taskQueue, searchAttributes: true }, credentialKey, stores },
      { port: 0, host: '127.0.0.1' },
    )
    closers.unshift(() => api.close())

    const { teamId, call } = await benchSession(db, api.url, ['designer', 'approver'])
    const created = await call('POST', `/api/v1/flows?teamId=${teamId}`, flow)
    if (created.status !== 201) throw new Error(`flow not created: ${JSON.stringify(created.body)}`)
    const flowId = created.body.id as string
    const published = await call('POST', `/api/v1/flows/${flowId}/publish`, {})
    if (published.status !== 201) throw new Error(`flow not published: ${JSON.stringify(published.body)}`)

    const total = approvals + warmup
    say(`Starting ${total} runs and waiting until each has its open task…`)
    const runIds: string[] = []
    for (let i = 0; i < total; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, total - i) }, () =>
          call('POST', `/api/v1/flows/${flowId}/runs`, { input: {} }),
        ),
      )
      for (const started of batch) {
        if (started.status !== 201) throw new Error(`run not started: ${JSON.stringify(started.body)}`)
        runIds.push(started.body.id)
      }
    }
    const taskOf = await until(
      'every run has its open task',
      async () => {
        const rows = await db
          .selectFrom('tasks')
          .select(['id', 'run_id'])
          .where('status', '=', 'open')
          .where('run_id', 'in', runIds)
          .execute()
        return rows.length === total ? new Map(rows.map((row) => [row.run_id, row.id])) : undefined
      },
      120_000,
    )
    // Let the start-up work (run records, search attributes) settle before timing.
    await new Promise((resolve) => setTimeout(resolve, 2_000))

    say(`Approving ${total} tasks one after another (${warmup} not counted)…`)
    const sent = new Map<string, { at: number; roundTripMs: number }>()
    for (const runId of runIds) {
      const taskId = taskOf.get(runId) as string
      const at = Date.now()
      const started = performance.now()
      const decided = await call('POST', `/api/v1/tasks/${taskId}/complete`, {
        decision: 'approve',
        fields: {},
      })
      const roundTripMs = performance.now() - started
      if (decided.status !== 200) throw new Error(`approval refused: ${JSON.stringify(decided.body)}`)
      sent.set(runId, { at, roundTripMs })
    }

    const toNext: number[] = []
    const roundTrip: number[] = []
    const toFinished: number[] = []
    for (const runId of runIds.slice(warmup)) {
      const run = await until(
        `run ${runId} finished`,
        async () => {
          const read = await call('GET', `/api/v1/runs/${runId}`)
          return read.body?.status === 'completed' ? read.body : undefined
        },
        30_000,
      )
      const next = run.nodes?.next as { startedAt?: string; finishedAt?: string } | undefined
      if (!next?.startedAt)
        throw new Error(`no startedAt for the next node in ${JSON.stringify(run).slice(0, 500)}`)
      const { at, roundTripMs } = sent.get(runId) as { at: number; roundTripMs: number }
      toNext.push(Date.parse(next.startedAt) - at)
      roundTrip.push(roundTripMs)
      if (next.finishedAt) toFinished.push(Date.parse(next.finishedAt) - at)
    }

    const row = (label: string, values: number[]) =>
      `| ${label.padEnd(42)} | ${[50, 90, 99, 100].map((p) => `${percentile(values, p).toFixed(0)} ms`.padStart(7)).join(' | ')} |`
    say('')
    say(`| ${`${approvals} approvals, one at a time`.padEnd(42)} |     p50 |     p90 |     p99 |     max |`)
    say(`|:${'-'.repeat(43)}|--------:|--------:|--------:|--------:|`)
    say(row('approval → next node started', toNext))
    say(row('approval request round trip (inbox waits)', roundTrip))
    if (toFinished.length) say(row('approval → next node finished', toFinished))
    say('')
    say('Targets: approval → next node started p50 ≤ 50 ms, p99 ≤ 200 ms.')
  } finally {
    for (const close of closers) await close().catch(() => undefined)
  }
}

await main()
