// The three role commands as an operator runs them: `warmflow migrate` on an empty database,
// then `warmflow api` and `warmflow worker` as separate processes, configured by environment
// only, against the test run's Temporal server. A flow runs through the API process; SIGTERM
// lets a request in flight finish and both processes exit 0.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signWebhook } from '@warmflow/api'
import {
  appUrlFor,
  createScratchDatabase,
  ensurePostgres,
  freePort,
  type ScratchDatabase,
} from '@warmflow/cli/services'
import { createDb } from '@warmflow/store'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { eventually } from '../support/platform.js'
import { killRoleProcesses, startRole } from '../support/role-process.js'
import { createAccounts } from '../support/users.js'

const sleepPlugin = new URL('../fixtures/sleep-plugin.ts', import.meta.url).pathname

let scratch: ScratchDatabase
let dataDir: string
let env: Record<string, string>

beforeAll(async () => {
  // An empty database of its own: `warmflow migrate` makes the whole schema.
  scratch = await createScratchDatabase(await ensurePostgres(process.env), 'warmflow_roles')
  dataDir = mkdtempSync(join(tmpdir(), 'warmflow-roles-'))
  env = {
    DATABASE_URL: appUrlFor(scratch.url),
    DATABASE_MIGRATION_URL: scratch.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    WARMFLOW_TASK_QUEUE: `roles-${randomUUID()}`,
    WARMFLOW_PAYLOAD_KEYS: inject('payloadKeys'),
    WARMFLOW_CREDENTIAL_KEY: randomBytes(32).toString('base64'),
    WARMFLOW_DATA_DIR: dataDir,
    WARMFLOW_LOG_FORMAT: 'json',
    WARMFLOW_SHUTDOWN_TIMEOUT_MS: '15000',
    WARMFLOW_PLUGINS: sleepPlugin,
  }
})

