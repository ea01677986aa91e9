import { type LookupFunction, Socket } from 'node:net'
import {
  type AddressGuard,
  allowFromEnv,
  createAddressGuard,
  defineNode,
  evaluateExpression,
  NodeError,
} from '@warmflow/engine'
import pg from 'pg'
import { z } from 'zod'

/** Environment variable with database hosts `postgres.query` may reach although they are private or local. */
export const postgresAllowVariable = 'WARMFLOW_POSTGRES_ALLOW'

/**
 * The socket `pg` connects through, guarded like `ctx.http`: the host pg is about to connect to
 * is resolved and checked first (no loopback, private or link-local address unless
 * `WARMFLOW_POSTGRES_ALLOW` names it), and the connection goes to the address that was checked,
 * never to a second DNS answer. TLS still checks the certificate against the host name. A Unix
 * socket path is a connection to this machine and is refused.
 *
 * @example
 * const client = new pg.Client({ connectionString, stream: guardedPostgresStream(guard) })
 */
export function guardedPostgresStream(guard: AddressGuard): () => Socket {
  return () => {
    const socket = new Socket()
    const connect = socket.connect.bind(socket) as (options: {
      port: number
      host: string
      lookup: LookupFunction
    }) => Socket
    const guarded = (port: unknown, host?: unknown): Socket => {
      if (typeof host !== 'string' || !/^\d+$/.test(String(port))) {
        const refused = new NodeError(
          'postgres.blocked_address',
          'A local socket is a connection to this machine, which nodes may not reach',
          {
            text: {
              nl: 'De database staat op deze machine (een lokale socket). Blokken mogen daar niet naartoe; gebruik een serveradres.',
              en: 'The database is on this machine (a local socket). Nodes may not reach it; use a server address.',
            },
          },
        )
        queueMicrotask(() => socket.destroy(refused))
        return socket
      }
      guard.check(host, Number(port)).then(
        (pinned) => {
          const lookup: LookupFunction = (_hostname, options, callback) => {
            if ((options as { all?: boolean }).all) {
              ;(callback as unknown as (e: null, a: (typeof pinned)[]) => void)(null, [pinned])
            } else {
              callback(null, pinned.address, pinned.family)
            }
          }
          if (!socket.destroyed) connect({ port: Number(port), host, lookup })
        },
        (error: unknown) => socket.destroy(error as Error),
      )
      return socket
    }
    socket.connect = guarded as typeof socket.connect
    return socket
  }
}

const data = z.record(z.string(), z.unknown())

/** The `postgres` credential: a connection URL, or JSON `{ "connectionString": "…" }`. */
export function parsePostgresCredential(secret: string): string {
  const trimmed = secret.trim()
  if (trimmed.startsWith('{')) {
    const parsed = z.object({ connectionString: z.string().min(1) }).safeParse(JSON.parse(trimmed))
    if (parsed.success) return parsed.data.connectionString
  } else if (/^postgres(ql)?:\/\//.test(trimmed)) {
    return trimmed
  }
  throw new NodeError('postgres.invalid_credential', 'The postgres credential is not a connection URL', {
    text: {
      nl: 'De databasesleutel klopt niet: verwacht een adres zoals postgres://gebruiker:wachtwoord@server/database.',
      en: 'The database credential is not valid: expected a URL such as postgres://user:password@host/database.',
    },
  })
}

function failure(error: unknown): NodeError {
  const code = (error as { code?: string }).code
  const known: Record<string, [string, string, string, boolean]> = {
    '25006': [
      'postgres.read_only',
      'Deze query wil iets wijzigen, maar het blok mag alleen lezen.',
      'This query tries to change data, but the node may only read.',
      false,
    ],
    '57014': [
      'postgres.timeout',
      'De query duurde te lang en is gestopt.',
      'The query took too long and was stopped.',
      true,
    ],
    '42601': ['postgres.syntax', 'De SQL-query bevat een fout.', 'The SQL query has an error.', false],
    '42P01': [
      'postgres.unknown_table',
      'De tabel in de query bestaat niet.',
      'The table in the query does not exist.',
      false,
    ],
    '28P01': [
      'postgres.auth_failed',
      'De database weigert de inlog.',
      'The database refused the login.',
      false,
    ],
  }
  const entry = code ? known[code] : undefined
  if (entry) {
    return new NodeError(entry[0], `PostgreSQL error ${code}`, {
      retryable: entry[3],
      cause: error,
      text: { nl: entry[1], en: entry[2] },
    })
  }
  const connection = typeof code === 'string' && /^(E[A-Z]+|08)/.test(code)
  return new NodeError(
    connection ? 'postgres.unavailable' : 'postgres.failed',
    `PostgreSQL error ${code ?? 'unknown'}`,
    {
      retryable: connection,
      cause: error,
      text: connection
        ? { nl: 'De database is niet bereikbaar.', en: 'The database cannot be reached.' }
        : {
            nl: 'De database gaf een fout bij deze query.',
            en: 'The database returned an error for this query.',
          },
    },
  )
}

