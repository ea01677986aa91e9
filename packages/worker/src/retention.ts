import { type Client, ScheduleOverlapPolicy } from '@temporalio/client'
import {
  heartbeatActivity,
  type RetentionActivities,
  retentionScheduleIdFor,
  retentionWorkflowType,
} from '@warmflow/engine'
import { minimumAuditRetentionDays, type RetentionStore } from '@warmflow/store'

/** The environment variable with the audit log's term in days (at least 1826: five years). */
export const auditRetentionVariable = 'WARMFLOW_AUDIT_RETENTION_DAYS'

/** `WARMFLOW_AUDIT_RETENTION_DAYS` has a value Warmflow may not use. */
export class RetentionConfigError extends Error {
  readonly code = 'retention.config'
  readonly retryable = false
}

/**
 * The audit log's term in days from `WARMFLOW_AUDIT_RETENTION_DAYS`: default and minimum 1826
 * (NEN 7513 asks for at least five years), at most 36500. A shorter or unreadable value stops
 * the start with a message that says why, rather than quietly keeping less.
 *
 * @example
 * auditRetentionDaysFromEnv({ WARMFLOW_AUDIT_RETENTION_DAYS: '2555' }) // 2555 (seven years)
 */
export function auditRetentionDaysFromEnv(env: Record<string, string | undefined> = process.env): number {
  const text = env[auditRetentionVariable]
  if (text === undefined || text.trim() === '') return minimumAuditRetentionDays
  const days = Number(text)
  if (!Number.isInteger(days) || days < minimumAuditRetentionDays || days > 36_500) {
    throw new RetentionConfigError(
      `${auditRetentionVariable} must be a whole number of days from ${minimumAuditRetentionDays} (five years, NEN 7513) to 36500.\n` +
        `${auditRetentionVariable} moet een heel aantal dagen zijn, van ${minimumAuditRetentionDays} (vijf jaar, NEN 7513) tot 36500.`,
    )
  }
  return days
}

/** What the retention activities need; see {@link createRetentionActivities}. */
export interface RetentionActivityDeps {
  store: RetentionStore
  /** A client on the worker's connection: the activities delete workflow executions with it. */
  client: Client
  namespace: string
  /** The audit log's term; see {@link auditRetentionDaysFromEnv}. */
  auditRetentionDays: number
}

const day = 24 * 60 * 60 * 1000
// gRPC's NOT_FOUND: the execution is gone already (removed by an earlier attempt, or never kept).
const grpcNotFound = 5

/**
 * The activities of the retention job (`retentionJob` in the engine's workflows). Each run is
 * removed from Temporal first (DeleteWorkflowExecution: its history, with its input, output and
 * node outputs) and then from PostgreSQL; a run Temporal cannot delete now keeps its contents
 * and is tried again the next day. Every call is bounded by its batch size and heartbeats.
 *
 * @example
 * const activities = createRetentionActivities({ store, client, namespace: 'default', auditRetentionDays: 1826 })
 */
export function createRetentionActivities(deps: RetentionActivityDeps): RetentionActivities {
  return {
    async removeExpiredRuns({ now, batchSize }) {
      const runs = await deps.store.findExpiredRuns(new Date(now), batchSize)
      let removed = 0
      let failed = 0
      for (const run of runs) {
        try {
          await deps.client.workflowService.deleteWorkflowExecution({
            namespace: deps.namespace,
            workflowExecution: { workflowId: run.workflowId },
          })
        } catch (error) {
          if ((error as { code?: unknown }).code !== grpcNotFound) {
            failed += 1
            heartbeatActivity({ removed, failed })
            continue
          }
        }
        await deps.store.removeRunContents(run)
        removed += 1
        heartbeatActivity({ removed, failed })
      }
      return { removed, failed, more: runs.length >= batchSize }
    },

    async purgeAuditLog({ now, batchSize }) {
      const cutoff = new Date(new Date(now).getTime() - deps.auditRetentionDays * day)
      const removed = await deps.store.purgeAuditLog(cutoff, batchSize)
      return { removed, more: removed >= batchSize }
    },

    async recordRetentionRun(result) {
      await deps.store.recordJobRun({
        now: result.now,
        runsRemoved: result.runsRemoved,
        runsFailed: result.runsFailed,
        auditLinesRemoved: result.auditLinesRemoved,
        ...(result.unstartedRunsRemoved ? { unstartedRunsRemoved: result.unstartedRunsRemoved } : {}),
        auditRetentionDays: deps.auditRetentionDays,
      })
    },

    async settleUnstartedRuns({ batchSize }) {
      // A day is far longer than any start takes, or any repeat of one with its idempotency key.
      const runs = await deps.store.findUnstartedRuns(new Date(Date.now() - day), batchSize)
      let started = 0
      let removed = 0
      for (const run of runs) {
        const known = await deps.client.workflowService
          .describeWorkflowExecution({ namespace: deps.namespace, execution: { workflowId: run.workflowId } })
          .then(
            () => true,
            (error: { code?: unknown }) => {
              if (error.code === grpcNotFound) return false
              throw error
            },
          )
        if (await deps.store.settleUnstartedRun(run.id, known ? 'started' : 'never-started')) {
          if (known) started += 1
          else removed += 1
        }
        heartbeatActivity({ started, removed })
      }
      return { started, removed }
    },
  }
}

/** When the retention job runs: every night at 03:30, Dutch time. */
export const retentionScheduleSpec = {
  calendars: [{ hour: 3, minute: 30, comment: 'Warmflow retention' }],
  timezone: 'Europe/Amsterdam',
}

/**
 * Makes Warmflow's own retention schedule for `taskQueue` (`warmflow-retention` on the default
 * queue, see {@link retentionScheduleIdFor}) exist and match this worker:
 * daily at 03:30 Europe/Amsterdam, starting `retentionJob` on `taskQueue` without input (terms
 * are measured at the workflow's time), never two at once. Creates it, or updates one that is
 * there; safe on every start of every worker.
 *
 * @example
 * await ensureRetentionSchedule(client, { taskQueue: 'warmflow' }) // 'created' or 'updated'
 */
export async function ensureRetentionSchedule(
  client: Client,
  options: { taskQueue: string },
): Promise<'created' | 'updated'> {
  const scheduleId = retentionScheduleIdFor(options.taskQueue)
  const action = {
    type: 'startWorkflow' as const,
    workflowType: retentionWorkflowType,
    taskQueue: options.taskQueue,
    workflowId: scheduleId,
    args: [],
  }
  const note = 'Warmflow retention: removes runs past their term and audit lines past the audit term'
  for (let attempt = 1; ; attempt++) {
    try {
      await client.schedule.create({
        scheduleId,
        spec: retentionScheduleSpec,
        action,
        // A missed night (Temporal down) is caught up within a day; never two jobs at once.
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
        state: { note },
      })
      return 'created'
    } catch (error) {
      if ((error as Error).name !== 'ScheduleAlreadyRunning') throw error
    }
    try {
      await client.schedule.getHandle(scheduleId).update((previous) => ({
        ...previous,
        spec: retentionScheduleSpec,
        action,
        policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
        state: { ...previous.state, note },
      }))
      return 'updated'
    } catch (error) {
      // Deleted between the two calls (by an operator, or a test): created again, three tries at most.
      if ((error as Error).name !== 'ScheduleNotFoundError' || attempt >= 3) throw error
    }
  }
}
