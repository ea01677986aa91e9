import type { Database } from '@warmflow/store'
import { type Kysely, sql } from 'kysely'

/** A figure about fewer cases than this is not shown. */
export const minCases = 5

/**
 * Handling times (and minutes saved, which reveal them) are shown only when at least this many
 * different people decided the tasks: with fewer, a figure would be one person's speed.
 */
export const minPeople = 3

/** The time zone whose Monday starts a week bucket. */
export const bucketTimeZone = 'Europe/Amsterdam'

/** What the report covers. */
export interface ImpactQuery {
  /** The teams whose flows count (the viewer's, or the one team asked for). */
  teamIds: string[]
  flowId?: string
  from: Date
  to: Date
}

/** The aggregate figures of one group of cases (a flow, a week, a team); `null` when hidden. */
export interface ImpactFigures {
  /** True when the group has fewer than {@link minCases} cases: no figure is shown. */
  hidden: boolean
  cases: number | null
  completed: number | null
  failed: number | null
  /** Cases from the demo's example history ("voorbeeldgegevens"). */
  exampleCases: number | null
  leadTimeHours: { median: number; p90: number } | null
  /** Median hours from the start of a case to its first human decision. */
  decisionLeadHours: number | null
  /** Active handling time per completed case with a human task: median and quartiles. */
  handlingMinutes: { median: number; p25: number; p75: number } | null
  /** Why handling figures are hidden: too few cases, or too few different people. */
  handlingHiddenBecause: 'cases' | 'people' | null
  /** Completed cases of flows with a baseline: minutes by hand − measured handling, summed. */
  minutesSaved: number | null
  /** Completed cases that count for {@link ImpactFigures.minutesSaved}. */
  baselineCases: number | null
  drafts: { accepted: number; edited: number; rejected: number; medianEditRatio: number | null } | null
}

/** Per human-task node of a flow. */
export interface ImpactNodeFigures {
  nodeId: string
  /** The node's label in the flow, when it has one. */
  label: string | null
  hidden: boolean
  tasks: number | null
  waitMinutesMedian: number | null
  handlingMinutesMedian: number | null
  decisionLeadHoursMedian: number | null
  /** The designer's per-node baseline: minutes this task took by hand; null when not entered. */
  minutesByHand: number | null
  /** Decided tasks of completed cases at this node: its tasks × minutes by hand − measured handling. */
  minutesSaved: number | null
  /** Decided tasks of completed cases that count for {@link ImpactNodeFigures.minutesSaved}. */
  baselineTasks: number | null
}

/** Per AI draft field, node and method. */
export interface ImpactDraftFigures {
  nodeId: string
  field: string
  method: string
  model: string | null
  hidden: boolean
  accepted: number | null
  edited: number | null
  rejected: number | null
  medianEditRatio: number | null
}

/** One flow in the report. */
export interface ImpactFlow {
  flowId: string
  name: string
  /** The designer's baseline: minutes one case took by hand; null when not entered. */
  minutesByHand: number | null
  /** The designer's baselines per human-task node (node id → minutes); empty when none. */
  minutesByHandPerNode: Record<string, number>
  /**
   * Which baseline minutes saved use: `nodes` (the sum over the human-task nodes with a baseline,
   * whenever one is given), `flow` (minutes by hand per case), or `null` (none: not shown).
   */
  baselineSource: 'nodes' | 'flow' | null
  totals: ImpactFigures
  weeks: (ImpactFigures & { week: string })[]
  nodes: ImpactNodeFigures[]
  drafts: ImpactDraftFigures[]
}

/** The impact report: the team (all flows in scope) and each flow, for the period. */
export interface ImpactReport {
  totals: ImpactFigures
  weeks: (ImpactFigures & { week: string })[]
  flows: ImpactFlow[]
}

interface CaseRow {
  flow_id: string | null
  wk: string | null
  g_flow: number
  g_wk: number
  cases: string
  completed: string
  failed: string
  example: string
  /** p50 and p90 of the lead time of completed cases. */
  lead_pcts: [number, number] | null
  decision_p50: number | null
  handled_cases: string
  /** p25, p50 and p75 of the handling time per case. */
  handling_quartiles: [number, number, number] | null
  baseline_cases: string
  saved_ms: string | null
}

interface TaskRow {
  flow_id: string | null
  wk: string | null
  node_id: string | null
  g_flow: number
  g_wk: number
  g_node: number
  tasks: string
  people: string
  wait_p50: number | null
  handling_p50: number | null
  decision_p50: number | null
}

