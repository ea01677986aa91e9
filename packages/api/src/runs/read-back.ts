import { WorkflowNotFoundError } from '@temporalio/client'
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers.js'
import { progressQueryName, type RunFlowInput, type RunFlowResult, type RunProgress } from '@warmflow/engine'
import { type RunRow, shouldStoreStatus } from '@warmflow/store'
import type { AppDeps } from '../deps.js'
import { resolveRunOutput } from './outputs.js'
import { failureMessage, type RunStatus, startingStatus, temporalStatus } from './status.js'

/** Reads the input a run started with, from the start event in Temporal's history. */
export async function runInputOf(deps: AppDeps, workflowId: string): Promise<RunFlowInput | undefined> {
  const history = await deps.temporal.client.workflow.getHandle(workflowId).fetchHistory()
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes
  const [input] = await decodeArrayFromPayloads(
    deps.temporal.client.workflow.options.loadedDataConverter,
    started?.input?.payloads,
  )
  return input as RunFlowInput | undefined
}

/**
 * Reads a run back from Temporal: its status (stored in the row when it changed), its output
 * with large outputs resolved, its error, and the progress of each node (when a worker answers
 * within 2 s).
 */
export async function runDetail(
  deps: AppDeps,
  row: RunRow,
): Promise<{
  status: RunStatus
  output: unknown
  error: { message: string } | undefined
  nodes: RunProgress['nodes'] | undefined
}> {
  // Past its term: Temporal no longer has it, and there is nothing left to read.
  if (row.removed_at) {
    return {
      status: row.erased_at ? 'erased' : 'removed',
      output: undefined,
      error: undefined,
      nodes: undefined,
    }
  }
  const { client } = deps.temporal
  const handle = client.workflow.getHandle(row.workflow_id)
  // A completed run stays completed: once the row says so, skip asking Temporal for the status.
  const status: RunStatus =
    row.status === 'completed'
      ? 'completed'
      : await handle.describe().then(
          (description) => temporalStatus[description.status.name] ?? 'unknown',
          (error: unknown) => {
            // Saved, but its workflow not started (yet): the start's repeat will start it.
            if (row.status === startingStatus && error instanceof WorkflowNotFoundError) return 'starting'
            // Temporal does not know it (e.g. restored from a backup older than this database):
            // what became of it is unknown; the row keeps its status.
            if (error instanceof WorkflowNotFoundError) return 'unknown'
            throw error
          },
        )
  let output: unknown
  let error: { message: string } | undefined
  let nodes: RunProgress['nodes'] | undefined
  if (status === 'completed') {
    const result = (await handle.result()) as RunFlowResult
    output = await resolveRunOutput(deps, result.output)
    nodes = result.nodes
  } else {
    if (status === 'failed') {
      try {
        await handle.result()
      } catch (failure) {
        error = { message: failureMessage(failure) }
      }
    }
    try {
      const progress = await client.connection.withDeadline(Date.now() + 2_000, () =>
        handle.query<RunProgress>(progressQueryName),
      )
      nodes = progress.nodes
    } catch {
      // No worker answered in time: the status from Temporal is still right, only node detail is missing.
    }
  }
  if (shouldStoreStatus(row.status, status)) {
    await deps.db
      .updateTable('runs')
      .set({ status, updated_at: new Date() })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .execute()
  }
  return { status, output, error, nodes }
}
