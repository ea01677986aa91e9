import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { editRatio } from './edit-ratio.js'

/**
 * Longest gap between two activity beats that still counts as work. The inbox sends a beat
 * every {@link activityBeatSeconds} seconds while the task is open in a visible tab that was used
 * recently; a longer gap (tab hidden, lunch, a closed laptop) starts a new stretch and counts 0.
 */
export const maxBeatGapMs = 60_000

/** How often the inbox sends an activity beat while someone works on a task. */
export const activityBeatSeconds = 20

/** Fields that may be large: only this many drafts are measured per decided task. */
const maxDraftsPerTask = 20

type Data = Record<string, unknown>
const asRecord = (value: unknown): Data | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : undefined

/** An AI draft in a task's data: a text with a `<field>Meta` sibling that names its method. */
export interface FoundDraft {
  /** Path of the draft in the task data: `samenvatting` or `verslag.samenvatting`. */
  path: string
  /** The field's own name, which a form field of the same name edits. */
  field: string
  text: string
  method: string
  model: string | null
}

/**
 * Every AI draft in a task's data, at the top level or one level down (an AI node's output
 * object), the way the inbox finds them: only a text with a `…Meta` sibling carrying a
 * `method` counts as AI-made.
 *
 * @example
 * findDrafts({ samenvatting: 'Kort.', samenvattingMeta: { method: 'offline-basic' } })
 * // [{ path: 'samenvatting', field: 'samenvatting', text: 'Kort.', method: 'offline-basic', model: null }]
 */
export function findDrafts(data: Data): FoundDraft[] {
  const found: FoundDraft[] = []
  const scan = (record: Data, prefix: string) => {
    for (const [field, value] of Object.entries(record)) {
      const meta = asRecord(record[`${field}Meta`])
      if (typeof value !== 'string' || !meta || typeof meta.method !== 'string') continue
      found.push({
        path: prefix + field,
        field,
        text: value,
        method: meta.method.slice(0, 64),
        model: typeof meta.model === 'string' ? meta.model.slice(0, 200) : null,
      })
    }
  }
  scan(data, '')
  for (const [key, value] of Object.entries(data)) {
    const record = asRecord(value)
    if (record) scan(record, `${key}.`)
  }
  return found.slice(0, maxDraftsPerTask)
}

/** What became of a draft, by the decision and the value the person approved. */
export type DraftVerdict = { verdict: 'accepted' | 'edited' | 'rejected'; editRatio: number | null }

/**
 * Judges one draft: a rejected task rejects its draft; an approved value that is the draft
 * (whitespace aside) accepts it; an emptied field rejects it; any other value edits it, with
 * the share changed. When the form has no field for the draft, approving accepts it unchanged.
 *
 * @example
 * judgeDraft('Kort verslag.', 'approve', 'Kort verslag.') // { verdict: 'accepted', editRatio: 0 }
 */
export function judgeDraft(draft: string, decision: string, approved: unknown): DraftVerdict {
  if (decision !== 'approve' && decision !== 'approved') return { verdict: 'rejected', editRatio: null }
  if (typeof approved !== 'string') return { verdict: 'accepted', editRatio: 0 }
  if (approved.trim() === '') return { verdict: 'rejected', editRatio: null }
  const ratio = editRatio(draft, approved)
  return ratio === 0 ? { verdict: 'accepted', editRatio: 0 } : { verdict: 'edited', editRatio: ratio }
}

type Executor = Kysely<Database>

/**
 * Makes sure a task has its measures row, with keys copied from the task and its run (the run's
 * team and start, which never change), so the report reads a team's period by index.
 */
