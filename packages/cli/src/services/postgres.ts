import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import pg from 'pg'
import { run } from './exec.js'

/** Role and database the embedded default uses on the local cluster. */
export const localRole = 'warmflow'

function credentialFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME ?? join(homedir(), '.config')
  return join(base, 'warmflow', 'local-postgres.json')
}

/** The role the API and workers of the embedded default run as: no DDL, the audit log append-only. */
export const localAppRole = 'warmflow_app'

interface LocalPasswords {
  /** Of the owner role, which runs migrations. */
  password: string
  /** Of the app role. */
  appPassword: string
}

function localPasswords(env: NodeJS.ProcessEnv): LocalPasswords {
  const file = credentialFile(env)
  const saved: Partial<LocalPasswords> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  if (saved.password && saved.appPassword) return saved as LocalPasswords
  const passwords = {
    password: saved.password || randomBytes(18).toString('base64url'),
    appPassword: saved.appPassword || randomBytes(18).toString('base64url'),
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  writeFileSync(file, JSON.stringify(passwords), { mode: 0o600 })
  return passwords
}

interface Cluster {
  version: string
  name: string
  port: number
  status: string
}

async function listClusters(): Promise<Cluster[]> {
  const result = await run('pg_lsclusters', ['--no-header'])
  if (result.code !== 0) return []
  return result.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [version = '', name = '', port = '0', status = ''] = line.trim().split(/\s+/)
      return { version, name, port: Number(port), status }
    })
}

/** The advisory lock that makes setting up the local roles one process at a time. */
const setupLockKey = 7_100_421_001

