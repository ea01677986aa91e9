import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { destroyRunKeys } from '../subjects/run-keys.js'

/** The statuses of a run that has ended; only such runs are removed (a waiting run is still in use). */
export const endedRunStatuses = ['completed', 'failed', 'cancelled', 'terminated', 'timed_out'] as const

/** The term of a flow that sets none (the flow model's default). */
export const defaultRetentionDays = 90

/**
 * The shortest audit term: NEN 7513 asks that logs of who viewed what are kept at least five
 * years (5 × 365 + 1 leap day). `purge_audit_log` in the database refuses to go below it too.
 */
export const minimumAuditRetentionDays = 1826

/** A run whose term has passed, as the retention job finds it. */
export interface ExpiredRun {
  id: string
  workflowId: string
  /** The term of the flow version (or test definition) the run ran with. */
  retentionDays: number
  /** The flow says `retentionRecords: 'remove'`: the records the run saved go too. */
  removeRecords: boolean
}

/** What removing one run's contents changed in PostgreSQL, in rows. */
export interface RemovedContents {
  nodeOutputs: number
  tasks: number
  taskEvents: number
  emailDeliveries: number
  /** Intakes, their progress reports and notifications; only when the flow says `remove`. */
  records: number
}

/** A run row saved for a start that, as far as the row knows, never reached Temporal. */
export interface UnstartedRun {
  id: string
  workflowId: string
}

/** The retention job's access to PostgreSQL; built by {@link createRetentionStore}. */
export interface RetentionStore {
  /**
   * Ended runs not yet removed whose term (the `retentionDays` of the version they ran with)
   * had passed at `now`, counted from their end; oldest first, at most `limit`.
   */
  findExpiredRuns(now: Date, limit: number): Promise<ExpiredRun[]>
  /**
   * Removes one run's contents from PostgreSQL and marks its row removed, in one transaction:
   * large node outputs are deleted; tasks keep their ids, times, status and decision but lose
   * their data (AI drafts included), form and filled-in fields; task events lose their data;
   * e-mail deliveries lose their recipients. When the flow says `retentionRecords: 'remove'`,
   * the intakes the run saved (keyed `<workflow id>/<node id>`), their progress reports and the
   * notifications it sent are deleted as well. The run's links to the person it was about
   * (`run_subjects`) go, and its data key is destroyed. Ids, times and outcomes stay for the
   * impact figures and the audit trail. Idempotent: a removed run is left alone.
   */
  removeRunContents(run: ExpiredRun): Promise<RemovedContents>
  /**
   * Removes at most `limit` audit lines older than `cutoff` (never one younger than
   * {@link minimumAuditRetentionDays}, which the database function enforces); returns how many.
   */
  purgeAuditLog(cutoff: Date, limit: number): Promise<number>
  /**
   * Rows still `starting` that were saved before `before`: their start died between saving the
   * row and starting the workflow, and no repeat came. Oldest first, at most `limit`.
   */
  findUnstartedRuns(before: Date, limit: number): Promise<UnstartedRun[]>
  /**
   * Settles one such row: `started` (Temporal knows its workflow) marks it `running`, for the
   * read-back to follow from there; `never-started` deletes it, as a refused start does, since
   * nothing of it ran. A row that left `starting` meanwhile is left alone. True when it changed.
   */
  settleUnstartedRun(id: string, outcome: 'started' | 'never-started'): Promise<boolean>
  /** Appends one line to the audit log: what a job run removed, in counts (no content). */
  recordJobRun(details: Record<string, number | string>): Promise<void>
}

/**
 * The PostgreSQL side of retention, for the worker's retention activities.
 *
 * @example
 * const store = createRetentionStore(db)
 * for (const run of await store.findExpiredRuns(new Date(), 500)) await store.removeRunContents(run)
 */