/** Per task node with a baseline: its decided tasks of completed cases and what they saved. */
interface SavedRow {
  flow_id: string
  node_id: string
  baseline_tasks: string
  baseline_people: string
  saved_ms: string | null
}

interface DraftRow {
  flow_id: string | null
  wk: string | null
  node_id: string | null
  field: string | null
  method: string | null
  model: string | null
  g_flow: number
  g_wk: number
  g_detail: number
  accepted: string
  edited: string
  rejected: string
  ratio_p50: number | null
}

const hour = 3_600_000
const minute = 60_000
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits

/**
 * The report as one statement: the cases in scope (non-test runs of the teams, or the flow,
 * started in the period) are read once, and three aggregates are made of them — per case, per
 * decided task and per AI draft — each by flow and week, flow, week and in total (grouping sets);
 * tasks also by flow and node, drafts also by flow, node, field and method; and, for the task
 * nodes with a per-node baseline only, what their tasks of completed cases saved. Every figure
 * describes the same cases. Only these aggregate rows leave the database, one JSON object per row.
 */
export function impactQuery(query: ImpactQuery) {
  const flowFilter = query.flowId ? sql`and r.flow_id = ${query.flowId}::uuid` : sql``
  const week = sql`to_char(wk at time zone ${bucketTimeZone}, 'YYYY-MM-DD')`
  return sql<{ kind: 'cases' | 'tasks' | 'drafts' | 'saved'; row: CaseRow | TaskRow | DraftRow | SavedRow }>`
    with cases as materialized (
      select r.id, r.flow_id, r.status, r.trigger, r.created_at,
        extract(epoch from (r.updated_at - r.created_at)) * 1000 as lead_ms,
        date_trunc('week', r.created_at, ${bucketTimeZone}) as wk
      from runs r
      where r.team_id = any(${query.teamIds}::uuid[]) ${flowFilter}
        and r.created_at >= ${query.from} and r.created_at < ${query.to}
        and r.trigger <> 'test'
    ),
    node_baselines as materialized (
      select f.id as flow_id, e.key as node_id, e.value::numeric as minutes
      from flows f, jsonb_each(case when jsonb_typeof(f.draft -> 'impact' -> 'minutesByHandPerNode') = 'object'
        then f.draft -> 'impact' -> 'minutesByHandPerNode' else '{}'::jsonb end) e
      where f.team_id = any(${query.teamIds}::uuid[]) and jsonb_typeof(e.value) = 'number'
    ),
    baselines as materialized (
      select f.id as flow_id,
        case when jsonb_typeof(f.draft -> 'impact' -> 'minutesByHand') = 'number'
          then (f.draft -> 'impact' ->> 'minutesByHand')::numeric end as baseline,
        exists (select 1 from node_baselines n where n.flow_id = f.id) as per_node
      from flows f
      where f.team_id = any(${query.teamIds}::uuid[])
        and (jsonb_typeof(f.draft -> 'impact' -> 'minutesByHand') = 'number'
          or exists (select 1 from node_baselines n where n.flow_id = f.id))
    ),
    decided as materialized (
      select c.flow_id, c.wk, c.status, c.created_at as run_created, m.run_id, m.node_id, m.active_ms, m.decided_by,
        m.created_at, m.opened_at, m.claimed_at, m.decided_at, nb.minutes as node_baseline
      from task_measures m join cases c on c.id = m.run_id
      left join node_baselines nb on nb.flow_id = c.flow_id and nb.node_id = m.node_id
      where m.team_id = any(${query.teamIds}::uuid[])
        and m.run_created_at >= ${query.from} and m.run_created_at < ${query.to}
        and m.decided_at is not null
    ),
    per_case as (
      select c.*, b.per_node, coalesce(h.tasks, 0) as tasks, coalesce(h.handling_ms, 0) as handling_ms,
        extract(epoch from (h.first_decided - c.created_at)) * 1000 as decision_ms,
        -- With per-node baselines a case saves what its tasks at those nodes saved (and counts
        -- only when it had such a task); otherwise the flow's baseline minus all its handling.
        case when b.per_node then case when h.baseline_tasks > 0 then h.node_saved_ms end
          else b.baseline * 60000 - coalesce(h.handling_ms, 0) end as saved_ms
      from cases c
      left join baselines b on b.flow_id = c.flow_id
      left join (
        select run_id, count(*) as tasks, sum(active_ms) as handling_ms, min(decided_at) as first_decided,
          count(*) filter (where node_baseline is not null) as baseline_tasks,
          sum(node_baseline * 60000 - active_ms) filter (where node_baseline is not null) as node_saved_ms
        from decided group by run_id
      ) h on h.run_id = c.id
    ),
    case_rows as (
      select flow_id, ${week} as wk, grouping(flow_id) as g_flow, grouping(wk) as g_wk,
        count(*) as cases,
        count(*) filter (where status = 'completed') as completed,
        count(*) filter (where status = 'failed') as failed,
        count(*) filter (where trigger = 'example') as example,
        percentile_cont(array[0.5, 0.9]) within group (order by lead_ms) filter (where status = 'completed') as lead_pcts,
        percentile_cont(0.5) within group (order by decision_ms) as decision_p50,
        count(*) filter (where status = 'completed' and tasks > 0) as handled_cases,
        percentile_cont(array[0.25, 0.5, 0.75]) within group (order by handling_ms)
          filter (where status = 'completed' and tasks > 0) as handling_quartiles,
        count(*) filter (where status = 'completed' and saved_ms is not null) as baseline_cases,
        sum(saved_ms) filter (where status = 'completed') as saved_ms
      from per_case
      group by grouping sets ((flow_id, wk), (flow_id), (wk), ())
    ),
    task_rows as (
      select flow_id, ${week} as wk, node_id,
        grouping(flow_id) as g_flow, grouping(wk) as g_wk, grouping(node_id) as g_node,
        count(*) as tasks,
        count(distinct decided_by collate "C") as people,
        percentile_cont(0.5) within group (order by extract(epoch from (least(opened_at, claimed_at, decided_at) - created_at)) * 1000) as wait_p50,
        percentile_cont(0.5) within group (order by active_ms) as handling_p50,
        percentile_cont(0.5) within group (order by extract(epoch from (decided_at - run_created)) * 1000) as decision_p50
      from decided
      group by grouping sets ((flow_id, wk), (flow_id), (wk), (), (flow_id, node_id))
    ),
    saved_rows as (
      select flow_id, node_id, count(*) as baseline_tasks,
        count(distinct decided_by collate "C") as baseline_people,
        sum(node_baseline * 60000 - active_ms) as saved_ms
      from decided
      where status = 'completed' and node_baseline is not null
      group by flow_id, node_id
    ),
    draft_rows as (
      select c.flow_id, to_char(c.wk at time zone ${bucketTimeZone}, 'YYYY-MM-DD') as wk, d.node_id, d.field, d.method, d.model,
        grouping(c.flow_id) as g_flow, grouping(c.wk) as g_wk, grouping(d.node_id, d.field, d.method, d.model) as g_detail,
        count(*) filter (where d.verdict = 'accepted') as accepted,
        count(*) filter (where d.verdict = 'edited') as edited,
        count(*) filter (where d.verdict = 'rejected') as rejected,
        percentile_cont(0.5) within group (order by d.edit_ratio) filter (where d.verdict = 'edited') as ratio_p50
      from ai_draft_measures d join cases c on c.id = d.run_id
      where d.team_id = any(${query.teamIds}::uuid[])
        and d.run_created_at >= ${query.from} and d.run_created_at < ${query.to}
      group by grouping sets ((c.flow_id, c.wk), (c.flow_id), (c.wk), (), (c.flow_id, d.node_id, d.field, d.method, d.model))
    )
    select 'cases' as kind, to_jsonb(case_rows) as row from case_rows
    union all select 'tasks', to_jsonb(task_rows) from task_rows
    union all select 'drafts', to_jsonb(draft_rows) from draft_rows
    union all select 'saved', to_jsonb(saved_rows) from saved_rows`
}

