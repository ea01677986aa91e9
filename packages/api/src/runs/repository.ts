import type { FlowDefinition } from '@warmflow/engine'
import type { RunRow } from '@warmflow/store'
import type { Viewer } from '../auth/users.js'
import { ensureTeamAccess } from '../context.js'
import type { AppDeps } from '../deps.js'
import { notFound } from '../problems.js'
import { afterCursor, type Cursor, cursorColumn, pageOf } from '../routes/pagination.js'
import { isUuid } from '../routes/schemas.js'

/** 404 for a run that does not exist or belongs to another team. */
export const runNotFound = notFound({ nl: 'Deze run', en: 'This run' })

/**
 * What a run runs: a published version, or a definition of its own (a test run of a draft and
 * its retries). Without one, `startRun` runs the newest published version.
 */
export type RunSource = { version: number } | { definition: FlowDefinition }

/** Loads a run the viewer's team owns; 404 for unknown ids and other teams' runs alike. */
export async function loadTeamRun(deps: Pick<AppDeps, 'db'>, viewer: Viewer, id: string): Promise<RunRow> {
  if (!isUuid(id)) throw runNotFound
  const row = await deps.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw runNotFound
  ensureTeamAccess(viewer, row.team_id, runNotFound)
  return row
}

/** What a run ran: its test definition, or its published version. */
export function runSourceOf(row: RunRow): RunSource {
  if (row.definition) return { definition: row.definition }
  if (row.flow_version !== null) return { version: row.flow_version }
  throw runNotFound
}

/** The definition a run ran with: its test definition, or its published version's. */
export async function flowDefinitionOf(
  deps: Pick<AppDeps, 'db'>,
  row: RunRow,
): Promise<FlowDefinition | undefined> {
  if (row.definition) return row.definition
  if (row.flow_version === null) return undefined
  const version = await deps.db
    .selectFrom('flow_versions')
    .select('definition')
    .where('flow_id', '=', row.flow_id)
    .where('version', '=', row.flow_version)
    .executeTakeFirst()
  return version?.definition
}

/** The filters of the run list; every one optional. */
export interface RunListQuery {
  limit: number
  cursor: Cursor | undefined
  flowId?: string | undefined
  status?: string | undefined
  trigger?: string | undefined
  startedBy?: string | undefined
  since?: string | undefined
  until?: string | undefined
}

/** One page of the runs of these teams, newest first, with the cursor of the next page. */
export async function listRuns(deps: Pick<AppDeps, 'db'>, teams: string[], query: RunListQuery) {
  let builder = deps.db
    .selectFrom('runs')
    .selectAll()
    .select(cursorColumn('runs'))
    .where('team_id', 'in', teams)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
  if (query.cursor) builder = builder.where(afterCursor(query.cursor, 'runs'))
  if (query.flowId) builder = builder.where('flow_id', '=', query.flowId)
  // A removed run keeps how it ended in `status`; it is listed as `removed`.
  if (query.status === 'erased') builder = builder.where('erased_at', 'is not', null)
  else if (query.status === 'removed')
    builder = builder.where('removed_at', 'is not', null).where('erased_at', 'is', null)
  else if (query.status) builder = builder.where('status', '=', query.status).where('removed_at', 'is', null)
  if (query.trigger) builder = builder.where('trigger', '=', query.trigger)
  if (query.startedBy) builder = builder.where('started_by', '=', query.startedBy)
  if (query.since) builder = builder.where('created_at', '>=', new Date(query.since))
  if (query.until) builder = builder.where('created_at', '<', new Date(query.until))
  return pageOf(await builder.execute(), query.limit)
}
