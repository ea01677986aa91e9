import { z } from '@hono/zod-openapi'
import { WorkflowFailedError } from '@temporalio/client'
import { finalRunStatuses } from '@warmflow/store'
import type { AppDeps } from '../deps.js'

/** A run's status as the API reports it. */
export const runStatusSchema = z.enum([
  // Saved; its workflow start not yet confirmed (a repeat of the start finishes it).
  'starting',
  'running',
  'completed',
  'failed',
  'cancelled',
  'terminated',
  'timed_out',
  'unknown',
  // Its term passed: the retention job removed its contents (the row keeps ids, times, outcome).
  'removed',
  // Erased on the request of the person it was about (AVG art. 17): contents, links and key gone.
  'erased',
])
/** One of {@link runStatusSchema}'s values. */
export type RunStatus = z.infer<typeof runStatusSchema>

/** Temporal's execution status names mapped to the API's. */
export const temporalStatus: Record<string, RunStatus> = {
  RUNNING: 'running',
  CONTINUED_AS_NEW: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
}

/**
 * What went wrong in a failed run, from the error its result raised: the node's or workflow's
 * own failure rather than Temporal's wrapper.
 *
 * @example
 * try { await handle.result() } catch (failure) { error = { message: failureMessage(failure) } }
 */
export function failureMessage(failure: unknown): string {
  const cause = failure instanceof WorkflowFailedError ? (failure.cause ?? failure) : failure
  return cause instanceof Error ? cause.message : String(cause)
}

/**
 * Asks Temporal for a run's status and stores it in the `runs` row when it changed.
 *
 * @example
 * const status = await describeRunStatus(deps, run.id, run.workflow_id)
 */
export async function describeRunStatus(
  deps: AppDeps,
  runId: string,
  workflowId: string,
): Promise<RunStatus> {
  let status: RunStatus
  try {
    const description = await deps.temporal.client.workflow.getHandle(workflowId).describe()
    status = temporalStatus[description.status.name] ?? 'unknown'
  } catch {
    return 'unknown'
  }
  if (status === 'unknown') return status
  let update = deps.db
    .updateTable('runs')
    .set({ status, updated_at: new Date() })
    .where('id', '=', runId)
    .where('status', '!=', status)
  // The same rule as shouldStoreStatus, in the statement.
  if (status === 'running') update = update.where('status', 'not in', finalRunStatuses)
  await update.execute()
  return status
}

/** The status of a run whose row is saved and whose workflow start is not yet confirmed. */
export const startingStatus = 'starting'