afterAll(async () => {
  await killRoleProcesses()
  await scratch?.drop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const parse = (line: string) => JSON.parse(line) as Record<string, unknown>

describe('warmflow migrate | api | worker', () => {
  it('migrates twice, serves a flow through separate API and worker processes, and stops both on SIGTERM', async () => {
    const first = startRole('migrate', env)
    expect(await first.exited, first.errors()).toBe(0)
    const applied = first.lines.map(parse).find((line) => line.msg === 'migrations applied')
    expect((applied?.applied as string[] | undefined)?.length).toBeGreaterThan(5)
    // Idempotent: a second run applies nothing and still exits 0.
    const again = startRole('migrate', env)
    expect(await again.exited, again.errors()).toBe(0)
    expect(again.lines.map(parse).some((line) => line.msg === 'schema up to date')).toBe(true)

    const port = await freePort()
    const api = startRole('api', {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WARMFLOW_LOGIN_LIMIT: '100000',
    })
    const worker = startRole('worker', { ...env, WARMFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath') })
    await Promise.all([api.waitFor('api ready'), worker.waitFor('worker ready')])
    const base = `http://127.0.0.1:${port}`

    // An administrator in the migrated database, signed in over real HTTP.
    const db = createDb(env.DATABASE_URL!, { max: 2 })
    const http = { request: (path: string, init: RequestInit) => fetch(`${base}${path}`, init) }
    const accounts = createAccounts(http as never, db)
    const team = await accounts.createTeam()
    const admin = await accounts.createUser({ roles: ['admin', 'designer'], teams: [team] })
    const as = accounts.as(admin)

    const flow = await as.request('POST', '/api/v1/flows', {
      name: 'Rollen: welkom',
      nodes: [
        { id: 'hook', type: 'webhook', version: 1, config: { fields: [] } },
        { id: 'even', type: 'wait', version: 1, config: { duration: { seconds: 2 } } },
        {
          id: 'welkom',
          type: 'transform',
          version: 1,
          config: { fields: { bericht: "'Welkom, ' & voornaam" } },
        },
      ],
      edges: [
        { id: 'e1', source: 'hook', target: 'even' },
        { id: 'e2', source: 'even', target: 'welkom' },
      ],
    })
    expect(flow.status, JSON.stringify(flow.body)).toBe(201)
    const flowId = flow.body.id as string
    expect((await as.request('POST', `/api/v1/flows/${flowId}/publish`, {})).status).toBe(201)

    // A run started through the API process is run by the worker process.
    const started = await as.request('POST', `/api/v1/flows/${flowId}/runs`, { input: { voornaam: 'Sanne' } })
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    const done = await eventually(async () => {
      const run = await as.request('GET', `/api/v1/runs/${started.body.id}`)
      return run.body.status === 'completed' ? run.body : undefined
    }, 20_000)
    expect(done.output).toMatchObject({ bericht: 'Welkom, Sanne' })

    // SIGTERM while a node runs: the worker polls no more, lets the node finish and exits 0; the
    // node's result is kept, and a new worker takes the run on from there (the node runs once).
    const slow = await as.request('POST', '/api/v1/flows', {
      name: 'Rollen: traag',
      nodes: [
        { id: 'start', type: 'manual', version: 1, config: { fields: [] } },
        { id: 'traag', type: 'test.sleep', version: 1, config: { milliseconds: 3000 } },
        { id: 'klaar', type: 'transform', version: 1, config: { fields: { klaar: 'traag' } } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'traag' },
        { id: 'e2', source: 'traag', target: 'klaar' },
      ],
    })
    expect(slow.status, JSON.stringify(slow.body)).toBe(201)
    expect((await as.request('POST', `/api/v1/flows/${slow.body.id}/publish`, {})).status).toBe(201)
    const slowRun = await as.request('POST', `/api/v1/flows/${slow.body.id}/runs`, { input: {} })
    expect(slowRun.status).toBe(201)
    await worker.waitFor('sleep started', 10_000)
    const stoppingAt = Date.now()
    worker.child.kill('SIGTERM')
    expect(await worker.exited, worker.errors()).toBe(0)
    expect(Date.now() - stoppingAt).toBeGreaterThan(1_500)
    expect(worker.lines.map(parse).filter((line) => line.msg === 'sleep ended')).toHaveLength(1)
    expect(worker.lines.map(parse).some((line) => line.msg === 'worker stopped')).toBe(true)
    const next = startRole('worker', { ...env, WARMFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath') })
    await next.waitFor('worker ready')
    const slowDone = await eventually(async () => {
      const run = await as.request('GET', `/api/v1/runs/${slowRun.body.id}`)
      return run.body.status === 'completed' ? run.body : undefined
    }, 20_000)
    expect(slowDone.output).toMatchObject({ klaar: 'slept' })
    expect(next.lines.some((line) => line.includes('sleep started'))).toBe(false)

    // A webhook delivery that waits for its run's answer (about 2 s) is in flight at SIGTERM.
    const secret = await as.request('POST', `/api/v1/flows/${flowId}/webhook/secret`)
    expect(secret.status).toBe(201)
    const body = JSON.stringify({ voornaam: 'Daan' })
    const id = `msg_${randomUUID()}`
    const timestamp = Math.floor(Date.now() / 1000)
    const inFlight = fetch(`${base}/api/v1/hooks/${flowId}?wait=20`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret.body.secret, id, timestamp, body),
      },
      body,
    })
    // The delivery has reached the API once its run exists.
    await eventually(async () => {
      const row = await db.selectFrom('runs').select('id').where('trigger', '=', 'webhook').executeTakeFirst()
      return row ?? undefined
    }, 10_000)
    api.child.kill('SIGTERM')
    await api.waitFor('api stopping', 5_000)
    // No new connections once stopping.
    await expect(fetch(`${base}/health`)).rejects.toThrow()
    const answer = await inFlight
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ status: 'completed', output: { bericht: 'Welkom, Daan' } })
    expect(await api.exited, api.errors()).toBe(0)
    expect(api.lines.map(parse).some((line) => line.msg === 'api stopped')).toBe(true)

    next.child.kill('SIGTERM')
    const stoppedAt = Date.now()
    expect(await next.exited, next.errors()).toBe(0)
    expect(Date.now() - stoppedAt).toBeLessThan(15_000)
    expect(next.lines.map(parse).some((line) => line.msg === 'worker stopped')).toBe(true)
    await db.destroy()
  }, 120_000)

  it('refuses to start the API without DATABASE_URL, naming the variable and not its value', async () => {
    const api = startRole('api', { ...env, DATABASE_URL: '', PORT: '0' })
    expect(await api.exited).toBe(1)
    expect(api.errors()).toContain('DATABASE_URL')
    expect(api.errors()).not.toContain(scratch.url)
  })
})
