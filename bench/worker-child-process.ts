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
