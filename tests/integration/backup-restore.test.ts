// Backup and restore, as docs/upgrade-and-backup.md describes them: runs wait on human tasks,
// Temporal's store (the embedded dev server's SQLite file, copied during a short stop) and
// Warmflow's database (pg_dump as the owner role) are backed up, both are destroyed, both are
// restored, and the runs finish when their tasks are decided. A run started between the two
// backups (Temporal's is the older) is found the way the document says: its row says running,
// and Temporal does not know its workflow. Its own Temporal server and database; 127.0.0.1 only.
import type { ChildProcess } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { WorkflowNotFoundError } from '@temporalio/client'
import {
  freePort,
  migrateAndGrant,
  startTemporalDevServer,
  type TemporalDevServer,
} from '@warmflow/cli/services'
import pg from 'pg'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { type OwnDatabase, ownDatabase } from '../support/own-database.js'
import { pgTool } from '../support/pg-tools.js'
import { eventually, startTestPlatform, type TestPlatform, type TestUser } from '../support/platform.js'
import { killWorkerProcesses, startWorkerProcess } from '../support/worker-process.js'

let own: OwnDatabase | undefined
let temporal: TemporalDevServer | undefined
let platform: TestPlatform | undefined

beforeAll(async () => {
  own = await ownDatabase('backup')
})

afterAll(async () => {
  killWorkerProcesses()
  await platform?.stop()
  await temporal?.stop()
  await own?.remove()
})

/** The embedded server's files: the SQLite database and, when present, its journal files. */
function temporalFiles(folder: string): string[] {
  return readdirSync(folder).filter((file) => file.startsWith('temporal.db') && !file.endsWith('.lock'))
}

async function startServices(port: number) {
  temporal = await startTemporalDevServer({ port, dbFile: join(own!.dir, 'data', 'temporal.db') })
  return temporal.address
}

const flow = {
  name: 'Back-up: aanvraag wacht op een besluit',
  nodes: [
    { id: 'start', type: 'manual', version: 1 },
    {
      id: 'besluit',
      type: 'human.task',
      version: 1,
      config: {
        title: { nl: 'Aanvraag beoordelen', en: 'Review the request' },
        role: 'approver',
        form: { fields: { bedrag: { type: 'integer', title: { nl: 'Bedrag', en: 'Amount' } } } },
        data: { dossier: 'dossier' },
        deadline: { days: 5 },
      },
    },
    {
      id: 'ja',
      type: 'transform',
      version: 1,
      config: { fields: { besluit: "'toegekend'", bedrag: 'fields.bedrag' } },
    },
    { id: 'nee', type: 'transform', version: 1, config: { fields: { besluit: "'afgewezen'" } } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'besluit' },
    { id: 'e2', source: 'besluit', sourcePort: 'approved', target: 'ja' },
    { id: 'e3', source: 'besluit', sourcePort: 'rejected', target: 'nee' },
  ],
}

