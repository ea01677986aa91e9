import { resolve } from 'node:path'

/** The worker's settings, read from the same environment variables as the API's (see the README). */
export interface WorkerConfig {
  /** PostgreSQL for human tasks, run rows, records, credentials and large outputs; optional. */
  databaseUrl: string | undefined
  temporal: {
    address: string | undefined
    namespace: string
    taskQueue: string
  }
  /** Folder with the payload and credential keys and `warmflow.config.json`. */
  dataDir: string
  /**
   * Runs kept in memory between their workflow tasks (`WARMFLOW_MAX_CACHED_WORKFLOWS`, 2 to
   * 100,000; {@link defaultMaxCachedWorkflows} when unset).
   */
  maxCachedWorkflows?: number
}

/**
 * Runs the worker keeps in memory between their workflow tasks when
 * `WARMFLOW_MAX_CACHED_WORKFLOWS` is unset, as under `warmflow start`. Temporal's own default
 * follows the heap limit (2,310 runs with a 4 GB heap) and each cached run holds some 0.4 MB, so
 * with thousands of runs waiting on people the worker grew past 1.4 GB; a run pushed out of the
 * cache is replayed from its history when it goes on.
 */
export const defaultMaxCachedWorkflows = 250

/** An environment variable for the worker has a value it cannot use. */
export class WorkerConfigError extends Error {
  readonly code = 'worker.config'
  readonly retryable = false
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

/**
 * Reads what the worker needs from environment variables and says clearly which one is wrong.
 * Only the names are in the message, never a value (a URL may hold a password).
 *
 * @example
 * const config = loadWorkerConfig(process.env)
 */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const databaseUrl = nonEmpty(env.DATABASE_URL)
  if (databaseUrl !== undefined && !URL.canParse(databaseUrl)) {
    throw new WorkerConfigError(
      'Invalid configuration / ongeldige instellingen:\n  DATABASE_URL: must be a URL / moet een adres (URL) zijn',
    )
  }
  const cached = nonEmpty(env.WARMFLOW_MAX_CACHED_WORKFLOWS)
  const maxCachedWorkflows = cached === undefined ? defaultMaxCachedWorkflows : Number(cached)
  if (!(Number.isInteger(maxCachedWorkflows) && maxCachedWorkflows >= 2 && maxCachedWorkflows <= 100_000)) {
    throw new WorkerConfigError(
      'Invalid configuration / ongeldige instellingen:\n  WARMFLOW_MAX_CACHED_WORKFLOWS: must be a whole number from 2 to 100000 / moet een heel getal van 2 tot 100000 zijn',
    )
  }
  return {
    maxCachedWorkflows,
    databaseUrl,
    temporal: {
      address: nonEmpty(env.TEMPORAL_ADDRESS),
      namespace: nonEmpty(env.TEMPORAL_NAMESPACE) ?? 'default',
      taskQueue: nonEmpty(env.WARMFLOW_TASK_QUEUE) ?? 'warmflow',
    },
    dataDir: resolve(nonEmpty(env.WARMFLOW_DATA_DIR) ?? '.data'),
  }
}
