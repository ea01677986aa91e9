import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client'
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

/** 409 for a retry of a run Temporal no longer knows (e.g. after a restore of an older backup). */
const runInputGone = new ApiError(409, 'run.input_gone', {
  nl: 'Deze run is niet meer bekend in Temporal, dus de gegevens waarmee hij startte zijn er niet meer. Start een nieuwe run met de gegevens van de aanvraag.',
  en: 'Temporal no longer knows this run, so the data it started with is gone. Start a new run with the data of the request.',
})

/**
 * Starts a new run of what a finished run ran (its published version or test definition, not
 * the newest version) with the input it started with; 409 while it still runs.
 */
export async function retryRun(deps: AppDeps, row: RunRow, startedBy: string): Promise<RunRow> {
  if (row.erased_at) {
    throw new ApiError(409, 'run.erased', {
      nl: 'De gegevens van deze run zijn gewist op verzoek van de persoon. Er is niets meer om opnieuw te proberen.',
      en: "This run's data was erased at the request of the person it was about. There is nothing left to retry.",
    })
  }
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
  const original = await runInputOf(deps, row.workflow_id).catch((error: unknown) => {
    // Its input was only in Temporal's history, and Temporal no longer has it.
    // Fetching a history that is not there fails with gRPC's NOT_FOUND (5), not a WorkflowNotFoundError.
    if (error instanceof WorkflowNotFoundError || (isGrpcServiceError(error) && error.code === 5)) {
      throw runInputGone
    }
    throw error
  })
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
