import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'

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
  hidden: boolean
  tasks: number | null
  waitMinutesMedian: number | null
  handlingMinutesMedian: number | null
  decisionLeadHoursMedian: number | null
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
  lead_p50: number | null
  lead_p90: number | null
  decision_p50: number | null
  handled_cases: string
  handling_p25: number | null
  handling_p50: number | null
  handling_p75: number | null
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
 * The cases in scope: non-test runs of the teams (and flow) started in the period, with their
 * flow's baseline. Every query of the report starts here, so all figures describe the same cases.
 */
function casesCte(query: ImpactQuery) {
  const flowFilter = query.flowId ? sql`and r.flow_id = ${query.flowId}::uuid` : sql``
  return sql`cases as (
    select r.id, r.flow_id, r.status, r.trigger, r.created_at,
      extract(epoch from (r.updated_at - r.created_at)) * 1000 as lead_ms,
      to_char(date_trunc('week', r.created_at, ${bucketTimeZone}) at time zone ${bucketTimeZone}, 'YYYY-MM-DD') as wk,
      case when jsonb_typeof(f.draft -> 'impact' -> 'minutesByHand') = 'number'
        then (f.draft -> 'impact' ->> 'minutesByHand')::numeric end as baseline
    from runs r join flows f on f.id = r.flow_id
    where r.team_id = any(${query.teamIds}::uuid[]) ${flowFilter}
      and r.created_at >= ${query.from} and r.created_at < ${query.to}
      and r.trigger <> 'test'
  )`
}

/** The three aggregate queries of the report; only aggregates leave the database. */
export async function queryImpactRows(db: Kysely<Database>, query: ImpactQuery) {
  const cases = casesCte(query)
  const caseRows = sql<CaseRow>`
    with ${cases},
    per_case as (
      select c.*, h.tasks, coalesce(h.handling_ms, 0) as handling_ms,
        extract(epoch from (h.first_decided - c.created_at)) * 1000 as decision_ms
      from cases c left join lateral (
        select count(*) as tasks, sum(m.active_ms) as handling_ms, min(m.decided_at) as first_decided
        from task_measures m where m.run_id = c.id and m.decided_at is not null
      ) h on true
    )
    select flow_id, wk, grouping(flow_id) as g_flow, grouping(wk) as g_wk,
      count(*) as cases,
      count(*) filter (where status = 'completed') as completed,
      count(*) filter (where status = 'failed') as failed,
      count(*) filter (where trigger = 'example') as example,
      percentile_cont(0.5) within group (order by lead_ms) filter (where status = 'completed') as lead_p50,
      percentile_cont(0.9) within group (order by lead_ms) filter (where status = 'completed') as lead_p90,
      percentile_cont(0.5) within group (order by decision_ms) as decision_p50,
      count(*) filter (where status = 'completed' and tasks > 0) as handled_cases,
      percentile_cont(0.25) within group (order by handling_ms) filter (where status = 'completed' and tasks > 0) as handling_p25,
      percentile_cont(0.5) within group (order by handling_ms) filter (where status = 'completed' and tasks > 0) as handling_p50,
      percentile_cont(0.75) within group (order by handling_ms) filter (where status = 'completed' and tasks > 0) as handling_p75,
      count(*) filter (where status = 'completed' and baseline is not null) as baseline_cases,
      sum(baseline * 60000 - handling_ms) filter (where status = 'completed' and baseline is not null) as saved_ms
    from per_case
    group by grouping sets ((flow_id, wk), (flow_id), (wk), ())`.execute(db)
  const taskRows = sql<TaskRow>`
    with ${cases}
    select c.flow_id, c.wk, m.node_id,
      grouping(c.flow_id) as g_flow, grouping(c.wk) as g_wk, grouping(m.node_id) as g_node,
      count(*) as tasks,
      count(distinct m.decided_by) as people,
      percentile_cont(0.5) within group (order by extract(epoch from (least(m.opened_at, m.claimed_at, m.decided_at) - m.created_at)) * 1000) as wait_p50,
      percentile_cont(0.5) within group (order by m.active_ms) as handling_p50,
      percentile_cont(0.5) within group (order by extract(epoch from (m.decided_at - c.created_at)) * 1000) as decision_p50
    from cases c join task_measures m on m.run_id = c.id
    where m.decided_at is not null
    group by grouping sets ((c.flow_id, c.wk), (c.flow_id), (c.wk), (), (c.flow_id, m.node_id))`.execute(db)
  const draftRows = sql<DraftRow>`
    with ${cases}
    select c.flow_id, c.wk, d.node_id, d.field, d.method, d.model,
      grouping(c.flow_id) as g_flow, grouping(c.wk) as g_wk, grouping(d.node_id, d.field, d.method, d.model) as g_detail,
      count(*) filter (where d.verdict = 'accepted') as accepted,
      count(*) filter (where d.verdict = 'edited') as edited,
      count(*) filter (where d.verdict = 'rejected') as rejected,
      percentile_cont(0.5) within group (order by d.edit_ratio) filter (where d.verdict = 'edited') as ratio_p50
    from cases c join ai_draft_measures d on d.run_id = c.id
    group by grouping sets ((c.flow_id, c.wk), (c.flow_id), (c.wk), (), (c.flow_id, d.node_id, d.field, d.method, d.model))`.execute(
    db,
  )
  const [a, b, c] = await Promise.all([caseRows, taskRows, draftRows])
  return { cases: a.rows, tasks: b.rows, drafts: c.rows }
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
      row.lead_p50 === null || row.lead_p90 === null || Number(row.completed) < minCases
        ? null
        : { median: round(row.lead_p50 / hour, 2), p90: round(row.lead_p90 / hour, 2) },
    decisionLeadHours:
      row.decision_p50 === null || handled < minCases ? null : round(row.decision_p50 / hour, 2),
    handlingMinutes:
      handlingHiddenBecause || row.handling_p50 === null
        ? null
        : {
            median: round(row.handling_p50 / minute),
            p25: round((row.handling_p25 ?? 0) / minute),
            p75: round((row.handling_p75 ?? 0) / minute),
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
    .select(['id', 'name', sql<unknown>`draft -> 'impact' -> 'minutesByHand'`.as('minutes_by_hand')])
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
    flows: flows.map((flow) => ({
      flowId: flow.id,
      name: flow.name,
      minutesByHand: typeof flow.minutes_by_hand === 'number' ? flow.minutes_by_hand : null,
      totals: at(flow.id, null),
      weeks: weeksOf(flow.id),
      nodes: nodeRows
        .filter((r) => r.flow_id === flow.id)
        .map((r) => {
          const shown = Number(r.tasks) >= minCases
          const personal = Number(r.people) < minPeople
          return {
            nodeId: r.node_id as string,
            hidden: !shown,
            tasks: shown ? Number(r.tasks) : null,
            waitMinutesMedian: shown && r.wait_p50 !== null ? round(r.wait_p50 / minute) : null,
            handlingMinutesMedian:
              shown && !personal && r.handling_p50 !== null ? round(r.handling_p50 / minute) : null,
            decisionLeadHoursMedian:
              shown && r.decision_p50 !== null ? round(r.decision_p50 / hour, 2) : null,
          }
        })
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
    })),
  }
}