/**
 * Runs {@link impactQuery} in a read-only transaction without JIT compilation or parallel
 * workers: for a query of this size their start-up costs more than they save.
 */
export async function queryImpactRows(db: Kysely<Database>, query: ImpactQuery) {
  const rows = await db.transaction().execute(async (trx) => {
    await sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(
      trx,
    )
    return (await impactQuery(query).execute(trx)).rows
  })
  return {
    cases: rows.filter((r) => r.kind === 'cases').map((r) => r.row as CaseRow),
    tasks: rows.filter((r) => r.kind === 'tasks').map((r) => r.row as TaskRow),
    drafts: rows.filter((r) => r.kind === 'drafts').map((r) => r.row as DraftRow),
    saved: rows.filter((r) => r.kind === 'saved').map((r) => r.row as SavedRow),
  }
}

const keyOf = (flow: string | null, week: string | null) => `${flow ?? '*'}|${week ?? '*'}`

function figures(
  row: CaseRow | undefined,
  tasks: TaskRow | undefined,
  drafts: DraftRow | undefined,
): ImpactFigures {
  const cases = Number(row?.cases ?? 0)
  if (!row || cases < minCases) {
    return {
      hidden: true,
      cases: null,
      completed: null,
      failed: null,
      exampleCases: null,
      leadTimeHours: null,
      decisionLeadHours: null,
      handlingMinutes: null,
      handlingHiddenBecause: 'cases',
      minutesSaved: null,
      baselineCases: null,
      drafts: null,
    }
  }
  const handled = Number(row.handled_cases)
  const people = Number(tasks?.people ?? 0)
  const handlingHiddenBecause = handled < minCases ? 'cases' : people < minPeople ? 'people' : null
  const baselineCases = Number(row.baseline_cases)
  const draftTotal = drafts ? Number(drafts.accepted) + Number(drafts.edited) + Number(drafts.rejected) : 0
  return {
    hidden: false,
    cases,
    completed: Number(row.completed),
    failed: Number(row.failed),
    exampleCases: Number(row.example),
    leadTimeHours:
      !row.lead_pcts || Number(row.completed) < minCases
        ? null
        : { median: round(row.lead_pcts[0] / hour, 2), p90: round(row.lead_pcts[1] / hour, 2) },
    decisionLeadHours:
      row.decision_p50 === null || handled < minCases ? null : round(row.decision_p50 / hour, 2),
    handlingMinutes:
      handlingHiddenBecause || !row.handling_quartiles
        ? null
        : {
            median: round(row.handling_quartiles[1] / minute),
            p25: round(row.handling_quartiles[0] / minute),
            p75: round(row.handling_quartiles[2] / minute),
          },
    handlingHiddenBecause,
    minutesSaved:
      baselineCases < minCases || handlingHiddenBecause === 'people' || row.saved_ms === null
        ? null
        : Math.round(Number(row.saved_ms) / minute),
    baselineCases,
    drafts:
      !drafts || draftTotal < minCases
        ? null
        : {
            accepted: Number(drafts.accepted),
            edited: Number(drafts.edited),
            rejected: Number(drafts.rejected),
            medianEditRatio: drafts.ratio_p50 === null ? null : round(drafts.ratio_p50, 3),
          },
  }
}

