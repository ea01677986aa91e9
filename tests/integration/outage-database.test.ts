import { randomBytes } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import type { Client as TemporalClient } from '@temporalio/client'
import { connectApiTemporal, createApp, outageOf } from '@warmflow/api'
import { freePort } from '@warmflow/cli/services'
import { controlPlugin, createRegistry } from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { createDb } from '@warmflow/store'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { testPayloadCodecs } from '../support/platform.js'
import { createAccounts, type TestResponse } from '../support/users.js'

let temporal: TemporalClient
const registry = createRegistry([controlPlugin, builtinPlugin])
const dbs: ReturnType<typeof createDb>[] = []

beforeAll(async () => {
  temporal = await connectApiTemporal({
    address: inject('temporalAddress'),
    payloadCodecs: testPayloadCodecs(),
  })
})
afterAll(async () => {
  await Promise.all(dbs.map((db) => db.destroy()))
  await temporal?.connection.close()
})

function appOn(
  databaseUrl: string,
  options: { connectTimeoutMs?: number; statementTimeoutMs?: number } = {},
) {
  const db = createDb(databaseUrl, { max: 2, ...options })
  dbs.push(db)
  const app = createApp({
    db,
    registry,
    temporal: { client: temporal, taskQueue: 'outage-database' },
    credentialKey: randomBytes(32),
    // In-process requests have no client address, so every test file's sign-ins share one
    // login limit in the shared table: this file's must not depend on how many others signed in.
    auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
  })
  return { app, db }
}

async function timed(call: () => Response | Promise<Response>) {
  const startedAt = performance.now()
  const response = await call()
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text),
    ms: performance.now() - startedAt,
  }
}

function expectDatabaseUnavailable(answer: TestResponse & { ms: number }) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(503)
  expect(answer.ms).toBeLessThan(2_000)
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(answer.headers.get('retry-after')).toBe('2')
  expect(answer.body).toMatchObject({
    status: 503,
    code: 'service.database_unavailable',
    message: { nl: expect.stringContaining('PostgreSQL'), en: expect.stringContaining('PostgreSQL') },
  })
}

const login = (app: ReturnType<typeof createApp>) => () =>
  app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'iemand@example.org', password: 'een-lang-wachtwoord' }),
  })

/**
 * Ends, as a PostgreSQL shutdown or restart does (57P01), the connections of `applicationName`
 * that wait on a lock, as soon as one does (within 5 s); how many it ended.
 */