it('runs waiting on people at backup time finish after both stores are restored', async () => {
  if (!own) throw new Error('no scratch database')
  const { dir, scratch, appUrl } = own
  const dumpFile = join(dir, 'warmflow.dump')
  const copyDir = join(dir, 'temporal-backup')
  const dataDir = join(dir, 'data')

  // Before: a platform on its own Temporal server (SQLite file) and database, runs waiting.
  let address = await startServices(await freePort())
  platform = await startTestPlatform({ worker: false, temporalAddress: address, databaseUrl: appUrl })
  const taskQueue = platform.taskQueue
  const workerEnv = { TEMPORAL_ADDRESS: address, DATABASE_URL: appUrl }
  let worker = await startWorkerProcess({ taskQueue, env: workerEnv })
  // Users live in Warmflow's database: after the restore they sign in again, as they were.
  const approver: TestUser = await platform.createUser({ roles: ['approver'], teams: [platform.team] })
  const designer: TestUser = await platform.createUser({
    roles: ['admin', 'designer'],
    teams: [platform.team],
  })
  const asDesigner = () => platform!.as(designer)
  const created = await asDesigner().request('POST', `/api/v1/flows?teamId=${platform.team.id}`, flow)
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const flowId: string = created.body.id
  expect((await asDesigner().request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)

  const startRun = async (dossier: string) => {
    const run = await asDesigner().request('POST', `/api/v1/flows/${flowId}/runs`, { input: { dossier } })
    expect(run.status, JSON.stringify(run.body)).toBe(201)
    const runId: string = run.body.id
    const taskId = await eventually(async () => {
      const row = await platform!.db
        .selectFrom('tasks')
        .select('id')
        .where('run_id', '=', runId)
        .executeTakeFirst()
      return row?.id
    })
    return { runId, taskId }
  }
  const cases = [
    { dossier: 'D-101', decision: 'approve', bedrag: 250 },
    { dossier: 'D-102', decision: 'reject', bedrag: 0 },
    { dossier: 'D-103', decision: 'approve', bedrag: 975 },
  ]
  const waiting = []
  for (const c of cases) waiting.push({ ...c, ...(await startRun(c.dossier)) })

  // Backup of Temporal: Warmflow and the embedded server stop for the copy (seconds), then go on.
  await drain(worker)
  await stopPlatform()
  await temporal!.stop()
  const files = temporalFiles(dataDir)
  expect(files).toContain('temporal.db')
  mkdirSync(copyDir)
  for (const file of files) copyFileSync(join(dataDir, file), join(copyDir, file))
  address = await startServices(await freePort())
  platform = await startTestPlatform({
    worker: false,
    temporalAddress: address,
    databaseUrl: appUrl,
    taskQueue,
  })
  worker = await startWorkerProcess({ taskQueue, env: { ...workerEnv, TEMPORAL_ADDRESS: address } })

  // A run that starts between the two backups: Warmflow's backup has its row, Temporal's not.
  const lost = await startRun('D-104')

  // Backup of Warmflow's database, as its owner.
  await pgTool('pg_dump', ['--format=custom', `--file=${dumpFile}`], scratch.url)

  // Disaster: everything stops, the database and Temporal's files are gone.
  await drain(worker)
  await stopPlatform()
  await temporal!.stop()
  temporal = undefined
  await scratch.drop()
  rmSync(dataDir, { recursive: true, force: true })

  // Restore: Warmflow's database as its owner (then `warmflow migrate`), Temporal's files back.
  const name = new URL(scratch.url).pathname.slice(1)
  const admin = new pg.Client({ connectionString: inject('ownerDatabaseUrl') })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  await pgTool(
    'pg_restore',
    ['--exit-on-error', '--single-transaction', `--dbname=${name}`, dumpFile],
    scratch.url,
  )
  await migrateAndGrant(scratch.url, appUrl)
  mkdirSync(dataDir)
  for (const file of files) copyFileSync(join(copyDir, file), join(dataDir, file))

  // After: the server on the restored file (on another port, as on another machine), a worker.
  address = await startServices(await freePort())
  platform = await startTestPlatform({
    worker: false,
    temporalAddress: address,
    databaseUrl: appUrl,
    taskQueue,
  })
  await startWorkerProcess({ taskQueue, env: { ...workerEnv, TEMPORAL_ADDRESS: address } })

  const me = platform.as(approver)
  for (const run of waiting) {
    const done = await me.request('POST', `/api/v1/tasks/${run.taskId}/complete`, {
      decision: run.decision,
      fields: { bedrag: run.bedrag },
    })
    expect(done.status, JSON.stringify(done.body)).toBe(200)
  }
  for (const run of waiting) {
    const detail = await eventually(
      async () => {
        const { body } = await asDesigner().request('GET', `/api/v1/runs/${run.runId}`)
        return body.status === 'completed' || body.status === 'failed' ? body : undefined
      },
      20_000,
      200,
    )
    expect(detail.status, JSON.stringify(detail)).toBe('completed')
    expect(detail.output).toMatchObject(
      run.decision === 'approve'
        ? { besluit: 'toegekend', bedrag: run.bedrag, decision: 'approved', taskId: run.taskId }
        : { besluit: 'afgewezen', decision: 'rejected', taskId: run.taskId },
    )
  }

  // The run Temporal's backup predates: its row still says running, Temporal does not know its
  // workflow, and its task cannot be decided (409). Found as the document says.
  const row = await platform.db
    .selectFrom('runs')
    .select(['status', 'workflow_id'])
    .where('id', '=', lost.runId)
    .executeTakeFirstOrThrow()
  expect(row.status).toBe('running')
  await expect(platform.client.workflow.getHandle(row.workflow_id).describe()).rejects.toBeInstanceOf(
    WorkflowNotFoundError,
  )
  const refused = await me.request('POST', `/api/v1/tasks/${lost.taskId}/complete`, {
    decision: 'approve',
    fields: { bedrag: 1 },
  })
  expect(refused.status).toBe(409)
  // Opening it says its fate is unknown (no 500); a retry says its input is gone.
  const opened = await asDesigner().request('GET', `/api/v1/runs/${lost.runId}`)
  expect(opened.status, JSON.stringify(opened.body)).toBe(200)
  expect(opened.body.status).toBe('unknown')
  const retried = await asDesigner().request('POST', `/api/v1/runs/${lost.runId}/retry`)
  expect(retried.status, JSON.stringify(retried.body)).toBe(409)
  expect(retried.body.code).toBe('run.input_gone')
}, 90_000)

/** Stops a worker process gracefully (SIGTERM) and waits until it is gone. */
async function drain(worker: ChildProcess) {
  if (worker.exitCode !== null) return
  const exited = new Promise((resolve) => worker.once('exit', resolve))
  worker.kill('SIGTERM')
  await exited
}

async function stopPlatform() {
  const current = platform
  platform = undefined
  await current?.stop()
}