/**
 * The impact report for a team's flows (or one flow) over a period, by week: cases, lead times,
 * handling time, minutes saved against the designer's baseline and what became of the AI drafts.
 * Every figure is an aggregate over at least {@link minCases} cases; handling times need at least
 * {@link minPeople} different people, so no figure describes one person's speed.
 *
 * @example
 * const report = await impactReport(db, { teamIds: [teamId], from, to })
 * report.totals.minutesSaved // e.g. 1240, or null without a baseline
 */
export async function impactReport(db: Kysely<Database>, query: ImpactQuery): Promise<ImpactReport> {
  if (query.teamIds.length === 0)
    return { totals: figures(undefined, undefined, undefined), weeks: [], flows: [] }
  let flowsQuery = db
    .selectFrom('flows')
    .select([
      'id',
      'name',
      sql<unknown>`draft -> 'impact' -> 'minutesByHand'`.as('minutes_by_hand'),
      sql<unknown>`draft -> 'impact' -> 'minutesByHandPerNode'`.as('minutes_by_hand_per_node'),
      sql<Record<string, string> | null>`(select jsonb_object_agg(n ->> 'id', n ->> 'label')
        from jsonb_array_elements(case when jsonb_typeof(draft -> 'nodes') = 'array' then draft -> 'nodes' else '[]'::jsonb end) n
        where n ->> 'type' = 'human.task' and jsonb_typeof(n -> 'label') = 'string')`.as('labels'),
    ])
    .where('team_id', 'in', query.teamIds)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .limit(500)
  if (query.flowId) flowsQuery = flowsQuery.where('id', '=', query.flowId)
  const [flows, rows] = await Promise.all([flowsQuery.execute(), queryImpactRows(db, query)])

  const caseBy = new Map<string, CaseRow>()
  for (const row of rows.cases)
    caseBy.set(keyOf(row.g_flow ? null : row.flow_id, row.g_wk ? null : row.wk), row)
  const taskBy = new Map<string, TaskRow>()
  const nodeRows: TaskRow[] = []
  for (const row of rows.tasks) {
    if (!row.g_node) nodeRows.push(row)
    else taskBy.set(keyOf(row.g_flow ? null : row.flow_id, row.g_wk ? null : row.wk), row)
  }
  const draftBy = new Map<string, DraftRow>()
  const draftDetail: DraftRow[] = []
  for (const row of rows.drafts) {
    if (!row.g_detail) draftDetail.push(row)
    else draftBy.set(keyOf(row.g_flow ? null : row.flow_id, row.g_wk ? null : row.wk), row)
  }
  const savedBy = new Map(rows.saved.map((row) => [`${row.flow_id}|${row.node_id}`, row]))
  const at = (flow: string | null, week: string | null) => {
    const key = keyOf(flow, week)
    return figures(caseBy.get(key), taskBy.get(key), draftBy.get(key))
  }
  const weeksOf = (flow: string | null) =>
    rows.cases
      .filter((r) => !r.g_wk && (flow === null ? r.g_flow : !r.g_flow && r.flow_id === flow))
      .map((r) => r.wk as string)
      .sort()
      .map((week) => ({ week, ...at(flow, week) }))

  return {
    totals: at(null, null),
    weeks: weeksOf(null),
    flows: flows.map((flow) => {
      const minutesByHand = typeof flow.minutes_by_hand === 'number' ? flow.minutes_by_hand : null
      const perNode = nodeBaselines(flow.minutes_by_hand_per_node)
      const labels = flow.labels ?? {}
      return {
        flowId: flow.id,
        name: flow.name,
        minutesByHand,
        minutesByHandPerNode: perNode,
        baselineSource:
          Object.keys(perNode).length > 0
            ? ('nodes' as const)
            : minutesByHand !== null
              ? ('flow' as const)
              : null,
        totals: at(flow.id, null),
        weeks: weeksOf(flow.id),
        nodes: nodeRows
          .filter((r) => r.flow_id === flow.id)
          .map((r) => nodeFigures(r, savedBy.get(`${flow.id}|${r.node_id}`), labels, perNode))
          .sort((x, y) => x.nodeId.localeCompare(y.nodeId)),
        drafts: draftDetail
          .filter((r) => r.flow_id === flow.id)
          .map((r) => {
            const total = Number(r.accepted) + Number(r.edited) + Number(r.rejected)
            const shown = total >= minCases
            return {
              nodeId: r.node_id as string,
              field: r.field as string,
              method: r.method as string,
              model: r.model,
              hidden: !shown,
              accepted: shown ? Number(r.accepted) : null,
              edited: shown ? Number(r.edited) : null,
              rejected: shown ? Number(r.rejected) : null,
              medianEditRatio: shown && r.ratio_p50 !== null ? round(r.ratio_p50, 3) : null,
            }
          })
          .sort((x, y) => `${x.nodeId}.${x.field}`.localeCompare(`${y.nodeId}.${y.field}`)),
      }
    }),
  }
}

