import { runWorkerProcess } from '@warmflow/worker'

/**
 * `warmflow worker`: one Temporal worker and nothing else, configured by environment only
 * (`TEMPORAL_ADDRESS` required, `DATABASE_URL` for human tasks, records and run rows); stops
 * gracefully on SIGTERM: no new work is taken, running nodes may finish within
 * `WARMFLOW_SHUTDOWN_TIMEOUT_MS` (default 30 s) and are otherwise handed to another worker.
 * The same process as `node packages/worker/bin/warmflow-worker.mjs`.
 *
 * @example
 * TEMPORAL_ADDRESS=temporal:7233 DATABASE_URL=… warmflow worker
 */
export function workerRole(env: Record<string, string | undefined> = process.env): Promise<void> {
  return runWorkerProcess(env)
}
