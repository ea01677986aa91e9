import { spawn } from 'node:child_process'

/** libpq's environment for a database URL: the password never appears on a command line. */
export function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url)
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  }
}

/** Runs a PostgreSQL client tool (pg_dump, pg_restore) and fails with its error output. */
export function pgTool(command: string, args: string[], url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: pgEnv(url), stdio: ['ignore', 'ignore', 'pipe'] })
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-4000)
    })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${errors}`)),
    )
  })
}
