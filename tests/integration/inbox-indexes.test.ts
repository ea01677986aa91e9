// The inbox's queries (`GET /api/v1/tasks`: each list, newest first, a page at a time) against a
// database the migrations build, holding thousands of tasks: each list reads an index in the
// list's order, or a small one, instead of every task, so a page costs the same with 10,000
// open tasks as with ten.
import { createDb, type Database } from '@warmflow/store'
import { CompiledQuery, type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OwnDatabase, ownDatabase } from '../support/own-database.js'

let own: OwnDatabase
let db: Kysely<Database>
const team = '0b5e1c9e-7f59-4a8e-9d1b-3c41a1f3a001'
const otherTeam = '0b5e1c9e-7f59-4a8e-9d1b-3c41a1f3a002'
const user = '0b5e1c9e-7f59-4a8e-9d1b-3c41a1f3a0aa'

beforeAll(async () => {
  own = await ownDatabase('inbox_indexes')
  db = createDb(own.scratch.url, { max: 1 })
  // 4,000 open tasks in the team (a few assigned, a few with a deadline), 4,000 completed ones,
  // and 2,000 of another team: enough that PostgreSQL weighs its plans as with real data.
  await sql`
    insert into tasks (id, workflow_id, run_id, flow_id, flow_version, node_id, team_id, role,
                       assignee, title, form, data, status, deadline, created_at)
    select gen_random_uuid(), 'wf-' || g, gen_random_uuid(), gen_random_uuid(), 1, 'check',
           case when g <= 8000 then ${team}::uuid else ${otherTeam}::uuid end, 'approver',
           case when g % 100 = 0 then ${user} end, '{}'::jsonb, '{}'::jsonb, '{}'::jsonb,
           case when g <= 4000 or g > 8000 then 'open' else 'completed' end,
           case when g % 50 = 0 then now() + ((g % 7) - 3) * interval '1 day' end,
           now() - g * interval '1 second'
    from generate_series(1, 10000) g
  `.execute(db)
  await sql`analyze tasks`.execute(db)
}, 60_000)
afterAll(async () => {
  await db?.destroy()
  await own?.remove()
})

/** The list query as the inbox route builds it, for one list. */
function inboxQuery(view: 'team' | 'mine' | 'unassigned' | 'due_soon' | 'overdue') {
  let query: SelectQueryBuilder<Database, 'tasks', { id: string }> = db
    .selectFrom('tasks')
    .select('id')
    .where('team_id', 'in', [team])
    .where('status', '=', 'open')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(101)
  if (view === 'mine') query = query.where('assignee', '=', user)
  if (view === 'unassigned') query = query.where('assignee', 'is', null)
  if (view === 'overdue') query = query.where('deadline', '<', sql<Date>`now()`)
  if (view === 'due_soon') {
    query = query
      .where('deadline', '>=', sql<Date>`now()`)
      .where('deadline', '<', sql<Date>`now() + make_interval(hours => ${24})`)
  }
  // A viewer who is no admin sees the roles they hold and roles Warmflow does not know.
  return query.where((eb) =>
    eb.or([
      eb('role', 'in', ['designer', 'approver']),
      eb('role', 'not in', ['admin', 'approver', 'designer']),
    ]),
  )
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows'?: number
  Plans?: PlanNode[]
}

/** Every node of a query's executed plan (`EXPLAIN (ANALYZE, FORMAT JSON)`). */
async function planOf(query: { compile(): { sql: string; parameters: readonly unknown[] } }) {
  const compiled = query.compile()
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
    CompiledQuery.raw(`explain (analyze, format json) ${compiled.sql}`, [...compiled.parameters]),
  )
  const nodes: PlanNode[] = []
  const walk = (node: PlanNode) => {
    nodes.push(node)
    for (const child of node.Plans ?? []) walk(child)
  }
  const [explained] = rows[0]?.['QUERY PLAN'] ?? []
  if (!explained) throw new Error('EXPLAIN gave no plan')
  walk(explained.Plan)
  return nodes
}

describe('migration 0013_inbox_indexes', () => {
  it('is applied, with the inbox indexes in place of (team_id, status)', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
    expect(applied.rows.map((row) => row.name)).toContain('0013_inbox_indexes')
    const indexes = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where tablename = 'tasks'
    `.execute(db)
    const byName = new Map(indexes.rows.map((row) => [row.indexname, row.indexdef]))
    expect(byName.get('tasks_inbox_idx')).toMatch(/\(team_id, status, created_at DESC, id DESC\)/)
    expect(byName.has('tasks_assignee_idx')).toBe(true)
    expect(byName.has('tasks_open_deadline_idx')).toBe(true)
    expect(byName.has('tasks_team_status_idx')).toBe(false)
  })

  it("reads the team's list in its own order from the index, without sorting every open task", async () => {
    const plan = await planOf(inboxQuery('team'))
    const scan = plan.find((node) => node['Relation Name'] === 'tasks')
    expect(scan?.['Index Name']).toBe('tasks_inbox_idx')
    expect(plan.map((node) => node['Node Type'])).not.toContain('Sort')
    // One page (and the one extra row that says there is more), not 4,000 rows.
    expect(scan?.['Actual Rows']).toBeLessThanOrEqual(101)
  })

  it('answers every list without reading the whole tasks table', async () => {
    for (const view of ['team', 'mine', 'unassigned', 'due_soon', 'overdue'] as const) {
      const plan = await planOf(inboxQuery(view))
      const scans = plan.filter((node) => node['Relation Name'] === 'tasks')
      expect(scans.length, view).toBeGreaterThan(0)
      for (const scan of scans) expect(scan['Node Type'], view).not.toBe('Seq Scan')
      // The lists find what the data holds: 40 of the team's open tasks are "mine", none is due
      // beyond the seven days around now, and some are overdue and due soon.
      const found = await inboxQuery(view).execute()
      if (view === 'mine') expect(found).toHaveLength(40)
      if (view === 'team' || view === 'unassigned') expect(found).toHaveLength(101)
      if (view === 'overdue' || view === 'due_soon') expect(found.length).toBeGreaterThan(0)
    }
  })
})
