// A PostgreSQL 15 cluster of its own for a test that restarts PostgreSQL: the shared cluster
// other test files use is never touched. Debian's pg_createcluster / pg_ctlcluster, as root.
import { randomBytes } from 'node:crypto'
import { run } from '@warmflow/cli/services'

/** A PostgreSQL cluster made for one test file, with Warmflow's two roles and Temporal's. */
export interface OwnPostgres {
  name: string
  port: number
  /** Warmflow's database as its owner (migrations). */
  ownerUrl: string
  /** Warmflow's database as the app role. */
  appUrl: string
  /** Temporal's persistence database URL (its role may create databases). */
  temporalUrl: string
  /** Stops the server (fast mode: open connections are cut). */
  stop(): Promise<void>
  start(): Promise<void>
  /** Stops and removes the cluster and its files. */
  drop(): Promise<void>
}

async function must(command: string, args: string[], input?: string): Promise<string> {
  const result = await run(command, args, input === undefined ? {} : { input })
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.trim()}`)
  return result.stdout
}

/**
 * Creates and starts a PostgreSQL 15 cluster named `name` on `port` with the roles `warmflow`
 * (owner, CREATEDB), `warmflow_app` and `temporal` (CREATEDB) and the database `warmflow`.
 */
export async function createOwnPostgres(name: string, port: number): Promise<OwnPostgres> {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(name)) throw new Error(`unsafe cluster name ${name}`)
  await run('pg_dropcluster', ['--stop', '15', name])
  await must('pg_createcluster', ['15', name, '--port', String(port), '--', '--auth-local=peer'])
  await must('pg_ctlcluster', ['15', name, 'start'])
  const owner = randomBytes(12).toString('hex')
  const app = randomBytes(12).toString('hex')
  const temporal = randomBytes(12).toString('hex')
  await must(
    'runuser',
    [
      '-u',
      'postgres',
      '--',
      'psql',
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-p',
      String(port),
      '-d',
      'postgres',
    ],
    `CREATE ROLE warmflow LOGIN CREATEDB PASSWORD '${owner}';
     CREATE ROLE warmflow_app LOGIN PASSWORD '${app}';
     CREATE ROLE temporal LOGIN CREATEDB PASSWORD '${temporal}';
     CREATE DATABASE warmflow OWNER warmflow;`,
  )
  const base = `127.0.0.1:${port}`
  return {
    name,
    port,
    ownerUrl: `postgres://warmflow:${owner}@${base}/warmflow`,
    appUrl: `postgres://warmflow_app:${app}@${base}/warmflow`,
    temporalUrl: `postgres://temporal:${temporal}@${base}/temporal`,
    stop: async () => {
      await must('pg_ctlcluster', ['15', name, 'stop', '-m', 'fast'])
    },
    start: async () => {
      await must('pg_ctlcluster', ['15', name, 'start'])
    },
    drop: async () => {
      await run('pg_dropcluster', ['--stop', '15', name])
    },
  }
}
