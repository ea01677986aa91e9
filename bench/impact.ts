// The impact report on a large installation: 100 000 runs and 100 000 decided human tasks (with
// their measures and AI draft verdicts) in a scratch PostgreSQL database. Measures the p95 of the
// report (the three aggregate queries, as GET /api/v1/impact runs them) for a big team over 12
// and 52 weeks and for one flow, prints which indexes the query plans use, and compares with the
// same queries without the impact indexes.
//
//   pnpm bench:impact            (RUNS=100000 REPEAT=30)
import { impactQuery, impactReport } from '@warmflow/api/impact'
import { createScratchDatabase, ensurePostgres } from '@warmflow/cli/services'
import { createDb, migrateToLatest } from '@warmflow/store'
import { sql } from 'kysely'
import { percentile } from './stats.js'

const runs = Number(process.env.RUNS ?? 100_000)
const repeat = Number(process.env.REPEAT ?? 30)
const baselineRepeat = 10
/** A baseline query slower than this is cut off and reported as such. */
const baselineTimeoutMs = 15_000
const target = { p95Ms: 200 }
const day = 86_400_000

const scratch = await createScratchDatabase(await ensurePostgres(process.env), 'warmflow_bench_impact')
const db = createDb(scratch.url, { max: 4 })

function indexesIn(plan: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) for (const item of plan) indexesIn(item, found)
  else if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>
    if (typeof node['Index Name'] === 'string') found.add(`${node['Node Type']} using ${node['Index Name']}`)
    else if (node['Node Type'] === 'Seq Scan') found.add(`Seq Scan on ${node['Relation Name']}`)
    for (const value of Object.values(node)) if (typeof value === 'object') indexesIn(value, found)
  }
  return found
}

async function time(run: () => Promise<unknown>, times: number): Promise<number[]> {
  const durations: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await run()
    durations.push(performance.now() - started)
  }
  return durations
}

