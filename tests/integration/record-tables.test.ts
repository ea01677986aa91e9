// The record store's catalogue against the database the migrations build. The Kysely schema and
// the catalogue are checked against each other when they compile; this checks both against the
// real tables, so a migration that adds, drops or retypes a column cannot slip past them.
import { type ColumnKind, createDb, recordTables } from '@warmflow/store'
import { sql } from 'kysely'
import { afterAll, expect, inject, it } from 'vitest'

const db = createDb(inject('databaseUrl'), { max: 1 })
afterAll(() => db.destroy())

/** The PostgreSQL types a column of each kind may have. */
const postgresTypes: Record<ColumnKind, readonly string[]> = {
  uuid: ['uuid'],
  text: ['text', 'character varying'],
  json: ['jsonb'],
  boolean: ['boolean'],
  integer: ['integer', 'smallint', 'bigint'],
  number: ['double precision', 'real', 'numeric'],
  date: ['date'],
  timestamp: ['timestamp with time zone'],
}

it('names every column of every record table, with a kind that fits its type', async () => {
  const tables = Object.keys(recordTables)
  const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join(tables)})
  `.execute(db)
  const inDatabase: Record<string, Record<string, string>> = {}
  for (const row of rows) {
    inDatabase[row.table_name] = { ...inDatabase[row.table_name], [row.column_name]: row.data_type }
  }

  for (const [table, spec] of Object.entries(recordTables)) {
    const columns = inDatabase[table] ?? {}
    expect(Object.keys(columns).sort(), table).toEqual(Object.keys(spec.columns).sort())
    for (const [column, kind] of Object.entries(spec.columns) as [string, ColumnKind][]) {
      expect(postgresTypes[kind], `${table}.${column}`).toContain(columns[column])
    }
  }
})
