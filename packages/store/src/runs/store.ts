import type { NewRunRecord, RunRecordEnd, RunStore } from '@warmflow/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** The run has no row (yet) to write its final status to. */
export class RunRowMissingError extends Error {
  constructor(readonly runId: string) {
    super(`Run ${runId} has no row in the runs table (yet)`)
    this.name = 'RunRowMissingError'
  }
}

/**
 * The `runs` table as the interpreter's run store: a run started without a row (by a schedule)
 * creates one, and every run writes its final status, so lists and filters need not ask
 * Temporal. Both writes are idempotent.
 *
 * @example
 * const worker = await createWarmflowWorker({ ..., runStore: createPostgresRunStore(db) })
 */
export function createPostgresRunStore(db: Kysely<Database>): RunStore {
  return {
    async createRun(run: NewRunRecord) {
      await db
        .insertInto('runs')
        .values({
          id: run.runId,
          flow_id: run.flowId,
          flow_version: run.flowVersion,
          workflow_id: run.workflowId,
          status: 'running',
          team_id: run.teamId,
          started_by: null,
          trigger: run.trigger,
          idempotency_key: null,
          retry_of: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    },
    async finishRun(end: RunRecordEnd) {
      const { numUpdatedRows } = await db
        .updateTable('runs')
        .set({ status: end.status, updated_at: new Date() })
        .where('id', '=', end.runId)
        .executeTakeFirst()
      // The API commits a run's row before it starts the workflow; a run without a row (started
      // by older code) fails here, and the activity tries again once the row is there.
      if (numUpdatedRows === 0n) throw new RunRowMissingError(end.runId)
    },
  }
}

/** The statuses a run writes itself when it ends. */
export const finalRunStatuses = ['completed', 'failed', 'cancelled']

/**
 * Whether a status Temporal reports should replace the one in the run's row. A run writes its
 * final status from its last activity, a moment before Temporal records the end: a read in
 * that moment sees "running" and must not undo the final status (nothing would write it again).
 *
 * @example
 * shouldStoreStatus('completed', 'running') // false
 */
export function shouldStoreStatus(stored: string, observed: string): boolean {
  if (observed === stored || observed === 'unknown') return false
  return !(observed === 'running' && finalRunStatuses.includes(stored))
}
