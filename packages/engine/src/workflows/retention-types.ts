/** Name of the retention workflow type, as registered with Temporal. */
export const retentionWorkflowType = 'retentionJob'

/** The Temporal Schedule that starts the retention job once a day, for the default task queue. */
export const retentionScheduleId = 'warmflow-retention'

/**
 * The retention schedule of the deployment on `taskQueue`: `warmflow-retention` on the default
 * queue `warmflow`, `warmflow-retention-<queue>` on any other. Two deployments that share a
 * Temporal namespace with queues of their own (test and acceptance, say) each keep a schedule
 * that starts the job on their own workers, instead of taking one schedule from each other.
 *
 * @example
 * retentionScheduleIdFor('warmflow') // 'warmflow-retention'
 * retentionScheduleIdFor('acceptatie') // 'warmflow-retention-acceptatie'
 */
export function retentionScheduleIdFor(taskQueue: string): string {
  return taskQueue === 'warmflow' ? retentionScheduleId : `${retentionScheduleId}-${taskQueue}`
}

/** How many runs (or audit lines) one activity call removes at most. */
export const retentionBatchSize = 500

/**
 * Input of the retention job. The daily schedule passes nothing: the job then removes what is
 * past its term at the workflow's own time. A test passes `now` to freeze the clock.
 */
export interface RetentionJobInput {
  /** The moment terms are measured against (ISO 8601); default: the workflow's time. */
  now?: string
  /** Runs or audit lines per activity call; default {@link retentionBatchSize}. */
  batchSize?: number
  /** Activity calls per kind in one job run; what is left waits for the next day. Default 200. */
  maxBatches?: number
}

/** What one `removeExpiredRuns` call did. */
export interface RetentionRunBatch {
  /** Runs whose contents were removed from Temporal and PostgreSQL. */
  removed: number
  /** Runs that could not be removed now (Temporal did not answer); the next job run tries again. */
  failed: number
  /** The batch was full: there may be more. */
  more: boolean
}

/** What one `purgeAuditLog` call did. */
export interface RetentionAuditBatch {
  removed: number
  more: boolean
}

/** What one `settleUnstartedRuns` call did. */
export interface UnstartedRunsBatch {
  /** Rows whose workflow Temporal knows after all: now `running`. */
  started: number
  /** Rows whose workflow never started: deleted (nothing of them ran). */
  removed: number
}

/** What a job run removed, in counts: the retention job's result and its audit line. */
export interface RetentionJobResult {
  now: string
  runsRemoved: number
  runsFailed: number
  auditLinesRemoved: number
  /** Run rows left `starting` for over a day whose workflow never started, now deleted. */
  unstartedRunsRemoved?: number
}

/** The activities of the retention job; the worker implements them (`createRetentionActivities`). */
export interface RetentionActivities {
  removeExpiredRuns(input: { now: string; batchSize: number }): Promise<RetentionRunBatch>
  purgeAuditLog(input: { now: string; batchSize: number }): Promise<RetentionAuditBatch>
  recordRetentionRun(result: RetentionJobResult): Promise<void>
  /**
   * Settles at most `batchSize` rows left `starting` for more than a day by the wall clock (not
   * the job's `now`: a frozen clock must not touch starts still in flight).
   */
  settleUnstartedRuns(input: { batchSize: number }): Promise<UnstartedRunsBatch>
}