try {
  await migrateToLatest(db)
  const seedStarted = performance.now()
  // Four teams; the first (the one measured) holds half of all runs, over 10 flows.
  const teams: string[] = []
  for (let t = 0; t < 4; t++) {
    const row = await db
      .insertInto('teams')
      .values({ name: `Team ${t}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    teams.push(row.id)
  }
  const flows: { id: string; team: string }[] = []
  for (let f = 0; f < 40; f++) {
    const team = f < 10 ? teams[0]! : teams[1 + (f % 3)]!
    const definition = {
      name: `Flow ${f}`,
      description: '',
      retentionDays: 90,
      tags: [],
      // Half the flows have a baseline; half of those per human-task node, which the report sums.
      ...(f % 2 === 0
        ? { impact: { minutesByHand: 30, ...(f % 4 === 0 ? { minutesByHandPerNode: { check: 25 } } : {}) } }
        : {}),
      nodes: [{ id: 'start', type: 'manual', version: 1, config: {}, position: { x: 0, y: 0 } }],
      edges: [],
    }
    const row = await db
      .insertInto('flows')
      .values({
        name: definition.name,
        description: '',
        draft: JSON.stringify(definition),
        latest_version: 1,
        team_id: team,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('flow_versions')
      .values({ flow_id: row.id, version: 1, definition: JSON.stringify(definition), hash: `h${f}` })
      .execute()
    flows.push({ id: row.id, team })
  }
  const teamFlows = flows.slice(0, 10).map((f) => f.id)
  const otherFlows = flows.slice(10).map((f) => f.id)
  await sql`
    insert into runs (id, flow_id, flow_version, workflow_id, status, team_id, trigger, created_at, updated_at)
    select r.id, r.flow_id, 1, 'wf-' || r.id, r.status, f.team_id, 'manual', r.created, r.created + make_interval(hours => 1 + (r.n % 48))
    from (
      select gen_random_uuid() as id, n,
        case when n % 2 = 0 then (${teamFlows}::uuid[])[1 + (n / 2) % 10] else (${otherFlows}::uuid[])[1 + (n / 2) % 30] end as flow_id,
        case when n % 25 = 0 then 'failed' when n % 101 = 0 then 'running' else 'completed' end as status,
        now() - make_interval(secs => (n * 7919 % (365 * 86400))) as created
      from generate_series(1, ${runs}) as n
    ) r join flows f on f.id = r.flow_id`.execute(db)
  await sql`
    insert into tasks (id, workflow_id, run_id, flow_id, flow_version, node_id, team_id, role, title, form, data, status, outcome, created_at, updated_at, closed_at)
    select gen_random_uuid(), r.workflow_id, r.id, r.flow_id, 1, 'check', r.team_id, 'approver',
      '{"nl":"Taak","en":"Task"}', '{"fields":{}}', '{}', 'completed', '{"decision":"approved"}', r.created_at, r.updated_at, r.updated_at
    from runs r`.execute(db)
  await sql`
    insert into task_measures (task_id, run_id, flow_id, team_id, node_id, run_created_at, created_at, opened_at, claimed_at, active_ms, last_beat_at, decided_at, decided_by, decision)
    select t.id, t.run_id, t.flow_id, t.team_id, t.node_id, t.created_at, t.created_at, t.created_at + interval '10 minutes', t.created_at + interval '10 minutes',
      (300000 + (abs(hashtext(t.id::text)) % 1500000))::bigint, t.closed_at, t.closed_at, 'person-' || (abs(hashtext(t.id::text)) % 8), 'approved'
    from tasks t`.execute(db)
  await sql`
    insert into ai_draft_measures (task_id, field, run_id, flow_id, team_id, node_id, run_created_at, method, model, verdict, edit_ratio, decided_at)
    select t.id, 'samenvatting', t.run_id, t.flow_id, t.team_id, t.node_id, t.created_at, 'openai-compatible', 'model-x',
      (array['accepted', 'accepted', 'edited', 'rejected'])[1 + abs(hashtext(t.id::text)) % 4],
      case when abs(hashtext(t.id::text)) % 4 = 2 then (abs(hashtext(t.id::text)) % 100) / 100.0 end, t.closed_at
    from tasks t where abs(hashtext(t.run_id::text)) % 10 < 7`.execute(db)
  await sql`analyze`.execute(db)
  console.error('seeded; measuring the report…')
  const counts = await sql<{ runs: string; tasks: string; drafts: string }>`
    select (select count(*) from runs) as runs, (select count(*) from task_measures) as tasks,
      (select count(*) from ai_draft_measures) as drafts`.execute(db)
  console.log(
    `seeded ${counts.rows[0]!.runs} runs, ${counts.rows[0]!.tasks} tasks, ${counts.rows[0]!.drafts} AI drafts in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  )

  const now = new Date()
  // `gate`: the report's default views, held to the target; a year of a very large team is
  // printed for information.
  const scenarios = [
    {
      name: 'team, 12 weeks',
      gate: true,
      query: { teamIds: [teams[0]!], from: new Date(now.getTime() - 84 * day), to: now },
    },
    {
      name: 'team, 52 weeks',
      gate: false,
      query: { teamIds: [teams[0]!], from: new Date(now.getTime() - 364 * day), to: now },
    },
    {
      name: 'one flow, 12 weeks',
      gate: true,
      query: {
        teamIds: [teams[0]!],
        flowId: teamFlows[0]!,
        from: new Date(now.getTime() - 84 * day),
        to: now,
      },
    },
  ]

  const plans: string[] = []
  const measured: Record<string, { p50: number; p95: number; cases: number | null }> = {}
  for (const scenario of scenarios) {
    await impactReport(db, scenario.query) // warm up
    const durations = await time(() => impactReport(db, scenario.query), repeat)
    const report = await impactReport(db, scenario.query)
    measured[scenario.name] = {
      p50: percentile(durations, 50),
      p95: percentile(durations, 95),
      cases: report.totals.cases,
    }
  }
  const explained = await sql<{
    'QUERY PLAN': unknown
  }>`explain (analyze, format json) ${impactQuery(scenarios[0]!.query)}`.execute(db)
  const plan = explained.rows[0]!['QUERY PLAN']
  const total = (plan as { 'Execution Time': number }[])[0]!['Execution Time']
  plans.push(`  ${total.toFixed(1).padStart(7)} ms  ${[...indexesIn(plan)].sort().join('; ')}`)

  // Baseline: the same report without the impact indexes (cut off when slow).
  console.error('measuring the baseline without the impact indexes…')
  await sql`drop index task_measures_team_idx, ai_draft_measures_team_idx`.execute(db)
  await sql`analyze`.execute(db)
  const limitedUrl = new URL(scratch.url)
  limitedUrl.searchParams.set('options', `-c statement_timeout=${baselineTimeoutMs}`)
  const limited = createDb(limitedUrl.toString(), { max: 4 })
  const baseline: Record<string, number> = {}
  for (const scenario of scenarios) {
    try {
      baseline[scenario.name] = percentile(
        await time(() => impactReport(limited, scenario.query), baselineRepeat),
        95,
      )
    } catch {
      baseline[scenario.name] = Number.POSITIVE_INFINITY
    }
  }
  await limited.destroy()

  console.log(
    `\nimpact report, ${repeat} runs each (baseline: ${baselineRepeat} runs without the impact indexes)`,
  )
  console.log('scenario             cases    p50 ms   p95 ms  target  baseline p95 ms  baseline/with')
  let ok = true
  for (const scenario of scenarios) {
    const m = measured[scenario.name]!
    const base = baseline[scenario.name]!
    const pass = m.p95 <= target.p95Ms
    if (scenario.gate) ok &&= pass
    console.log(
      `${scenario.name.padEnd(20)} ${String(m.cases).padStart(5)} ${m.p50.toFixed(1).padStart(9)} ${m.p95.toFixed(1).padStart(8)}  ${(scenario.gate ? (pass ? '≤200 ok' : '>200 !!') : 'info').padEnd(7)} ${(Number.isFinite(base) ? base.toFixed(1) : `> ${baselineTimeoutMs}`).padStart(16)} ${(Number.isFinite(base) ? `${(base / m.p95).toFixed(1)}×` : `> ${(baselineTimeoutMs / m.p95).toFixed(0)}×`).padStart(14)}`,
    )
  }
  console.log('\nquery plans (team, 12 weeks): execution time and index use')
  for (const line of plans) console.log(line)
  if (!ok) process.exitCode = 1
} finally {
  await db.destroy()
  await scratch.drop()
}
