import type { RunRow } from '@warmflow/store'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../problems.js'
import { runInputOf } from './read-back.js'
import { runSourceOf } from './repository.js'
import { startRun } from './start.js'
import { describeRunStatus } from './status.js'

/**
 * Asks Temporal to cancel a running run (its nodes get the chance to stop cleanly); 409 when
 * Temporal says it no longer runs.
 */
export async function cancelRun(deps: AppDeps, row: RunRow): Promise<void> {
  const status = await describeRunStatus(deps, row.id, row.workflow_id)
  if (status !== 'running') {
    throw new ApiError(409, 'run.not_running', {
      nl: 'Deze run loopt niet meer en kan niet worden gestopt.',
      en: 'This run is no longer running and cannot be cancelled.',
    })
  }
  await deps.temporal.client.workflow.getHandle(row.workflow_id).cancel()
}

/**
 * Starts a new run of what a finished run ran (its published version or test definition, not
 * the newest version) with the input it started with; 409 while it still runs.
 */
export async function retryRun(deps: AppDeps, row: RunRow, startedBy: string): Promise<RunRow> {
  if (row.removed_at) {
    throw new ApiError(409, 'run.removed', {
      nl: 'Deze run is verwijderd omdat de bewaartermijn voorbij is. Er is niets meer om opnieuw te proberen.',
      en: 'This run was removed because its retention period ended. There is nothing left to retry.',
    })
  }
  const status = await describeRunStatus(deps, row.id, row.workflow_id)
  if (status === 'running') {
    throw new ApiError(409, 'run.still_running', {
      nl: 'Deze run loopt nog. Wacht tot hij klaar is of stop hem eerst.',
      en: 'This run is still running. Wait for it to finish or cancel it first.',
    })
  }
  const original = await runInputOf(deps, row.workflow_id)
  const input = original?.input
  const { row: retried } = await startRun(deps, {
    flowId: row.flow_id,
    teamId: row.team_id,
    input:
      input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {},
    trigger: 'retry',
    // What the failed run ran, not the newest version: a retry repeats that run.
    source: runSourceOf(row),
    startedBy,
    retryOf: row.id,
  })
  return retried
}