async function psqlAsPostgres(sql: string, port: number, database = 'postgres') {
  const result = await run(
    'runuser',
    ['-u', 'postgres', '--', 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', database],
    {
      input: sql,
    },
  )
  if (result.code !== 0) throw new Error(`psql failed: ${result.stderr.trim()}`)
  return result.stdout
}

/**
 * Makes sure a PostgreSQL database is reachable and returns its URL. With `DATABASE_URL` set it
 * only checks that URL; otherwise it starts the machine's local cluster (Debian's
 * `pg_ctlcluster`, as root) and creates the `warmflow` role and database.
 *
 * @example
 * const url = await ensurePostgres(process.env)
 */
export async function ensurePostgres(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.DATABASE_URL) {
    await waitForPostgres(env.DATABASE_URL, 15_000)
    return env.DATABASE_URL
  }
  const clusters = await listClusters()
  const cluster = clusters.find((c) => c.status.startsWith('online')) ?? clusters[0]
  if (!cluster) {
    throw new Error(
      [
        'No DATABASE_URL and no local PostgreSQL cluster found.',
        'Geen DATABASE_URL en geen lokale PostgreSQL gevonden.',
        'Install PostgreSQL 15 (apt-get install postgresql) or set DATABASE_URL.',
      ].join('\n'),
    )
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      'Starting the local PostgreSQL cluster needs root; set DATABASE_URL to a database you can use instead.\n' +
        'Het lokale PostgreSQL-cluster starten kan alleen als root; zet DATABASE_URL naar een eigen database.',
    )
  }
  if (!cluster.status.startsWith('online')) {
    const started = await run('pg_ctlcluster', [cluster.version, cluster.name, 'start'])
    if (started.code !== 0 && !/already running/i.test(started.stderr)) {
      throw new Error(
        `pg_ctlcluster ${cluster.version} ${cluster.name} start failed: ${started.stderr.trim()}`,
      )
    }
  }
  const { password, appPassword } = localPasswords(env)
  const quoted = password.replace(/'/g, "''")
  const appQuoted = appPassword.replace(/'/g, "''")
  // Two roles: the owner runs migrations; the app role runs the API and workers and may only
  // append to the audit log (grantAppRole in @warmflow/store gives it its rights). Several
  // processes may get here at once (a start beside a test run, test files in parallel): two
  // ALTER ROLEs of the same role at the same moment fail with "tuple concurrently updated", so
  // the block holds a lock of its own for its transaction.
  await psqlAsPostgres(
    `DO $$ BEGIN
       PERFORM pg_advisory_xact_lock(${setupLockKey});
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${localRole}') THEN
         CREATE ROLE ${localRole} LOGIN CREATEDB PASSWORD '${quoted}';
       ELSE
         ALTER ROLE ${localRole} LOGIN CREATEDB PASSWORD '${quoted}';
       END IF;
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${localAppRole}') THEN
         CREATE ROLE ${localAppRole} LOGIN NOCREATEDB NOCREATEROLE PASSWORD '${appQuoted}';
       ELSE
         ALTER ROLE ${localAppRole} LOGIN NOCREATEDB NOCREATEROLE NOSUPERUSER PASSWORD '${appQuoted}';
       END IF;
     END $$;`,
    cluster.port,
  )
  const exists = await psqlAsPostgres(
    `SELECT 1 FROM pg_database WHERE datname = '${localRole}';`,
    cluster.port,
  )
  if (!exists.includes('1')) {
    try {
      await psqlAsPostgres(`CREATE DATABASE ${localRole} OWNER ${localRole};`, cluster.port)
    } catch (error) {
      // Another process made it between the check and here.
      if (!/already exists/.test((error as Error).message)) throw error
    }
  }
  const url = `postgres://${localRole}:${encodeURIComponent(password)}@127.0.0.1:${cluster.port}/${localRole}`
  await waitForPostgres(url, 15_000)
  return url
}

/** The two connections to Warmflow's database. */
export interface DatabaseUrls {
  /** The owner role: runs migrations and gives the app role its rights. */
  ownerUrl: string
  /** The role the API and workers run as. The same as `ownerUrl` when no separate owner is set. */
  appUrl: string
}

/**
 * Like {@link ensurePostgres}, and also says which role runs the app. The embedded default uses
 * the local `warmflow` role as owner and `warmflow_app` for the app. With `DATABASE_URL` set, the
 * app runs as that URL's role and migrations run as `DATABASE_MIGRATION_URL`'s (the same role
 * when that is unset).
 *
 * @example
 * const { ownerUrl, appUrl } = await ensureDatabase(process.env)
 */
export async function ensureDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseUrls> {
  if (env.DATABASE_URL) {
    const ownerUrl = env.DATABASE_MIGRATION_URL || env.DATABASE_URL
    await Promise.all([waitForPostgres(env.DATABASE_URL, 15_000), waitForPostgres(ownerUrl, 15_000)])
    return { ownerUrl, appUrl: env.DATABASE_URL }
  }
  const ownerUrl = await ensurePostgres(env)
  return { ownerUrl, appUrl: appUrlFor(ownerUrl, env) }
}

/**
 * The app role's URL for a database of the embedded default's owner role (for example a scratch
 * database of a test run); any other URL is returned as it is.
 *
 * @example
 * appUrlFor(scratch.url, process.env)
 */
export function appUrlFor(ownerUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = new URL(ownerUrl)
  if (env.DATABASE_URL || decodeURIComponent(url.username) !== localRole) return ownerUrl
  url.username = localAppRole
  url.password = encodeURIComponent(localPasswords(env).appPassword)
  return url.toString()
}

/**
 * Waits until PostgreSQL accepts a connection at the URL.
 *
 * @example
 * await waitForPostgres(url, 10_000)
 */
export async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
    try {
      await client.connect()
      await client.query('select 1')
      return
    } catch (error) {
      lastError = error
      await new Promise((resolve) => setTimeout(resolve, 250))
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  throw new Error(
    `PostgreSQL did not accept connections within ${timeoutMs} ms: ${(lastError as Error)?.message}`,
  )
}

/** A database made for one test run. */
export interface ScratchDatabase {
  url: string
  drop(): Promise<void>
}

/**
 * Creates a new empty database next to the one at `url` (the role needs CREATEDB) and returns
 * its URL; `drop()` removes it again.
 *
 * @example
 * const scratch = await createScratchDatabase(url, 'warmflow_test')
 */
export async function createScratchDatabase(url: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase()
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsafe database name ${name}`)
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const scratch = new URL(url)
  scratch.pathname = `/${name}`
  return {
    url: scratch.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        // FORCE ends the other sessions, but the owner may not end the app role's (42501). A
        // process that used the app role and has just exited leaves its session listed for a
        // moment while PostgreSQL ends it: wait for that, up to 10 s.
        const deadline = Date.now() + 10_000
        for (;;) {
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
            break
          } catch (error) {
            if ((error as { code?: string }).code !== '42501' || Date.now() > deadline) throw error
            await new Promise((resolve) => setTimeout(resolve, 100))
          }
        }
      } finally {
        await client.end()
      }
    },
  }
}
