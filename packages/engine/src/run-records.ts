import type { NewRunRecord, RunRecordActivities, RunRecordEnd } from './workflows/types.js'

export type { NewRunRecord, RunRecordActivities, RunRecordEnd } from './workflows/types.js'

/**
 * Where runs are listed (the API's `runs` table). Temporal stays the source of truth for a
 * run's execution; the store holds what lists and searches need. Both methods must be
 * idempotent: activities are retried, so a call may arrive twice.
 */
export interface RunStore {
  /** Creates the run's row unless it exists. */
  createRun(run: NewRunRecord): Promise<void>
  /**
   * Records the run's final status. Throws while the run's row does not exist yet (its
   * starter may still be committing it), so the write is tried again.
   */
  finishRun(end: RunRecordEnd): Promise<void>
}

/**
 * The activities through which the interpreter keeps a run's row up to date. Without a store
 * (a worker without a database) they do nothing: the API then learns a run's status from
 * Temporal when someone reads the run.
 *
 * @example
 * const activities = createRunRecordActivities(store) // createActivities({ registry, runs: store }) includes these
 */
export function createRunRecordActivities(store: RunStore | undefined): RunRecordActivities {
  return {
    async recordRunStart(run) {
      await store?.createRun(run)
    },
    async recordRunEnd(end) {
      await store?.finishRun(end)
    },
  }
}
