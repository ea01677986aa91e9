import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { freePort } from '@warmflow/cli/services'
import { inject } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const cli = 'packages/cli/bin/warmflow.mjs'
const started: ChildProcess[] = []

/** A `warmflow <role>` process a test started, with everything it printed. */
export interface RoleProcess {
  child: ChildProcess
  /** Standard output, line by line (the structured log). */
  lines: string[]
  /** Standard error, as text. */
  errors(): string
  /** Resolves with the exit code (or the signal's name) once the process ended. */
  exited: Promise<number | string>
  /** Resolves with the first line that contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<string>
}

/**
 * Starts `warmflow <role>` (`migrate`, `api`, `worker`) as its own process from the repository
 * root, with `env` on top of this process's environment.
 */
export function startRole(role: string, env: Record<string, string>): RoleProcess {
  const child = spawn(process.execPath, [cli, role], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  const lines: string[] = []
  let partial = ''
  let errors = ''
  const waiting: { text: string; resolve: (line: string) => void }[] = []
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString()
    const parts = partial.split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      for (const w of [...waiting]) {
        if (line.includes(w.text)) {
          waiting.splice(waiting.indexOf(w), 1)
          w.resolve(line)
        }
      }
    }
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-20_000)
  })
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  return {
    child,
    lines,
    errors: () => errors,
    exited,
    waitFor(text, timeoutMs = 60_000) {
      const found = lines.find((line) => line.includes(text))
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `warmflow ${role}: no "${text}" within ${timeoutMs} ms\n${lines.join('\n')}\n${errors}`,
              ),
            ),
          timeoutMs,
        )
        waiting.push({
          text,
          resolve: (line) => {
            clearTimeout(timer)
            resolve(line)
          },
        })
        void exited.then((code) => {
          clearTimeout(timer)
          reject(
            new Error(`warmflow ${role} exited (${code}) before "${text}"\n${lines.join('\n')}\n${errors}`),
          )
        })
      })
    },
  }
}

/** Kills every role process this test file started that is still running, and waits until they are gone. */
export async function killRoleProcesses(): Promise<void> {
  const running = started.filter((child) => child.exitCode === null && child.signalCode === null)
  const gone = running.map((child) => new Promise((resolve) => child.once('exit', resolve)))
  for (const child of running) child.kill('SIGKILL')
  await Promise.all(gone)
}

/** `warmflow api` and `warmflow worker` running against the test run's Temporal and database. */
export interface RolePair {
  api: RoleProcess
  worker: RoleProcess
  /** `http://127.0.0.1:<port>` of the API process. */
  base: string
  /** The environment both were started with. */
  env: Record<string, string>
}

/**
 * Starts `warmflow api` and `warmflow worker` as processes on a task queue of their own, against
 * the test run's Temporal server and (already migrated) database, and waits until both are ready.
 * `env` is added to both (e.g. `WARMFLOW_PLUGINS`, `WARMFLOW_LOG_FORMAT`); `apiEnv` and
 * `workerEnv` to one.
 */
export async function startRolePair(
  options: {
    env?: Record<string, string>
    apiEnv?: Record<string, string>
    workerEnv?: Record<string, string>
  } = {},
): Promise<RolePair> {
  const port = await freePort()
  const env = {
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    WARMFLOW_TASK_QUEUE: `roles-${randomUUID()}`,
    WARMFLOW_PAYLOAD_KEYS: inject('payloadKeys'),
    WARMFLOW_CREDENTIAL_KEY: randomBytes(32).toString('base64'),
    // No data folder: every key comes from the environment.
    WARMFLOW_DATA_DIR: '/nonexistent',
    ...options.env,
  }
  const api = startRole('api', {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    // Every test signs in from 127.0.0.1, and the count is shared in the test database with
    // the browser tests' sign-ins: the default 30 per 5 minutes would refuse some.
    WARMFLOW_LOGIN_LIMIT: '100000',
    ...options.apiEnv,
  })
  const worker = startRole('worker', {
    ...env,
    WARMFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    ...options.workerEnv,
  })
  await Promise.all([api.waitFor('api ready'), worker.waitFor('worker ready')])
  return { api, worker, base: `http://127.0.0.1:${port}`, env }
}
