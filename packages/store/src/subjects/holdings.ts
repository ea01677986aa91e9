import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { clearRunContents } from '../retention/store.js'
import { normaliseIdentifier, type SubjectHasher, type SubjectIdentifier } from './identifiers.js'

/** The most runs one person's search returns (and one erasure handles). */
export const maxSubjectRuns = 1000

/** One run a person's data went through. */
export interface SubjectRun {
  id: string
  workflowId: string
  flowId: string
  flowName: string
  /** The flow's description: the purpose of the processing. */
  flowPurpose: string
  flowVersion: number | null
  teamId: string
  teamName: string
  status: string
  trigger: string
  createdAt: Date
  updatedAt: Date
  removedAt: Date | null
  erasedAt: Date | null
}

/** Everything Warmflow holds about one person, by id. */
export interface SubjectHoldings {
  runs: SubjectRun[]
  intakeIds: string[]
  clientIds: string[]
  progressReportIds: string[]
  /** True when there were more runs than {@link maxSubjectRuns}. */
  truncated: boolean
}

/** How many rows hang off a person's runs, for the preview of an erasure. */
export interface SubjectCounts extends ErasedCounts {
  /** Runs still going: an erasure stops them first. */
  openRuns: number
}

const last9 = (digits: string) => digits.slice(-9)

/**
 * Finds everything held about the person these identifiers name: the runs linked to them
 * (`run_subjects`, by keyed hash), the intakes those runs saved or that carry the e-mail address
 * or phone number, the clients with them, and the progress reports of those intakes and
 * clients. `teams` limits the search ('all': the whole organisation).
 *
 * @example
 * const held = await findSubjectHoldings(db, hasher, [{ kind: 'email', value: 'jan@example.nl' }], 'all')
 */
