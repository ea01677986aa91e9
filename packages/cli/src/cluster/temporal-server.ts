import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Connection } from '@temporalio/client'
import { warmflowSearchAttributes } from '@warmflow/engine'
import pg from 'pg'
import { run } from '../services/exec.js'
import { freePort, portIsFree } from '../services/ports.js'
import { schemaDir } from './binaries.js'
import {
  type TemporalServerSettings,
  temporalDynamicConfig,
  temporalPasswordVariable,
  temporalServerConfig,
} from './temporal-config.js'

/** Setting up Temporal's databases, schemas or namespace failed. */
export class TemporalSetupError extends Error {
  readonly code = 'cluster.temporal_setup_failed'
  readonly retryable = true

  constructor(step: string, detail: string) {
    super(`Temporal setup failed / Temporal instellen mislukt (${step}):\n${detail}`)
    this.name = 'TemporalSetupError'
  }
}

/** Temporal's two databases, reached as one role. */
export interface TemporalDatabases {
  host: string
  port: number
  user: string
  password: string
  database: string
  visibilityDatabase: string
}

/**
 * Temporal's databases from a PostgreSQL URL: its database for persistence and
 * `<name>_visibility` for visibility, as the URL's role.
 *
 * @example
 * temporalDatabasesFrom('postgres://warmflow:…@127.0.0.1:5432/warmflow_temporal')
 */
export function temporalDatabasesFrom(url: string): TemporalDatabases {
  const parsed = new URL(url)
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'warmflow_temporal'
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(database)) {
    throw new TemporalSetupError('database name', `"${database}" is not a plain lower-case name`)
  }
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
    visibilityDatabase: `${database}_visibility`,
  }
}

/** The URL of a database of `databases`' server, as its role. */
function urlOf(databases: TemporalDatabases, database: string): string {
  const url = new URL('postgres://localhost')
  url.hostname = databases.host
  url.port = String(databases.port)
  url.username = encodeURIComponent(databases.user)
  url.password = encodeURIComponent(databases.password)
  url.pathname = `/${database}`
  return url.toString()
}

/**
 * Creates Temporal's two databases when missing (the role needs CREATEDB) and sets up or
 * upgrades their schemas with `temporal-sql-tool`: `setup-schema -v 0.0` (only the version
 * table, once) then `update-schema` to the server's version. Safe on every start.
 *
 * @example
 * await setUpTemporalDatabases(sqlTool, temporalDatabasesFrom(url), process.env)
 */
