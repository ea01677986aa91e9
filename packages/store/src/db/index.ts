import {
  DummyDriver,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import pg from 'pg'
import { migrationProvider } from './migrations/index.js'
import type { Database } from './schema.js'

export { DatabaseRoleError, databaseUser, grantAppRole } from './roles.js'

/**
 * How long getting a connection may take, in ms: `WARMFLOW_DB_CONNECT_TIMEOUT_MS`, default 2000.
 *
 * @example
 * databaseConnectTimeoutMs({ WARMFLOW_DB_CONNECT_TIMEOUT_MS: '5000' }) // 5000
 */
export function databaseConnectTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.WARMFLOW_DB_CONNECT_TIMEOUT_MS)
  return Number.isInteger(value) && value > 0 ? value : 2_000
}

/**
 * The longest a single SQL statement may run, in ms: `WARMFLOW_DB_STATEMENT_TIMEOUT_MS`, default
 * 30000; `0` turns the limit off. A statement stuck behind a lock or on an overloaded server is
 * cancelled by PostgreSQL (SQLSTATE 57014) instead of holding a pooled connection forever.
 *
 * @example
 * databaseStatementTimeoutMs({ WARMFLOW_DB_STATEMENT_TIMEOUT_MS: '0' }) // 0
 */
export function databaseStatementTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WARMFLOW_DB_STATEMENT_TIMEOUT_MS
  const value = Number(raw)
  return raw !== undefined && raw !== '' && Number.isInteger(value) && value >= 0 ? value : 30_000
}

/**
 * Opens a connection pool to PostgreSQL.
 *
 * @example
 * const db = createDb(process.env.DATABASE_URL!)
 */
export function createDb(
  connectionString: string,
  options: {
    max?: number
    connectTimeoutMs?: number
    /** Per-statement limit in ms, 0 for none (schema migrations); {@link databaseStatementTimeoutMs} by default. */
    statementTimeoutMs?: number
  } = {},
): Kysely<Database> {
  const statementTimeout = options.statementTimeoutMs ?? databaseStatementTimeoutMs()
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // Set on each new connection by PostgreSQL itself, so it holds for every statement.
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    // While PostgreSQL is down or restarting, a query fails within this time (the API answers 503)
    // instead of waiting for the operating system's TCP timeout or for a free connection forever.
    connectionTimeoutMillis: options.connectTimeoutMs ?? databaseConnectTimeoutMs(),
  })
  // An idle client that loses its connection must not crash the process.
  pool.on('error', (error) => process.stderr.write(`postgres pool error: ${error.message}\n`))
  // Nor one that is checked out between two queries (a transaction waiting on other work) when
  // PostgreSQL restarts: its next query fails (503, logged there), and the pool drops it when it
  // comes back. An idle one is logged by the pool's handler above.
  pool.on('connect', (client) => {
    client.on('error', () => undefined)
    endOnFatalError(client)
  })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

/**
 * True for an error after which PostgreSQL closes the connection: severity FATAL or PANIC, or
 * SQLSTATE 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now).
 */
export function endsConnection(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false
  const { severity, code } = error as { severity?: unknown; code?: unknown }
  return (
    severity === 'FATAL' || severity === 'PANIC' || (typeof code === 'string' && /^57P0[123]$/.test(code))
  )
}

/**
 * Ends a pooled client as soon as one of its queries fails with an error that ends the connection
 * ({@link endsConnection}). PostgreSQL sends such an error before it closes the socket, and a
 * backend that exits slowly (a busy machine) leaves the socket open a while longer: without this,
 * the pool took the client back as usable and lent it to the next request, which failed as well.
 * An ending client is dropped by the pool when it is released.
 */
export function endOnFatalError(client: Pick<pg.PoolClient, 'query' | 'end'>): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((...args: unknown[]) => {
    const result = query(...args)
    if (result instanceof Promise)
      result.catch((error: unknown) => {
        if (endsConnection(error)) client.end().catch(() => undefined)
      })
    return result
  }) as typeof client.query
}

/**
 * A database handle that builds PostgreSQL queries but never connects: for code that only wires
 * stores or builds routes (the OpenAPI document, wiring tests). Any query it runs returns no rows.
 *
 * @example
 * const app = createApp({ db: offlineDb(), ... })
 */
export function offlineDb(): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
}

/**
 * Brings the schema up to date. Safe to call on every start; concurrent callers wait for each other.
 *
 * @example
 * await migrateToLatest(db)
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Unordered: engineers add numbered migrations in parallel; each one stands on its own.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true })
  const { error, results } = await migrator.migrateToLatest()
  if (error && (error as { code?: string }).code === '42501') {
    // The app role may not change the schema (see grantAppRole): say which URL can.
    throw new Error(
      'The database schema needs an update, and only its owner may make it: set DATABASE_MIGRATION_URL to the owner role.\n' +
        'Het databaseschema moet bijgewerkt worden en dat mag alleen de eigenaar: zet DATABASE_MIGRATION_URL naar de eigenaarsrol.',
      { cause: error },
    )
  }
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
