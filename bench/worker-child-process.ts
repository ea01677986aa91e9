// Starts bench/worker-child.ts (an interpreter worker and a baseline worker) as a process of its
// own, through bench/main-thread-tsx.mjs so its workflow threads run without tsx, as the
// production worker does.
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** What worker-child.ts reads from BENCH_WORKER. */
export interface WorkerChildSettings {
  address: string
  keys: string
  interpreterQueue: string
  baselineQueue: string
}

/** Forks the worker child and resolves once it says it is ready. */
export async function startWorkerChild(settings: WorkerChildSettings): Promise<ChildProcess> {
  const child = fork(
    fileURLToPath(new URL('./main-thread-tsx.mjs', import.meta.url)),
    [fileURLToPath(new URL('./worker-child.ts', import.meta.url))],
    {
      // Not this process's flags (tsx's among them): the launcher registers tsx itself.
      execArgv: [],
      env: { ...process.env, BENCH_WORKER: JSON.stringify(settings) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`the benchmark's worker process exited with ${code}`)))
  })
  return child
}

/** What api-worker-child.ts reads from BENCH_ONE. */
export interface ApiWorkerChildSettings {
  address: string
  databaseUrl: string
  taskQueue: string
  keys: string
  bundlePath: string
  eager: boolean
}

/**
 * Forks bench/api-worker-child.ts (the API and a worker in one process, as `warmflow start`
 * runs them) and resolves with its API's URL once it serves.
 */
export async function startApiWorkerChild(
  settings: ApiWorkerChildSettings,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = fork(
    fileURLToPath(new URL('./main-thread-tsx.mjs', import.meta.url)),
    [fileURLToPath(new URL('./api-worker-child.ts', import.meta.url))],
    {
      execArgv: [],
      env: { ...process.env, BENCH_ONE: JSON.stringify(settings) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url))
    child.once('exit', (code) => reject(new Error(`the API+worker process exited with ${code}`)))
  })
  let stopped: Promise<void> | undefined
  return {
    url,
    pid: child.pid ?? 0,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.send({ type: 'stop' })
      })
      return stopped
    },
  }
}