async function endWhileWaitingOnALock(signaller: pg.Client, applicationName: string): Promise<number> {
  const startedAt = performance.now()
  let terminated = 0
  while (terminated === 0 && performance.now() - startedAt < 5_000) {
    const { rows } = await signaller.query<{ done: boolean }>(
      `select pg_terminate_backend(pid) as done from pg_stat_activity
        where application_name = $1 and wait_event_type = 'Lock'`,
      [applicationName],
    )
    terminated = rows.filter((row) => row.done).length
    if (terminated === 0) await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return terminated
}

describe('with PostgreSQL unreachable', () => {
  it('answers 503 with Retry-After within 2 s when nothing listens on the database port', async () => {
    const { app } = appOn(`postgres://warmflow:secret@127.0.0.1:${await freePort()}/warmflow`)
    expectDatabaseUnavailable(await timed(login(app)))
    const health = await timed(() => app.request('/health'))
    expect(health.status).toBe(503)
    expect(health.ms).toBeLessThan(2_000)
    expect(health.body).toEqual({ status: 'degraded', checks: { database: 'error', temporal: 'ok' } })
    expect(health.headers.get('retry-after')).toBe('2')
  })

  it('answers 503 when the database port accepts but never answers (connect timeout)', async () => {
    const sockets = new Set<Socket>()
    const silent: Server = createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => undefined)
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    try {
      const { app } = appOn(`postgres://warmflow:secret@127.0.0.1:${port}/warmflow`, {
        connectTimeoutMs: 1_000,
      })
      expectDatabaseUnavailable(await timed(login(app)))
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('answers 503, not 500, when the server ends the connection of a query in flight (57P01)', async () => {
    const applicationName = `outage-${randomBytes(4).toString('hex')}`
    const url = new URL(inject('databaseUrl'))
    url.searchParams.set('application_name', applicationName)
    const { app, db } = appOn(url.toString())
    const accounts = createAccounts(app, db)
    const user = await accounts.createUser({ roles: ['designer'] })
    const me = accounts.as(user)
    expect((await me.request('GET', '/api/v1/flows')).status).toBe(200)

    // The owner holds the sessions table, so the next signed-in request waits on it; then the
    // server ends that request's connection, as a PostgreSQL shutdown or restart does.
    const owner = new pg.Client({ connectionString: inject('ownerDatabaseUrl') })
    const signaller = new pg.Client({ connectionString: inject('databaseUrl') })
    await Promise.all([owner.connect(), signaller.connect()])
    try {
      await owner.query('begin')
      await owner.query('lock table sessions in access exclusive mode')
      const pending = me.request('GET', '/api/v1/flows')
      expect(await endWhileWaitingOnALock(signaller, applicationName)).toBe(1)
      const answer = await pending
      expect(answer.status, JSON.stringify(answer.body)).toBe(503)
      expect(answer.body.code).toBe('service.database_unavailable')
      expect(answer.headers.get('retry-after')).toBe('2')
    } finally {
      await owner.query('rollback').catch(() => undefined)
      await Promise.all([owner.end(), signaller.end()])
    }
    // Once the database answers again, so does the API.
    expect((await me.request('GET', '/api/v1/flows')).status).toBe(200)
  })

  it('answers 503 within the statement limit when a lock holds a query up', async () => {
    const { app, db } = appOn(inject('databaseUrl'), { statementTimeoutMs: 500 })
    const accounts = createAccounts(app, db)
    const me = accounts.as(await accounts.createUser({ roles: ['designer'] }))
    expect((await me.request('GET', '/api/v1/flows')).status).toBe(200)
    // The owner holds the sessions table as a long migration or a stuck transaction would.
    const owner = new pg.Client({ connectionString: inject('ownerDatabaseUrl') })
    await owner.connect()
    try {
      await owner.query('begin')
      await owner.query('lock table sessions in access exclusive mode')
      const startedAt = performance.now()
      const answer = await me.request('GET', '/api/v1/flows')
      const ms = performance.now() - startedAt
      expect(answer.status, JSON.stringify(answer.body)).toBe(503)
      expect(answer.body.code).toBe('service.database_unavailable')
      // PostgreSQL cancelled it at the limit, not the pool or a test timeout.
      expect(ms).toBeGreaterThanOrEqual(400)
      expect(ms).toBeLessThan(5_000)
    } finally {
      await owner.query('rollback').catch(() => undefined)
      await owner.end()
    }
    expect((await me.request('GET', '/api/v1/flows')).status).toBe(200)
  })

  it('survives the server ending a connection that is checked out between two queries', async () => {
    // As in a transaction that waits on something else while PostgreSQL restarts: pg reports the
    // lost connection as an 'error' event, which must not end the process.
    const { db } = appOn(inject('databaseUrl'))
    const signaller = new pg.Client({ connectionString: inject('databaseUrl') })
    await signaller.connect()
    try {
      await db.connection().execute(async (connection) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(connection)
        await signaller.query('select pg_terminate_backend($1)', [rows[0]?.pid])
        await new Promise((resolve) => setTimeout(resolve, 300))
        const next = await sql`select 1`.execute(connection).then(
          () => undefined,
          (error: unknown) => error,
        )
        expect(outageOf(next)).toBe('database')
      })
    } finally {
      await signaller.end()
    }
    // The broken connection is not handed out again.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db)
    expect(rows).toEqual([{ one: 1 }])
  })

  it('lends no connection the server ended to the next query, even before its socket closes', async () => {
    // One connection only: the query right after the failed one must get a new backend, not the
    // one PostgreSQL ended (whose socket may stay open while the backend exits on a busy machine).
    const applicationName = `ended-${randomBytes(4).toString('hex')}`
    const url = new URL(inject('databaseUrl'))
    url.searchParams.set('application_name', applicationName)
    const db = createDb(url.toString(), { max: 1 })
    dbs.push(db)
    const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)
    const owner = new pg.Client({ connectionString: inject('ownerDatabaseUrl') })
    const signaller = new pg.Client({ connectionString: inject('databaseUrl') })
    await Promise.all([owner.connect(), signaller.connect()])
    let next: number | undefined
    try {
      await owner.query('begin')
      await owner.query('lock table sessions in access exclusive mode')
      const waiting = sql`select count(*) from sessions`.execute(db).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(await endWhileWaitingOnALock(signaller, applicationName)).toBe(1)
      const failed = await waiting
      expect(outageOf(failed)).toBe('database')
      // At once, with nothing in between: the pool opens a new connection.
      const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)
      next = again.rows[0]?.pid
    } finally {
      await owner.query('rollback').catch(() => undefined)
      await Promise.all([owner.end(), signaller.end()])
    }
    expect(next).toBeDefined()
    expect(next).not.toBe(first.rows[0]?.pid)
  })
})