export function createRetentionStore(db: Kysely<Database>): RetentionStore {
  return {
    async findExpiredRuns(now, limit) {
      const { rows } = await sql<{
        id: string
        workflow_id: string
        retention_days: number
        remove_records: boolean
      }>`
        select id, workflow_id, retention_days, remove_records from (
          select r.id, r.workflow_id, r.updated_at,
            coalesce((coalesce(r.definition, v.definition) ->> 'retentionDays')::integer, ${defaultRetentionDays}) as retention_days,
            coalesce(coalesce(r.definition, v.definition) ->> 'retentionRecords' = 'remove', false) as remove_records
          from runs r
          left join flow_versions v on v.flow_id = r.flow_id and v.version = r.flow_version
          where r.removed_at is null and r.status in (${sql.join([...endedRunStatuses])})
            -- No term is shorter than a day: the index on updated_at skips every younger run.
            and r.updated_at < ${now}::timestamptz - interval '1 day'
          order by r.updated_at, r.id
        ) ended
        where updated_at < ${now}::timestamptz - make_interval(days => retention_days)
        limit ${Math.max(1, Math.floor(limit))}`.execute(db)
      return rows.map((row) => ({
        id: row.id,
        workflowId: row.workflow_id,
        retentionDays: Number(row.retention_days),
        removeRecords: row.remove_records === true,
      }))
    },

    async removeRunContents(run) {
      return db.transaction().execute(async (trx) => {
        // Lock the row: two job runs at once remove a run once.
        const row = await trx
          .selectFrom('runs')
          .select('removed_at')
          .where('id', '=', run.id)
          .forUpdate()
          .executeTakeFirst()
        if (!row || row.removed_at !== null) return { ...noContents }
        const removed = await clearRunContents(trx, run, run.removeRecords)
        await trx
          .updateTable('runs')
          .set({ removed_at: sql<Date>`now()`, removed_after_days: run.retentionDays })
          .where('id', '=', run.id)
          .execute()
        return removed
      })
    },

    async purgeAuditLog(cutoff, limit) {
      const { rows } = await sql<{ removed: number }>`
        select purge_audit_log(${cutoff}::timestamptz, ${Math.max(1, Math.min(10_000, Math.floor(limit)))}::integer) as removed`.execute(
        db,
      )
      return Number(rows[0]?.removed ?? 0)
    },

    async findUnstartedRuns(before, limit) {
      const rows = await db
        .selectFrom('runs')
        .select(['id', 'workflow_id'])
        .where('status', '=', 'starting')
        .where('created_at', '<', before)
        .orderBy('created_at')
        .limit(Math.max(1, Math.floor(limit)))
        .execute()
      return rows.map((row) => ({ id: row.id, workflowId: row.workflow_id }))
    },

    async settleUnstartedRun(id, outcome) {
      const result =
        outcome === 'started'
          ? await db
              .updateTable('runs')
              .set({ status: 'running', updated_at: new Date() })
              .where('id', '=', id)
              .where('status', '=', 'starting')
              .executeTakeFirst()
              .then((r) => r.numUpdatedRows)
          : await db
              .deleteFrom('runs')
              .where('id', '=', id)
              .where('status', '=', 'starting')
              .executeTakeFirst()
              .then((r) => r.numDeletedRows)
      return Number(result) > 0
    },

    async recordJobRun(details) {
      await db
        .insertInto('audit_log')
        .values({
          action: 'retention.run',
          object_type: 'retention',
          actor_email: 'system',
          details: JSON.stringify(details),
        })
        .execute()
    },
  }
}

const noContents: RemovedContents = {
  nodeOutputs: 0,
  tasks: 0,
  taskEvents: 0,
  emailDeliveries: 0,
  records: 0,
}

/**
 * Removes one run's contents (see {@link RetentionStore.removeRunContents}) inside the caller's
 * transaction, without marking the row: retention marks it removed, erasure marks it erased.
 */
export async function clearRunContents(
  trx: Kysely<Database>,
  run: { id: string; workflowId: string },
  removeRecords: boolean,
): Promise<RemovedContents> {
  const outputs = await trx.deleteFrom('node_outputs').where('run_id', '=', run.id).executeTakeFirst()
  const taskIds = trx.selectFrom('tasks').select('id').where('run_id', '=', run.id)
  const events = await trx
    .updateTable('task_events')
    .set({ data: '{}' })
    .where('task_id', 'in', taskIds)
    .where(sql<boolean>`data <> '{}'::jsonb`)
    .executeTakeFirst()
  // The decision stays (the impact figures count it); the filled-in fields and reason go.
  const tasks = await trx
    .updateTable('tasks')
    .set({
      data: '{}',
      form: '{"fields":{}}',
      outcome: sql<string>`case when outcome is null then null else jsonb_build_object('decision', outcome -> 'decision') end`,
    })
    .where('run_id', '=', run.id)
    .executeTakeFirst()
  // The delivery log stays (so a retry never sends twice), without whom it went to.
  const deliveries = await trx
    .updateTable('email_deliveries')
    .set({ recipients: '[]' })
    .where('run_id', '=', run.id)
    .executeTakeFirst()
  const records = removeRecords ? await removeRecordsOf(trx, run) : 0
  // Whom the run was about, and its data key: without the key, no copy of its Temporal
  // payloads (a backup, a history export) can be read any more.
  await trx.deleteFrom('run_subjects').where('run_id', '=', run.id).execute()
  await destroyRunKeys(trx, [run.workflowId])
  return {
    nodeOutputs: Number(outputs.numDeletedRows),
    tasks: Number(tasks.numUpdatedRows),
    taskEvents: Number(events.numUpdatedRows),
    emailDeliveries: Number(deliveries.numUpdatedRows),
    records,
  }
}

/**
 * Deletes the records one run saved: its intakes (a records node keys them `<workflow id>/<node
 * id>`; a retry keys them with the first run's workflow id, so they go with that run), their
 * progress reports, and the notifications it sent. Returns how many rows went.
 */
async function removeRecordsOf(
  trx: Kysely<Database>,
  run: { id: string; workflowId: string },
): Promise<number> {
  // starts_with compares bytes: a collation that skips punctuation cannot widen the match.
  const savedByRun = sql<boolean>`starts_with(run_id, ${`${run.workflowId}/`})`
  const intakeIds = trx.selectFrom('intakes').select('id').where(savedByRun)
  const reports = await trx
    .deleteFrom('progress_reports')
    .where('intake_id', 'in', intakeIds)
    .executeTakeFirst()
  const intakes = await trx.deleteFrom('intakes').where(savedByRun).executeTakeFirst()
  const notifications = await trx.deleteFrom('notifications').where('run_id', '=', run.id).executeTakeFirst()
  return (
    Number(reports.numDeletedRows) + Number(intakes.numDeletedRows) + Number(notifications.numDeletedRows)
  )
}
