import { randomUUID } from 'node:crypto'
import { createAddressGuard, NodeError } from '@warmflow/engine'
import { runNode } from '@warmflow/engine/testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { guardedPostgresStream, postgresAllowVariable, postgresQueryNode } from './postgres-query.js'

// An "external" database: the test run's PostgreSQL (as its owner), with a table of its own.
const url = (inject as (key: string) => string)('ownerDatabaseUrl')
const table = `extern_${randomUUID().replace(/-/g, '').slice(0, 12)}`
const admin = new pg.Client({ connectionString: url })
const secrets = { postgres: url }

const databaseHost = new URL(url).hostname
const databasePort = Number(new URL(url).port || 5432)

beforeAll(async () => {
  // The test database is on this machine: the address guard lets it through only when allowed.
  vi.stubEnv(postgresAllowVariable, `${databaseHost}:${databasePort}`)
  await admin.connect()
  await admin.query(`create table ${table} (id int primary key, naam text, wijk text)`)
  await admin.query(
    `insert into ${table} select g, 'cliënt ' || g, case when g % 2 = 0 then 'Noord' else 'Zuid' end from generate_series(1, 30) g`,
  )
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await admin.query(`drop table ${table}`)
  await admin.end()
})

describe('postgres.query on a real PostgreSQL', () => {
  it('passes upstream values only as parameters', async () => {
    const { output } = await runNode(postgresQueryNode, {
      secrets,
      input: { wijk: 'Noord', max: 6 },
      config: {
        sql: `select id, naam from ${table} where wijk = $1 and id <= $2 order by id`,
        params: ['wijk', 'max'],
      },
    })
    expect(output).toEqual({
      rows: [
        { id: 2, naam: 'cliënt 2' },
        { id: 4, naam: 'cliënt 4' },
        { id: 6, naam: 'cliënt 6' },
      ],
      rowCount: 3,
      truncated: false,
    })
    const injection = await runNode(postgresQueryNode, {
      secrets,
      input: { wijk: "Noord' or '1'='1" },
      config: { sql: `select id from ${table} where wijk = $1`, params: ['wijk'] },
    })
    expect(injection.output.rows).toEqual([])
  })

  it('is read-only by default and can write when told to', async () => {
    await expect(
      runNode(postgresQueryNode, {
        secrets,
        config: { sql: `delete from ${table} where id = 1 returning id` },
      }),
    ).rejects.toMatchObject({ code: 'postgres.syntax' })
    await expect(
      runNode(postgresQueryNode, { secrets, config: { sql: `select id from ${table} for update` } }),
    ).rejects.toMatchObject({ code: 'postgres.read_only' })
    const written = await runNode(postgresQueryNode, {
      secrets,
      input: { id: 1 },
      config: { sql: `update ${table} set wijk = 'Oost' where id = $1`, params: ['id'], readOnly: false },
    })
    expect(written.output.rowCount).toBe(1)
  })

  it('stops slow queries and cuts off rows past the limit', async () => {
    await expect(
      runNode(postgresQueryNode, { secrets, config: { sql: 'select pg_sleep(2)', timeoutSeconds: 0.2 } }),
    ).rejects.toMatchObject({ code: 'postgres.timeout', retryable: true })
    const { output } = await runNode(postgresQueryNode, {
      secrets,
      config: { sql: `select id from ${table} order by id`, maxRows: 10 },
    })
    expect(output.rowCount).toBe(10)
    expect(output.truncated).toBe(true)
    expect(output.rows.at(-1)).toEqual({ id: 10 })
  })

  it('says clearly when the credential is not a database address', async () => {
    await expect(
      runNode(postgresQueryNode, { secrets: { postgres: 'geheim' }, config: { sql: 'select 1' } }),
    ).rejects.toMatchObject({ code: 'postgres.invalid_credential' })
  })
})

describe('postgres.query and the address guard', () => {
  const blocked = { code: 'postgres.blocked_address', retryable: false }

  it('refuses a database on this machine or a private network unless WARMFLOW_POSTGRES_ALLOW names it', async () => {
    vi.stubEnv(postgresAllowVariable, '')
    try {
      for (const target of [
        url,
        url.replace(databaseHost, 'localhost'),
        'postgres://u:p@10.1.2.3:5432/db',
        'postgres://u:p@169.254.169.254/db',
        'postgres://u:p@[::1]:5432/db',
        'postgres://u:p@/db?host=/var/run/postgresql',
      ]) {
        const error = await runNode(postgresQueryNode, {
          secrets: { postgres: target },
          config: { sql: 'select 1 as een' },
        }).catch((e: unknown) => e)
        expect(error, target).toBeInstanceOf(NodeError)
        expect(error, target).toMatchObject(blocked)
        expect((error as NodeError).text.nl).toMatch(/WARMFLOW_POSTGRES_ALLOW|lokale socket/)
      }
      // A rule for another port does not open this one.
      vi.stubEnv(postgresAllowVariable, `${databaseHost}:${databasePort + 1}`)
      await expect(
        runNode(postgresQueryNode, { secrets, config: { sql: 'select 1 as een' } }),
      ).rejects.toMatchObject(blocked)
      vi.stubEnv(postgresAllowVariable, `${databaseHost}:${databasePort}`)
      const { output } = await runNode(postgresQueryNode, { secrets, config: { sql: 'select 1 as een' } })
      expect(output.rows).toEqual([{ een: 1 }])
    } finally {
      vi.stubEnv(postgresAllowVariable, `${databaseHost}:${databasePort}`)
    }
  })

  it('connects to the address it checked, not to a second DNS answer', async () => {
    // A made-up name that only the test resolver knows: the connection can only succeed by using
    // the address the guard checked.
    const name = 'db.warmflow.test'
    const resolved: string[] = []
    const guard = createAddressGuard({
      allow: [`${name}:${databasePort}`],
      allowVariable: postgresAllowVariable,
      errorClass: NodeError,
      resolve: async (host) => {
        resolved.push(host)
        return [{ address: databaseHost, family: 4 }]
      },
    })
    const client = new pg.Client({
      connectionString: url.replace(`@${databaseHost}`, `@${name}`),
      stream: guardedPostgresStream(guard),
    })
    await client.connect()
    try {
      expect((await client.query('select 2 as twee')).rows).toEqual([{ twee: 2 }])
    } finally {
      await client.end()
    }
    expect(resolved).toEqual([name])

    // A name with one public and one private address is refused as a whole.
    const split = createAddressGuard({
      allowVariable: postgresAllowVariable,
      errorClass: NodeError,
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: databaseHost, family: 4 },
      ],
    })
    const refused = new pg.Client({
      connectionString: url.replace(`@${databaseHost}`, `@${name}`),
      stream: guardedPostgresStream(split),
    })
    await expect(refused.connect()).rejects.toMatchObject(blocked)
    await refused.end().catch(() => undefined)
  })
})