export async function setUpTemporalDatabases(
  sqlTool: string,
  databases: TemporalDatabases,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const admin = new pg.Client({
    connectionString: urlOf(databases, 'postgres'),
    connectionTimeoutMillis: 5_000,
  })
  await admin.connect()
  try {
    for (const name of [databases.database, databases.visibilityDatabase]) {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
      // The name is checked to be a plain identifier in temporalDatabasesFrom.
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`)
    }
  } finally {
    await admin.end()
  }
  // The password goes to the tool in its environment, never on its command line.
  const toolEnv = {
    ...env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: databases.host,
    SQL_PORT: String(databases.port),
    SQL_USER: databases.user,
    SQL_PASSWORD: databases.password,
  }
  for (const [kind, database] of [
    ['temporal', databases.database],
    ['visibility', databases.visibilityDatabase],
  ] as const) {
    const versioned = await schemaDir(env, kind)
    const sqlEnv = { ...toolEnv, SQL_DATABASE: database }
    const version = await run(sqlTool, ['setup-schema', '--version', '0.0'], { env: sqlEnv })
    if (version.code !== 0)
      throw new TemporalSetupError(`setup-schema ${database}`, version.stderr.slice(-2000))
    const update = await run(
      sqlTool,
      [
        'update-schema',
        ...(versioned ? ['--schema-dir', versioned] : ['--schema-name', `postgresql/v12/${kind}/versioned`]),
      ],
      { env: sqlEnv },
    )
    if (update.code !== 0)
      throw new TemporalSetupError(`update-schema ${database}`, update.stderr.slice(-2000))
  }
}

/** Ports and files of one Temporal server; `frontendPort` is the address clients use. */
export interface TemporalServerPlan {
  settings: TemporalServerSettings
  /** The folder holding `warmflow.yaml` (the server's `--config`). */
  configDir: string
  /** `127.0.0.1:<frontendPort>`. */
  address: string
  /** The environment the server needs (its PostgreSQL password). */
  env: Record<string, string>
}

/**
 * Chooses the server's ports (the frontend on `frontendPort` when given, otherwise 7233 when
 * free, otherwise any free port; the others any free port) and writes its configuration and
 * dynamic configuration into `configDir`.
 *
 * @example
 * const plan = await planTemporalServer('.data/cluster/temporal', databases, {})
 */
export async function planTemporalServer(
  configDir: string,
  databases: TemporalDatabases,
  options: { frontendPort?: number },
): Promise<TemporalServerPlan> {
  mkdirSync(configDir, { recursive: true, mode: 0o700 })
  const ports = await Promise.all(Array.from({ length: 6 }, () => freePort()))
  const [frontendHttpPort, history, matching, worker, metricsPort, fallbackFrontend] = ports as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  // Temporal keeps membership ports in a smallint column: below 32768.
  const membership = await membershipPorts(4, new Set(ports))
  const [frontendMembership, historyMembership, matchingMembership, workerMembership] = membership as [
    number,
    number,
    number,
    number,
  ]
  const frontendPort = options.frontendPort ?? fallbackFrontend
  const dynamicConfigFile = join(configDir, 'dynamicconfig.yaml')
  const settings: TemporalServerSettings = {
    postgresAddress: `${databases.host.includes(':') ? `[${databases.host}]` : databases.host}:${databases.port}`,
    user: databases.user,
    database: databases.database,
    visibilityDatabase: databases.visibilityDatabase,
    frontendPort,
    frontendHttpPort,
    internalPorts: {
      frontendMembership,
      history,
      historyMembership,
      matching,
      matchingMembership,
      worker,
      workerMembership,
    },
    metricsPort,
    dynamicConfigFile,
  }
  writeFileSync(join(configDir, 'warmflow.yaml'), temporalServerConfig(settings), { mode: 0o600 })
  writeFileSync(dynamicConfigFile, temporalDynamicConfig(), { mode: 0o600 })
  return {
    settings,
    configDir,
    address: `127.0.0.1:${frontendPort}`,
    env: { [temporalPasswordVariable]: databases.password },
  }
}

/** `count` free ports from 20000 to 32767, none of `taken`. */
async function membershipPorts(count: number, taken: Set<number>): Promise<number[]> {
  const chosen: number[] = []
  for (let tries = 0; chosen.length < count && tries < 500; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_768)
    if (!taken.has(port) && !chosen.includes(port) && (await portIsFree(port))) chosen.push(port)
  }
  if (chosen.length < count) throw new TemporalSetupError('ports', 'no free ports from 20000 to 32767')
  return chosen
}

/** The server's command line for {@link TemporalServerPlan}: all services in one process. */
export function temporalServerArgs(plan: TemporalServerPlan): string[] {
  return ['--root', plan.configDir, '--config', '.', '--env', 'warmflow', '--allow-no-auth', 'start']
}

const grpcNotFound = 5
const grpcAlreadyExists = 6

/**
 * Connects to the server (waiting up to `timeoutMs` for it to answer), creates `namespace` when
 * missing (7 days' retention of closed runs) and Warmflow's search attributes, and waits until
 * the frontend knows the namespace.
 *
 * @example
 * await ensureNamespace('127.0.0.1:7233', 'default', 60_000)
 */
export async function ensureNamespace(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let connection: Connection | undefined
  let lastError: unknown
  while (!connection && Date.now() < deadline) {
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000 })
      await connection.workflowService.getSystemInfo({})
    } catch (error) {
      lastError = error
      await connection?.close().catch(() => undefined)
      connection = undefined
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  if (!connection) throw new TemporalSetupError('connect', String((lastError as Error)?.message ?? lastError))
  try {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        // protobufjs takes a number where its type says Long.
        workflowExecutionRetentionPeriod: { seconds: (7 * 24 * 3600) as unknown as null },
      })
    } catch (error) {
      if ((error as { code?: number }).code !== grpcAlreadyExists) throw error
    }
    // The frontend reads namespaces from a cache refreshed every few seconds.
    for (;;) {
      try {
        await connection.workflowService.describeNamespace({ namespace })
        await connection.workflowService.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1 })
        break
      } catch (error) {
        if (Date.now() > deadline || (error as { code?: number }).code !== grpcNotFound) throw error
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
    }
    // Temporal's IndexedValueType: TEXT 1, KEYWORD 2, INT 3, DOUBLE 4, BOOL 5, DATETIME 6.
    const types: Record<string, number> = { Text: 1, Keyword: 2, Int: 3, Double: 4, Bool: 5, Datetime: 6 }
    const existing = await connection.operatorService.listSearchAttributes({ namespace })
    const missing = Object.fromEntries(
      Object.entries(warmflowSearchAttributes)
        .filter(([name]) => !(name in (existing.customAttributes ?? {})))
        .map(([name, type]) => [name, types[type] ?? 2]),
    )
    if (Object.keys(missing).length) {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing })
    }
  } catch (error) {
    throw new TemporalSetupError('namespace', String((error as Error)?.message ?? error))
  } finally {
    await connection.close()
  }
}

/** The folder of the Temporal server's files inside the cluster folder. */
export function temporalDir(clusterDir: string): string {
  return join(clusterDir, 'temporal')
}
