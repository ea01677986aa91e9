import { Context } from '@temporalio/activity'

/**
 * Reports progress of the running activity to Temporal, so a long batch (e.g. the retention
 * job's) is not taken for a lost worker; does nothing outside an activity (a unit test).
 *
 * @example
 * for (const run of batch) { await remove(run); heartbeatActivity({ done: ++done }) }
 */
export function heartbeatActivity(details?: unknown): void {
  let context: Context
  try {
    context = Context.current()
  } catch {
    return
  }
  context.heartbeat(details)
}
