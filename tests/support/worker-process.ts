import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { inject } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const started: ChildProcess[] = []

/** Options for {@link startWorkerProcess}. */
export interface WorkerProcessOptions {
  taskQueue: string
  /** A TypeScript entry to run (relative to the repository root); the real worker's launcher by default. */
  entry?: string
  /** Extra environment, e.g. `WARMFLOW_PLUGINS` or a test credential. */
  env?: Record<string, string>
}

/**
 * Starts a worker as its own process against the test run's Temporal server and database, and
 * resolves once it prints `worker ready`. Chaos tests kill it with SIGKILL.
 */
export function startWorkerProcess(options: WorkerProcessOptions): Promise<ChildProcess> {
  const args = options.entry
    ? ['--import', 'tsx', options.entry]
    : ['packages/worker/bin/warmflow-worker.mjs']
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: inject('databaseUrl'),
      WARMFLOW_TASK_QUEUE: options.taskQueue,
      WARMFLOW_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(child)
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000)
  })
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${errors}`)))
  })
}

/** Kills every worker process this test file started that is still alive. */
export function killWorkerProcesses(): void {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL')
}