/**
 * Runs one parameterised query on an external PostgreSQL database from the `postgres`
 * credential. The SQL is fixed in the config; values from upstream only ever travel as
 * parameters `$1, $2, …`. Read-only by default (a `READ ONLY` transaction), with a statement
 * timeout and a row limit.
 */
export const postgresQueryNode = defineNode({
  type: 'postgres.query',
  version: 1,
  category: 'data',
  icon: 'database',
  title: { nl: 'Database raadplegen (PostgreSQL)', en: 'Query a database (PostgreSQL)' },
  description: {
    nl: 'Haalt gegevens op uit een eigen PostgreSQL-database met een vaste query. Waarden uit de flow gaan er alleen als parameter in. Standaard alleen lezen.',
    en: 'Fetches data from your own PostgreSQL database with a fixed query. Values from the flow only go in as parameters. Read-only by default.',
  },
  input: data,
  config: z.object({
    /** The query, with `$1`, `$2`, … for the parameters. One statement. */
    sql: z
      .string()
      .trim()
      .min(1)
      .max(20_000)
      .meta({
        label: { nl: 'SQL-query', en: 'SQL query' },
        help: {
          nl: 'Eén opdracht. Zet $1, $2, … waar een parameter komt; zet nooit gegevens zelf in de query.',
          en: 'One statement. Put $1, $2, … where a parameter goes; never put data in the query itself.',
        },
      }),
    /** JSONata expressions over the input giving the parameters, in order. */
    params: z
      .array(z.string().min(1).max(4000))
      .max(100)
      .meta({
        label: { nl: 'Parameters (formules)', en: 'Parameters (formulas)' },
        help: {
          nl: 'Op volgorde: de eerste is $1, de tweede $2.',
          en: 'In order: the first is $1, the second $2.',
        },
      })
      .default([]),
    /** Run inside a READ ONLY transaction. Turn off only for queries meant to write. */
    readOnly: z
      .boolean()
      .meta({
        label: { nl: 'Alleen lezen', en: 'Read only' },
        help: {
          nl: 'Zet dit alleen uit voor een query die iets moet wijzigen.',
          en: 'Turn this off only for a query that must change something.',
        },
      })
      .default(true),
    timeoutSeconds: z
      .number()
      .min(0.1)
      .max(300)
      .meta({ label: { nl: 'Hoogstens zoveel seconden', en: 'At most this many seconds' } })
      .default(10),
    /** Most rows returned; more are cut off and `truncated` is true. */
    maxRows: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .meta({
        label: { nl: 'Hoogstens zoveel regels', en: 'At most this many rows' },
        help: { nl: 'Meer regels worden afgekapt.', en: 'More rows are cut off.' },
      })
      .default(1000),
  }),
  output: z.object({ rows: z.array(data), rowCount: z.number().int(), truncated: z.boolean() }),
  secrets: ['postgres'],
  personalData: { reads: [], sendsOutside: 'never' },
  activity: { startToCloseTimeout: '5 minutes', retry: { maximumAttempts: 3, initialInterval: '2 seconds' } },
  async execute({ input, config, secrets, signal }) {
    const connectionString = parsePostgresCredential(await secrets.get('postgres'))
    const params: unknown[] = []
    for (const source of config.params) {
      const value = await evaluateExpression(source, input)
      params.push(value !== null && typeof value === 'object' ? JSON.stringify(value) : (value ?? null))
    }
    const statement = config.sql.replace(/;\s*$/, '')
    const guard = createAddressGuard({
      allow: allowFromEnv(process.env, postgresAllowVariable),
      allowVariable: postgresAllowVariable,
      errorClass: NodeError,
    })
    const client = new pg.Client({
      connectionString,
      stream: guardedPostgresStream(guard),
      connectionTimeoutMillis: 10_000,
      application_name: 'warmflow-postgres-query',
    })
    const abort = () => void client.end().catch(() => undefined)
    signal.addEventListener('abort', abort, { once: true })
    let connected = false
    try {
      await client.connect()
      connected = true
      await client.query(config.readOnly ? 'BEGIN READ ONLY' : 'BEGIN')
      await client.query("select set_config('statement_timeout', $1, true)", [
        String(Math.round(config.timeoutSeconds * 1000)),
      ])
      const limited = config.readOnly
        ? {
            text: `select * from (${statement}) as warmflow_query limit ${config.maxRows + 1}`,
            values: params,
          }
        : { text: statement, values: params }
      const result = await client.query(limited)
      await client.query('COMMIT')
      const rows = (result.rows ?? []) as Record<string, unknown>[]
      const truncated = rows.length > config.maxRows
      const kept = truncated ? rows.slice(0, config.maxRows) : rows
      return {
        rows: kept.map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [
              k,
              v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v,
            ]),
          ),
        ),
        rowCount: config.readOnly ? kept.length : (result.rowCount ?? kept.length),
        truncated,
      }
    } catch (error) {
      // A client that never connected would queue the ROLLBACK forever.
      if (connected) await client.query('ROLLBACK').catch(() => undefined)
      if (error instanceof NodeError) throw error
      throw failure(error)
    } finally {
      signal.removeEventListener('abort', abort)
      await client.end().catch(() => undefined)
    }
  },
})
