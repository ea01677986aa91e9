import { proxyActivities } from '@temporalio/workflow'
import {
  type RetentionActivities,
  type RetentionJobInput,
  type RetentionJobResult,
  retentionBatchSize,
} from './retention-types.js'

const activities = proxyActivities<RetentionActivities>({
  // A batch of 500 runs: one Temporal delete and one transaction each. Heartbeats show progress.
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '10 seconds', backoffCoefficient: 2 },
})

/**
 * The retention job: removes the contents of every ended run past its flow's term (Temporal
 * history and PostgreSQL contents), then the audit lines past the audit term, in bounded
 * batches; settles run rows whose start never reached Temporal; and writes one audit line with the counts when it removed anything. Running it again
 * changes nothing. Started daily by the `warmflow-retention` schedule (without input: terms are
 * measured at the workflow's time), or by a test with a frozen `now`.
 *
 * @example
 * await client.workflow.execute(retentionWorkflowType, { taskQueue, workflowId, args: [{ now }] })
 */
export async function retentionJob(input: RetentionJobInput = {}): Promise<RetentionJobResult> {
  // Date in a workflow is the workflow's time: deterministic on replay.
  const now = input.now ?? new Date().toISOString()
  const batchSize = Math.min(Math.max(Math.floor(input.batchSize ?? retentionBatchSize), 1), 10_000)
  const maxBatches = Math.min(Math.max(Math.floor(input.maxBatches ?? 200), 1), 10_000)
  const result: RetentionJobResult = { now, runsRemoved: 0, runsFailed: 0, auditLinesRemoved: 0 }
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const done = await activities.removeExpiredRuns({ now, batchSize })
    result.runsRemoved += done.removed
    result.runsFailed += done.failed
    // A batch that removed nothing would find the same runs again: leave them for tomorrow.
    if (!done.more || done.removed === 0) break
  }
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const done = await activities.purgeAuditLog({ now, batchSize })
    result.auditLinesRemoved += done.removed
    if (!done.more || done.removed === 0) break
  }
  // Rows whose start died before Temporal heard of it: one bounded batch a night.
  const unstarted = await activities.settleUnstartedRuns({ batchSize })
  if (unstarted.removed > 0) result.unstartedRunsRemoved = unstarted.removed
  // Only a run that removed something leaves a line: a second run on the same day changes nothing.
  if (result.runsRemoved + result.auditLinesRemoved + unstarted.removed > 0) {
    await activities.recordRetentionRun(result)
  }
  return result
}
