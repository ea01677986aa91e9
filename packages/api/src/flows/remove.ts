import type { FlowRow } from '@warmflow/store'
import type { AppDeps } from '../deps.js'
import { describeRunStatus } from '../runs/status.js'
import { syncSchedule } from './publish.js'

/**
 * Deletes a flow with its runs; a flow whose runs still run is archived instead (it starts no
 * new runs, and its running runs finish). Either way its schedule is removed.
 */
export async function removeFlow(deps: AppDeps, flow: FlowRow): Promise<'archived' | 'deleted'> {
  const { db } = deps
  const running = await db
    .selectFrom('runs')
    .select(['id', 'workflow_id', 'status'])
    .where('flow_id', '=', flow.id)
    .where('status', '=', 'running')
    .limit(50)
    .execute()
  let stillRunning = false
  for (const run of running) {
    // The list's status may be stale: Temporal decides.
    if ((await describeRunStatus(deps, run.id, run.workflow_id)) === 'running') {
      stillRunning = true
      break
    }
  }
  // An archived or deleted flow starts nothing on its own any more.
  await syncSchedule(deps, flow.id, flow.team_id, undefined)
  if (stillRunning) {
    await db.updateTable('flows').set({ archived_at: new Date() }).where('id', '=', flow.id).execute()
    return 'archived'
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('runs').where('flow_id', '=', flow.id).execute()
    await trx.deleteFrom('flows').where('id', '=', flow.id).execute()
  })
  return 'deleted'
}
