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
  /**
   * Workflow tasks run at once (`WARMFLOW_MAX_CONCURRENT_WORKFLOW_TASKS`, 2 to 1,000, at most
   * the cache size; {@link defaultMaxConcurrentWorkflowTasks} when unset).
   */
  maxConcurrentWorkflowTasks: number
  /** Threads that run workflows (`WARMFLOW_WORKFLOW_THREADS`, 1 to 16; 1 when unset). */
  workflowThreads: number
  /**
   * V8 old-generation limit of each workflow thread in MB (`WARMFLOW_WORKFLOW_HEAP_MB`, 128 to
   * 16,384; {@link defaultWorkflowHeapMb} of the cache size when unset).
   */
  workflowHeapMb: number
  /**
   * Folder of the notes that keep a local activity that crashed its worker from running into a
   * crash loop (`WARMFLOW_IN_FLIGHT_DIR`; `/dev/shm/warmflow-in-flight-<uid>` or the temporary
   * folder when unset). It must outlive the worker process: in a container, a volume of the pod.
   */
  inFlightDir?: string
}

/**
 * Runs the worker keeps in memory between their workflow tasks when
 * `WARMFLOW_MAX_CACHED_WORKFLOWS` is unset, as under `warmflow start`. Temporal's own default
 * follows the heap limit (2,310 runs with a 4 GB heap) and each cached run holds some 0.4 MB, so
 * with thousands of runs waiting on people the worker grew past 1.4 GB; a run pushed out of the
 * cache is replayed from its history when it goes on.
 */
export const defaultMaxCachedWorkflows = 250

/**
 * Workflow tasks the worker runs at once when `WARMFLOW_MAX_CONCURRENT_WORKFLOW_TASKS` is unset
 * (Temporal's own default is 40).
 */
export const defaultMaxConcurrentWorkflowTasks = 40

/**
 * The workflow thread's V8 heap limit (old generation, MB) when `WARMFLOW_WORKFLOW_HEAP_MB` is
 * unset: 256 MB plus 1 MB per cached run, at least 512 MB (512 MB with the default cache of 250),
 * some two and a half times what the cached runs hold. V8 lets a heap with a high limit grow to
 * up to four times what survived its last full collection before it collects again; under a
 * limit of 512 MB that is about 1.4 times, so the thread's garbage is collected before it adds
 * up (Temporal's own threads get the process's limit, some 4 GB here).
 *
 * @example
 * defaultWorkflowHeapMb(250) // 512
 */
export function defaultWorkflowHeapMb(maxCachedWorkflows: number): number {
  return Math.min(16_384, Math.max(512, 256 + maxCachedWorkflows))
}

/** An environment variable for the worker has a value it cannot use. */
export class WorkerConfigError extends Error {
  readonly code = 'worker.config'
  readonly retryable = false
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

/** A whole number from `min` to `max` in `name`, `fallback` when unset; a clear error otherwise. */
function wholeNumber(
  env: Record<string, string | undefined>,
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  const raw = nonEmpty(env[name]?.trim())
  const value = raw === undefined ? fallback : Number(raw)
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new WorkerConfigError(
      `Invalid configuration / ongeldige instellingen:\n  ${name}: must be a whole number from ${min} to ${max} / moet een heel getal van ${min} tot ${max} zijn`,
    )
  }
  return value
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
  const maxCachedWorkflows = wholeNumber(env, 'WARMFLOW_MAX_CACHED_WORKFLOWS', {
    min: 2,
    max: 100_000,
    fallback: defaultMaxCachedWorkflows,
  })
  // Temporal allows no more tasks at once than runs in its cache.
  const maxConcurrentWorkflowTasks = Math.min(
    maxCachedWorkflows,
    wholeNumber(env, 'WARMFLOW_MAX_CONCURRENT_WORKFLOW_TASKS', {
      min: 2,
      max: 1_000,
      fallback: defaultMaxConcurrentWorkflowTasks,
    }),
  )
  const workflowThreads = wholeNumber(env, 'WARMFLOW_WORKFLOW_THREADS', { min: 1, max: 16, fallback: 1 })
  const workflowHeapMb = wholeNumber(env, 'WARMFLOW_WORKFLOW_HEAP_MB', {
    min: 128,
    max: 16_384,
    fallback: defaultWorkflowHeapMb(maxCachedWorkflows),
  })
  return {
    maxCachedWorkflows,
    maxConcurrentWorkflowTasks,
    workflowThreads,
    workflowHeapMb,
    databaseUrl,
    temporal: {
      address: nonEmpty(env.TEMPORAL_ADDRESS),
      namespace: nonEmpty(env.TEMPORAL_NAMESPACE) ?? 'default',
      taskQueue: nonEmpty(env.WARMFLOW_TASK_QUEUE) ?? 'warmflow',
    },
    dataDir: resolve(nonEmpty(env.WARMFLOW_DATA_DIR) ?? '.data'),
    ...(nonEmpty(env.WARMFLOW_IN_FLIGHT_DIR)
      ? { inFlightDir: resolve(env.WARMFLOW_IN_FLIGHT_DIR as string) }
      : {}),
  }
}
