import type { FlowDefinition } from '@warmflow/engine'
import type { Database, FlowRow, FlowVersionRow } from '@warmflow/store'
import type { Kysely } from 'kysely'
import type { Viewer } from '../auth/users.js'
import { ensureTeamAccess } from '../context.js'
import { ApiError, notFound } from '../problems.js'
import { afterCursor, type Cursor, cursorColumn, pageOf } from '../routes/pagination.js'
import { isUuid } from '../routes/schemas.js'

/** 404 for a flow that does not exist or belongs to another team. */
export const flowNotFound = notFound({ nl: 'Deze flow', en: 'This flow' })
/** 404 for a version the flow does not have. */
export const versionNotFound = notFound({ nl: 'Deze versie', en: 'This version' })

/** Loads a flow the viewer's team owns; 404 for unknown ids and other teams' flows alike. */
export async function loadTeamFlow(db: Kysely<Database>, viewer: Viewer, id: string): Promise<FlowRow> {
  if (!isUuid(id)) throw flowNotFound
  const row = await db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw flowNotFound
  ensureTeamAccess(viewer, row.team_id, flowNotFound)
  return row
}

/** One published version of a flow; 404 when the flow has no such version. */
export async function loadVersion(
  db: Kysely<Database>,
  flowId: string,
  version: number,
): Promise<FlowVersionRow> {
  const row = await db
    .selectFrom('flow_versions')
    .selectAll()
    .where('flow_id', '=', flowId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) throw versionNotFound
  return row
}

/** The definition of one published version of a flow; 404 when the flow has no such version. */
export async function loadVersionDefinition(
  db: Kysely<Database>,
  flowId: string,
  version: number,
): Promise<FlowDefinition> {
  const row = await db
    .selectFrom('flow_versions')
    .select('definition')
    .where('flow_id', '=', flowId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) throw versionNotFound
  return row.definition
}

/** Saves a definition as a new flow's draft, owned by the team. */
export async function createDraft(
  db: Kysely<Database>,
  viewer: Viewer,
  teamId: string,
  definition: FlowDefinition,
): Promise<FlowRow> {
  return db
    .insertInto('flows')
    .values({
      name: definition.name,
      description: definition.description,
      draft: JSON.stringify(definition),
      latest_version: null,
      team_id: teamId,
      created_by: viewer.id,
      updated_by: viewer.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Saves the draft when it is still at `revision`, and counts the revision up; 409 when someone
 * saved a newer revision meanwhile.
 */
export async function saveDraft(
  db: Kysely<Database>,
  viewer: Viewer,
  flowId: string,
  revision: number,
  definition: FlowDefinition,
): Promise<FlowRow> {
  const row = await db
    .updateTable('flows')
    .set((eb) => ({
      draft: JSON.stringify(definition),
      name: definition.name,
      description: definition.description,
      revision: eb('revision', '+', 1),
      updated_by: viewer.id,
      updated_at: new Date(),
    }))
    .where('id', '=', flowId)
    .where('revision', '=', revision)
    .returningAll()
    .executeTakeFirst()
  if (!row) {
    throw new ApiError(409, 'flow.stale_revision', {
      nl: 'Iemand anders heeft deze flow intussen opgeslagen. Laad de nieuwste versie en breng je wijziging opnieuw aan.',
      en: 'Someone else saved this flow in the meantime. Load the newest revision and make your change again.',
    })
  }
  return row
}

/** The filters of the flow list. */
export interface FlowListQuery {
  limit: number
  cursor: Cursor | undefined
  /** Part of the name. */
  q?: string | undefined
  archived: 'true' | 'false' | 'all'
  published?: 'true' | 'false' | undefined
}

/** One page of the flows of these teams, newest first, each with its newest run (null: none). */
export async function listFlows(db: Kysely<Database>, teams: string[], query: FlowListQuery) {
  let builder = db
    .selectFrom('flows')
    .selectAll()
    .select(cursorColumn('flows'))
    .where('team_id', 'in', teams)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
  if (query.cursor) builder = builder.where(afterCursor(query.cursor, 'flows'))
  if (query.q) builder = builder.where('name', 'ilike', `%${query.q.replace(/[\\%_]/g, '\\$&')}%`)
  if (query.archived === 'false') builder = builder.where('archived_at', 'is', null)
  if (query.archived === 'true') builder = builder.where('archived_at', 'is not', null)
  if (query.published === 'true') builder = builder.where('latest_version', 'is not', null)
  if (query.published === 'false') builder = builder.where('latest_version', 'is', null)
  const { rows, nextCursor } = pageOf(await builder.execute(), query.limit)
  // The newest run of each listed flow, in one query.
  const lastRuns =
    rows.length === 0
      ? []
      : await db
          .selectFrom('runs')
          .distinctOn('flow_id')
          .select(['flow_id', 'id', 'status', 'created_at', 'removed_at', 'erased_at'])
          .where(
            'flow_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('flow_id')
          .orderBy('created_at', 'desc')
          .execute()
  const lastRunOf = new Map(lastRuns.map((run) => [run.flow_id, run]))
  return {
    rows: rows.map((row) => ({ row, lastRun: lastRunOf.get(row.id) ?? null })),
    nextCursor,
  }
}

/**
 * One page of a flow's published versions, newest first, without their definitions. The
 * cursor is the version the page ends before.
 */
export async function listVersions(
  db: Kysely<Database>,
  flowId: string,
  limit: number,
  before: number | undefined,
) {
  let builder = db
    .selectFrom('flow_versions')
    .select(['flow_id', 'version', 'hash', 'note', 'author_id', 'created_at'])
    .where('flow_id', '=', flowId)
    .orderBy('version', 'desc')
    .limit(limit + 1)
  if (before !== undefined) builder = builder.where('version', '<', before)
  const rows = await builder.execute()
  const page = rows.slice(0, limit)
  return {
    rows: page,
    nextCursor: rows.length > limit ? String(page[page.length - 1]?.version) : null,
  }
}