async function ensureMeasures(db: Executor, taskId: string): Promise<boolean> {
  const inserted = await sql`
    insert into task_measures (task_id, run_id, flow_id, team_id, node_id, run_created_at, created_at)
    select t.id, t.run_id, t.flow_id, coalesce(r.team_id, t.team_id), t.node_id, coalesce(r.created_at, t.created_at), t.created_at
    from tasks t left join runs r on r.id = t.run_id
    where t.id = ${taskId}
    on conflict (task_id) do nothing`.execute(db)
  if (Number(inserted.numAffectedRows ?? 0n) > 0) return true
  const row = await db
    .selectFrom('task_measures')
    .select('task_id')
    .where('task_id', '=', taskId)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Records that someone opened an open task: the first time ends its wait, and every opening
 * starts a stretch of activity (the next beat within {@link maxBeatGapMs} counts).
 */
export async function recordTaskOpened(db: Executor, taskId: string, at: Date): Promise<void> {
  if (!(await ensureMeasures(db, taskId))) return
  await db
    .updateTable('task_measures')
    .set({ opened_at: sql`coalesce(opened_at, ${at})`, last_beat_at: at })
    .where('task_id', '=', taskId)
    .where('decided_at', 'is', null)
    .execute()
}

/** Records the first claim of a task (the end of its wait when nobody opened it before). */
export async function recordTaskClaimed(db: Executor, taskId: string, at: Date): Promise<void> {
  if (!(await ensureMeasures(db, taskId))) return
  await db
    .updateTable('task_measures')
    .set({ claimed_at: sql`coalesce(claimed_at, ${at})` })
    .where('task_id', '=', taskId)
    .execute()
}

/**
 * Records an activity beat: the time since the previous beat counts as handling time when it is
 * at most {@link maxBeatGapMs}; a beat that comes out of order or after a longer pause only
 * starts a new stretch. Beats of a decided task change nothing.
 *
 * @example
 * await recordActivity(db, taskId, new Date())
 */
export async function recordActivity(db: Executor, taskId: string, at: Date): Promise<void> {
  if (!(await ensureMeasures(db, taskId))) return
  await sql`
    update task_measures set
      active_ms = active_ms + case
        when last_beat_at is not null and ${at}::timestamptz > last_beat_at
          and ${at}::timestamptz - last_beat_at <= make_interval(secs => ${maxBeatGapMs / 1000})
        then (extract(epoch from (${at}::timestamptz - last_beat_at)) * 1000)::bigint
        else 0 end,
      last_beat_at = greatest(last_beat_at, ${at}::timestamptz),
      opened_at = coalesce(opened_at, ${at}::timestamptz)
    where task_id = ${taskId} and decided_at is null`.execute(db)
}

/** A decision as the task store records it. */
export interface DecisionMeasure {
  taskId: string
  decision: string
  fields: Record<string, unknown>
  userId: string
  at: Date
  /** The task's data as the inbox shows it (opened when it is sealed with the run's key). */
  taskData?: Record<string, unknown>
}

/**
 * Records a task's decision once: when and by whom (kept for the team total of distinct people,
 * never reported per person), and for every AI draft in the task's data whether it was
 * accepted, edited (with its edit ratio) or rejected. Meant to run in the transaction that
 * completes the task.
 */
export async function recordTaskDecision(db: Executor, measure: DecisionMeasure): Promise<void> {
  const task = await db
    .selectFrom('tasks')
    .select(['id', 'run_id', 'flow_id', 'node_id', 'data'])
    .where('id', '=', measure.taskId)
    .executeTakeFirst()
  if (!task) return
  await ensureMeasures(db, task.id)
  const decided = await db
    .updateTable('task_measures')
    .set({ decided_at: measure.at, decided_by: measure.userId, decision: measure.decision })
    .where('task_id', '=', task.id)
    .where('decided_at', 'is', null)
    .returning(['team_id', 'run_created_at'])
    .executeTakeFirst()
  if (!decided) return
  const drafts = findDrafts(measure.taskData ?? asRecord(task.data) ?? {})
  if (drafts.length === 0) return
  await db
    .insertInto('ai_draft_measures')
    .values(
      drafts.map((draft) => {
        const judged = judgeDraft(draft.text, measure.decision, measure.fields[draft.field])
        return {
          task_id: task.id,
          field: draft.path,
          run_id: task.run_id,
          flow_id: task.flow_id,
          team_id: decided.team_id,
          node_id: task.node_id,
          run_created_at: decided.run_created_at,
          method: draft.method,
          model: draft.model,
          verdict: judged.verdict,
          edit_ratio: judged.editRatio,
          decided_at: measure.at,
        }
      }),
    )
    .onConflict((oc) => oc.columns(['task_id', 'field']).doNothing())
    .execute()
}