/** The per-node baselines of a flow definition, keeping only numbers (the draft may be anything). */
function nodeBaselines(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  const baselines: Record<string, number> = {}
  for (const [nodeId, minutes] of Object.entries(value)) {
    if (typeof minutes === 'number' && Number.isFinite(minutes)) baselines[nodeId] = minutes
  }
  return baselines
}

/**
 * One task node's figures. Minutes saved need a baseline for the node and, like handling times
 * which they reveal, at least {@link minCases} tasks decided by {@link minPeople} different people.
 */
function nodeFigures(
  row: TaskRow,
  saved: SavedRow | undefined,
  labels: Record<string, string>,
  baselines: Record<string, number>,
): ImpactNodeFigures {
  const nodeId = row.node_id as string
  const shown = Number(row.tasks) >= minCases
  const personal = Number(row.people) < minPeople
  const baselineTasks = Number(saved?.baseline_tasks ?? 0)
  const savedShown =
    shown &&
    saved !== undefined &&
    baselineTasks >= minCases &&
    Number(saved.baseline_people) >= minPeople &&
    saved.saved_ms !== null
  return {
    nodeId,
    label: labels[nodeId] ?? null,
    hidden: !shown,
    tasks: shown ? Number(row.tasks) : null,
    waitMinutesMedian: shown && row.wait_p50 !== null ? round(row.wait_p50 / minute) : null,
    handlingMinutesMedian:
      shown && !personal && row.handling_p50 !== null ? round(row.handling_p50 / minute) : null,
    decisionLeadHoursMedian: shown && row.decision_p50 !== null ? round(row.decision_p50 / hour, 2) : null,
    minutesByHand: baselines[nodeId] ?? null,
    minutesSaved: savedShown ? Math.round(Number(saved.saved_ms) / minute) : null,
    baselineTasks: shown && nodeId in baselines ? baselineTasks : null,
  }
}
