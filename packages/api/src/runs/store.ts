import type { NewRunRecord, RunRecordEnd, RunStore } from '@warmflow/engine'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

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
      await db
        .updateTable('runs')
        .set({ status: end.status, updated_at: new Date() })
        .where('id', '=', end.runId)
        .where('status', '!=', end.status)
        .execute()
    },
  }
}