export async function findSubjectHoldings(
  db: Kysely<Database>,
  hasher: SubjectHasher,
  identifiers: readonly SubjectIdentifier[],
  teams: readonly string[] | 'all',
): Promise<SubjectHoldings> {
  const empty: SubjectHoldings = {
    runs: [],
    intakeIds: [],
    clientIds: [],
    progressReportIds: [],
    truncated: false,
  }
  if (teams !== 'all' && teams.length === 0) return empty
  const hashes = identifiers.map(hasher).filter((h): h is string => h !== undefined)
  const emails = identifiers
    .filter((i) => i.kind === 'email')
    .map(normaliseIdentifier)
    .filter((v): v is string => v !== undefined)
  const phones = identifiers
    .filter((i) => i.kind === 'phone')
    .map(normaliseIdentifier)
    .filter((v): v is string => v !== undefined)
  if (hashes.length === 0) return empty
  const inTeams = (column: 'runs.team_id' | 'team_id') =>
    teams === 'all' ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} in (${sql.join([...teams])})`

  const rows = await db
    .selectFrom('runs')
    .innerJoin('flows', 'flows.id', 'runs.flow_id')
    .innerJoin('teams', 'teams.id', 'runs.team_id')
    .select([
      'runs.id',
      'runs.workflow_id',
      'runs.flow_id',
      'flows.name as flow_name',
      'flows.description as flow_purpose',
      'runs.flow_version',
      'runs.team_id',
      'teams.name as team_name',
      'runs.status',
      'runs.trigger',
      'runs.created_at',
      'runs.updated_at',
      'runs.removed_at',
      'runs.erased_at',
    ])
    .where('runs.id', 'in', (qb) =>
      qb.selectFrom('run_subjects').select('run_id').where('value_hash', 'in', hashes),
    )
    .where(inTeams('runs.team_id'))
    .orderBy('runs.created_at', 'desc')
    .limit(maxSubjectRuns + 1)
    .execute()
  const runs: SubjectRun[] = rows.slice(0, maxSubjectRuns).map((row) => ({
    id: row.id,
    workflowId: row.workflow_id,
    flowId: row.flow_id,
    flowName: row.flow_name,
    flowPurpose: row.flow_purpose,
    flowVersion: row.flow_version,
    teamId: row.team_id,
    teamName: row.team_name,
    status: row.status,
    trigger: row.trigger,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    removedAt: row.removed_at,
    erasedAt: row.erased_at,
  }))

  // Rows of a people table that carry one of the e-mail addresses or phone numbers. Phone numbers
  // are compared after normalising: the candidates share the last nine digits.
  const carrying = async (
    table: 'clients' | 'intakes',
    email: 'email' | 'requester_email',
    phone: 'phone' | 'requester_phone',
  ) => {
    const byEmail = emails.length
      ? await db
          .selectFrom(table)
          .select('id')
          .where(sql<boolean>`lower(btrim(${sql.ref(email)})) in (${sql.join(emails)})`)
          .where(inTeams('team_id'))
          .execute()
      : []
    const candidates = phones.length
      ? await db
          .selectFrom(table)
          .select(['id', sql<string | null>`${sql.ref(phone)}`.as('phone')])
          .where(
            sql<string>`right(regexp_replace(${sql.ref(phone)}, '\\D', '', 'g'), 9)`,
            'in',
            phones.map(last9),
          )
          .where(inTeams('team_id'))
          .execute()
      : []
    const byPhone = candidates.filter((c) => {
      const normal = c.phone ? normaliseIdentifier({ kind: 'phone', value: c.phone }) : undefined
      return normal !== undefined && phones.includes(normal)
    })
    return [...byEmail, ...byPhone].map((row) => row.id)
  }

  const clientIds = [...new Set(await carrying('clients', 'email', 'phone'))]

  // Intakes a run saved are keyed `<workflow id>/<node id>` (a retry's, by its chain's first run).
  const savedBy = runs.map((run) => `${run.workflowId}/`)
  const intakesOfRuns = savedBy.length
    ? await db
        .selectFrom('intakes')
        .select('id')
        .where((eb) => eb.or(savedBy.map((prefix) => sql<boolean>`starts_with(run_id, ${prefix})`)))
        .execute()
    : []
  const intakesCarrying = await carrying('intakes', 'requester_email', 'requester_phone')
  const intakesOfClients = clientIds.length
    ? await db.selectFrom('intakes').select('id').where('client_id', 'in', clientIds).execute()
    : []
  const intakeIds = [
    ...new Set([...intakesOfRuns.map((i) => i.id), ...intakesCarrying, ...intakesOfClients.map((i) => i.id)]),
  ]
  const progressReportIds =
    intakeIds.length || clientIds.length
      ? (
          await db
            .selectFrom('progress_reports')
            .select('id')
            .where((eb) =>
              eb.or([
                ...(intakeIds.length ? [eb('intake_id', 'in', intakeIds)] : []),
                ...(clientIds.length ? [eb('client_id', 'in', clientIds)] : []),
              ]),
            )
            .execute()
        ).map((row) => row.id)
      : []
  return { runs, intakeIds, clientIds, progressReportIds, truncated: rows.length > maxSubjectRuns }
}

/**
 * Counts what hangs off a person's runs, for the preview of an erasure.
 *
 * @example
 * const counts = await countSubjectHoldings(db, held)
 */
export async function countSubjectHoldings(
  db: Kysely<Database>,
  held: SubjectHoldings,
): Promise<SubjectCounts> {
  const runIds = held.runs.map((run) => run.id)
  const count = async (table: 'tasks' | 'email_deliveries' | 'notifications' | 'node_outputs') => {
    if (runIds.length === 0) return 0
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('run_id', 'in', runIds)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }
  const [tasks, emails, notifications, outputs] = await Promise.all([
    count('tasks'),
    count('email_deliveries'),
    count('notifications'),
    count('node_outputs'),
  ])
  return {
    runs: held.runs.length,
    openRuns: held.runs.filter((run) => ['starting', 'running'].includes(run.status) && !run.removedAt)
      .length,
    tasks,
    intakes: held.intakeIds.length,
    clients: held.clientIds.length,
    progressReports: held.progressReportIds.length,
    emails,
    notifications,
    outputs,
  }
}

/** What an erasure removed, in rows. */
export interface ErasedCounts {
  runs: number
  tasks: number
  intakes: number
  clients: number
  progressReports: number
  emails: number
  notifications: number
  outputs: number
}

/**
 * Erases a person's holdings from PostgreSQL in one transaction: each run's contents (as
 * retention removes them, the records it saved included), its links to the person and its data
 * key (again: the caller destroys keys first); the intakes, clients and progress reports
 * found; then marks the runs erased (their rows
 * keep ids, times and outcome, nothing about the person). Temporal's side (cancelling,
 * deleting the executions) is the caller's.
 *
 * @example
 * const erased = await eraseSubjectHoldings(db, await findSubjectHoldings(db, hasher, ids, 'all'))
 */
export async function eraseSubjectHoldings(
  db: Kysely<Database>,
  held: SubjectHoldings,
): Promise<ErasedCounts> {
  return db.transaction().execute(async (trx) => {
    const erased: ErasedCounts = {
      runs: 0,
      tasks: 0,
      intakes: 0,
      clients: 0,
      progressReports: 0,
      emails: 0,
      notifications: 0,
      outputs: 0,
    }
    if (held.progressReportIds.length) {
      const result = await trx
        .deleteFrom('progress_reports')
        .where('id', 'in', held.progressReportIds)
        .executeTakeFirst()
      erased.progressReports = Number(result.numDeletedRows)
    }
    // Progress reports of intakes and clients found only now (saved meanwhile) go too.
    if (held.intakeIds.length) {
      await trx.deleteFrom('progress_reports').where('intake_id', 'in', held.intakeIds).execute()
      const result = await trx.deleteFrom('intakes').where('id', 'in', held.intakeIds).executeTakeFirst()
      erased.intakes = Number(result.numDeletedRows)
    }
    if (held.clientIds.length) {
      await trx.deleteFrom('progress_reports').where('client_id', 'in', held.clientIds).execute()
      await trx
        .updateTable('intakes')
        .set({ client_id: null })
        .where('client_id', 'in', held.clientIds)
        .execute()
      const result = await trx.deleteFrom('clients').where('id', 'in', held.clientIds).executeTakeFirst()
      erased.clients = Number(result.numDeletedRows)
    }
    // Records first (the intakes the runs saved are among them), then each run's contents.
    for (const run of held.runs) {
      const removed = await clearRunContents(trx, run, false)
      const notifications = await trx
        .deleteFrom('notifications')
        .where('run_id', '=', run.id)
        .executeTakeFirst()
      erased.tasks += removed.tasks
      erased.emails += removed.emailDeliveries
      erased.outputs += removed.nodeOutputs
      erased.notifications += Number(notifications.numDeletedRows)
    }
    const runIds = held.runs.map((run) => run.id)
    if (runIds.length) {
      // Tasks of a stopped run leave the inbox.
      await trx
        .updateTable('tasks')
        .set({ status: 'cancelled', closed_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .where('run_id', 'in', runIds)
        .where('status', '=', 'open')
        .execute()
      const result = await trx
        .updateTable('runs')
        .set({
          erased_at: sql<Date>`now()`,
          removed_at: sql<Date>`coalesce(removed_at, now())`,
          // A run stopped for the erasure ended as cancelled.
          status: sql<string>`case when status in ('starting', 'running') then 'cancelled' else status end`,
          updated_at: sql<Date>`now()`,
        })
        .where('id', 'in', runIds)
        .where('erased_at', 'is', null)
        .executeTakeFirst()
      erased.runs = Number(result.numUpdatedRows)
    }
    return erased
  })
}
