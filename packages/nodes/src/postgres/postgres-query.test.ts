import { randomUUID } from 'node:crypto'
import { runNode } from '@warmflow/engine/testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { postgresQueryNode } from './postgres-query.js'

// An "external" database: the test run's PostgreSQL, with a table of its own.
const url = (inject as (key: string) => string)('databaseUrl')
const table = `extern_${randomUUID().replace(/-/g, '').slice(0, 12)}`
const admin = new pg.Client({ connectionString: url })
const secrets = { postgres: url }

beforeAll(async () => {
  await admin.connect()
  await admin.query(`create table ${table} (id int primary key, naam text, wijk text)`)
  await admin.query(
    `insert into ${table} select g, 'cliënt ' || g, case when g % 2 = 0 then 'Noord' else 'Zuid' end from generate_series(1, 30) g`,
  )
})
afterAll(async () => {
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
