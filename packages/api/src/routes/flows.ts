import { createRoute, z } from '@hono/zod-openapi'
import {
  type FlowDefinition,
  flowDefinitionSchema,
  snapshotFlow,
  validateFlow,
  WarmflowError,
} from '@warmflow/engine'
import { privacyProblems } from '@warmflow/nodes'
import type { Database, FlowRow } from '@warmflow/store'
import type { Kysely } from 'kysely'
import { audit } from '../audit.js'
import type { Viewer } from '../auth/users.js'
import { authorize, chooseTeam, ensureTeamAccess, visibleTeams } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { ApiError, invalidFlow, notFound } from '../problems.js'
import { syncFlowSchedule } from '../schedules.js'
import { diffFlows } from './flow-diff.js'
import {
  afterCursor,
  cursorColumn,
  decodeCursor,
  pageOf,
  pageQuerySchema,
  pageResponse,
} from './pagination.js'
import { describeRunStatus } from './run-status.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

const problemItemSchema = z.object({
  code: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  message: z.object({ nl: z.string(), en: z.string() }),
})

function withoutSeverity<T extends { severity: string }>({ severity: _severity, ...problem }: T) {
  return problem
}

/**
 * Checks a draft before it is published or test-run: the valid definition, or 400 with every
 * problem (in Dutch and English). A flow that would certainly send restored personal data to an
 * AI node is refused too.
 */
export function runnableDraft(draft: unknown, registry: AppDeps['registry']): FlowDefinition {
  const validation = validateFlow(draft, registry)
  if (!validation.ok) throw invalidFlow(validation.problems)
  const leaks = privacyProblems(validation.flow).filter((p) => p.severity === 'error')
  if (leaks.length > 0) throw invalidFlow(leaks.map(withoutSeverity))
  return validation.flow
}

const flowSchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    name: z.string(),
    description: z.string(),
    revision: z.number().int().openapi({ description: 'Draft revision; send it back with PUT' }),
    latestVersion: z.number().int().nullable(),
    archived: z.boolean(),
    definition: flowDefinitionSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    lastRun: z
      .object({ id: z.string(), status: z.string(), createdAt: z.string() })
      .nullable()
      .optional()
      .openapi({ description: 'The newest run of the flow (in lists only); null when it never ran' }),
  })
  .openapi('Flow')

const versionSchema = z
  .object({
    flowId: z.string(),
    version: z.number().int(),
    hash: z.string(),
    note: z.string(),
    authorId: z.string().nullable(),
    createdAt: z.string(),
    definition: flowDefinitionSchema.optional(),
  })
  .openapi('FlowVersion')

const fieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })
const idChangesSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ id: z.string(), changes: z.array(fieldChangeSchema) })),
})
const diffSchema = z
  .object({
    from: z.union([z.number().int(), z.literal('draft')]),
    to: z.union([z.number().int(), z.literal('draft')]),
    flow: z.array(fieldChangeSchema),
    nodes: idChangesSchema,
    edges: idChangesSchema,
  })
  .openapi('FlowDiff')

const exportSchema = z
  .object({
    format: z.literal('warmflow.flow/v1'),
    exportedAt: z.string(),
    sourceVersion: z.number().int().nullable(),
    definition: flowDefinitionSchema,
  })
  .openapi('FlowExport')

const toFlow = (row: FlowRow) => ({
  id: row.id,
  teamId: row.team_id,
  name: row.name,
  description: row.description,
  revision: row.revision,
  latestVersion: row.latest_version,
  archived: row.archived_at !== null,
  definition: row.draft,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})

const flowNotFound = notFound({ nl: 'Deze flow', en: 'This flow' })
const versionNotFound = notFound({ nl: 'Deze versie', en: 'This version' })

const teamQuery = z.object({
  teamId: z
    .string()
    .uuid()
    .optional()
    .openapi({ description: 'Team for the new flow; needed when you are in several' }),
})

/** Loads a flow the viewer's team owns; 404 for unknown ids and other teams' flows alike. */
export async function loadTeamFlow(db: Kysely<Database>, viewer: Viewer, id: string): Promise<FlowRow> {
  if (!isUuid(id)) throw flowNotFound
  const row = await db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw flowNotFound
  ensureTeamAccess(viewer, row.team_id, flowNotFound)
  return row
}

const versionParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .openapi({ param: { name: 'version', in: 'path' } }),
})

/** `/api/v1/flows`: drafts, validation, publishing, versions, diff, rollback, export and import. */
export function flowRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

  async function createDraft(viewer: Viewer, teamId: string, definition: FlowDefinition) {
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

  /** Publishes a definition as the flow's next version; returns the existing one when unchanged. */
  async function publish(viewer: Viewer, flowId: string, definition: FlowDefinition, note: string) {
    return db.transaction().execute(async (trx) => {
      const flow = await trx
        .selectFrom('flows')
        .select(['latest_version'])
        .where('id', '=', flowId)
        .forUpdate()
        .executeTakeFirstOrThrow()
      const next = (flow.latest_version ?? 0) + 1
      const snapshot = snapshotFlow(flowId, next, definition)
      if (flow.latest_version !== null) {
        const latest = await trx
          .selectFrom('flow_versions')
          .selectAll()
          .where('flow_id', '=', flowId)
          .where('version', '=', flow.latest_version)
          .executeTakeFirstOrThrow()
        if (latest.hash === snapshot.hash) return { row: latest, created: false }
      }
      const row = await trx
        .insertInto('flow_versions')
        .values({
          flow_id: flowId,
          version: next,
          definition: JSON.stringify(definition),
          hash: snapshot.hash,
          author_id: viewer.id,
          note,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('flows')
        .set({ latest_version: next, updated_at: new Date() })
        .where('id', '=', flowId)
        .execute()
      return { row, created: true }
    })
  }

  /** Keeps the flow's Temporal Schedule in step with its newest version (none without a schedule trigger). */
  async function syncSchedule(
    flowId: string,
    teamId: string,
    version: { version: number; hash: string; definition: FlowDefinition } | undefined,
  ) {
    try {
      await syncFlowSchedule(deps.temporal.client, {
        flowId,
        teamId,
        snapshot: version && {
          flowId,
          version: version.version,
          hash: version.hash,
          definition: version.definition,
        },
        registry: deps.registry,
        taskQueue: deps.temporal.taskQueue,
      })
    } catch (error) {
      if (error instanceof WarmflowError) {
        throw new ApiError(400, error.code, error.text ?? { nl: error.message, en: error.message })
      }
      throw error
    }
  }

  const toVersion = (
    row: {
      flow_id: string
      version: number
      hash: string
      note: string
      author_id: string | null
      created_at: Date
      definition?: FlowDefinition
    },
    withDefinition: boolean,
  ) => ({
    flowId: row.flow_id,
    version: row.version,
    hash: row.hash,
    note: row.note,
    authorId: row.author_id,
    createdAt: row.created_at.toISOString(),
    ...(withDefinition && row.definition ? { definition: row.definition } : {}),
  })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a flow as a draft (publish it to run it)',
      request: {
        query: teamQuery,
        body: { required: true, content: { 'application/json': { schema: flowDefinitionSchema } } },
      },
      responses: {
        201: { content: { 'application/json': { schema: flowSchema } }, description: 'Created' },
        400: problemResponse('The request is not valid'),
        403: problemResponse('Not allowed'),
        404: problemResponse('No such team'),
        409: problemResponse('You are not in any team yet'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const teamId = chooseTeam(viewer, c.req.valid('query').teamId)
      const row = await createDraft(viewer, teamId, c.req.valid('json'))
      await audit(db, c, { action: 'flow.create', objectType: 'flow', objectId: row.id, teamId })
      return c.json(toFlow(row), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "List the flows of the viewer's teams, newest first",
      request: {
        query: pageQuerySchema.extend({
          teamId: z.string().uuid().optional(),
          q: z.string().max(200).optional().openapi({ description: 'Part of the name' }),
          archived: z.enum(['true', 'false', 'all']).default('false'),
          published: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: {
        200: pageResponse(flowSchema, 'The flows'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      const query = c.req.valid('query')
      const cursor = decodeCursor(query.cursor)
      const teams = visibleTeams(viewer, query.teamId)
      if (teams.length === 0) return c.json({ items: [], nextCursor: null }, 200)
      let builder = db
        .selectFrom('flows')
        .selectAll()
        .select(cursorColumn('flows'))
        .where('team_id', 'in', teams)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
      if (cursor) builder = builder.where(afterCursor(cursor, 'flows'))
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
              .select(['flow_id', 'id', 'status', 'created_at'])
              .where(
                'flow_id',
                'in',
                rows.map((row) => row.id),
              )
              .orderBy('flow_id')
              .orderBy('created_at', 'desc')
              .execute()
      const lastRunOf = new Map(lastRuns.map((run) => [run.flow_id, run]))
      const items = rows.map((row) => {
        const run = lastRunOf.get(row.id)
        return {
          ...toFlow(row),
          lastRun: run ? { id: run.id, status: run.status, createdAt: run.created_at.toISOString() } : null,
        }
      })
      return c.json({ items, nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/import',
      summary: 'Import a flow from an export file as a new draft (ids and owners in the file are ignored)',
      request: {
        query: teamQuery,
        body: {
          required: true,
          content: {
            'application/json': {
              // Only the definition is taken; any id, team or author in the file is ignored.
              schema: z.object({ format: z.literal('warmflow.flow/v1'), definition: z.unknown() }),
            },
          },
        },
      },
      responses: {
        201: { content: { 'application/json': { schema: flowSchema } }, description: 'Imported' },
        400: problemResponse('The file is not a valid flow'),
        404: problemResponse('No such team'),
        409: problemResponse('You are not in any team yet'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const teamId = chooseTeam(viewer, c.req.valid('query').teamId)
      const validation = validateFlow(c.req.valid('json').definition, deps.registry)
      if (!validation.ok) throw invalidFlow(validation.problems)
      const row = await createDraft(viewer, teamId, validation.flow)
      await audit(db, c, { action: 'flow.import', objectType: 'flow', objectId: row.id, teamId })
      return c.json(toFlow(row), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'Read one flow with its draft',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: flowSchema } }, description: 'The flow' },
        404: problemResponse('No such flow'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      return c.json(toFlow(await loadTeamFlow(db, viewer, c.req.valid('param').id)), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      summary: 'Save the draft; 409 when someone saved a newer revision meanwhile',
      request: {
        params: uuidParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({ revision: z.number().int().min(1), definition: flowDefinitionSchema }),
            },
          },
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: flowSchema } }, description: 'Saved' },
        404: problemResponse('No such flow'),
        409: problemResponse('The draft was changed by someone else'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const flow = await loadTeamFlow(db, viewer, c.req.valid('param').id)
      const { revision, definition } = c.req.valid('json')
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
        .where('id', '=', flow.id)
        .where('revision', '=', revision)
        .returningAll()
        .executeTakeFirst()
      if (!row) {
        throw new ApiError(409, 'flow.stale_revision', {
          nl: 'Iemand anders heeft deze flow intussen opgeslagen. Laad de nieuwste versie en breng je wijziging opnieuw aan.',
          en: 'Someone else saved this flow in the meantime. Load the newest revision and make your change again.',
        })
      }
      await audit(db, c, {
        action: 'flow.update',
        objectType: 'flow',
        objectId: row.id,
        teamId: row.team_id,
        details: { revision: row.revision },
      })
      return c.json(toFlow(row), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a flow; a flow with running runs is archived instead',
      request: { params: uuidParam },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ archived: z.literal(true) }) } },
          description: 'Archived, because runs are still running',
        },
        204: { description: 'Deleted' },
        404: problemResponse('No such flow'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const flow = await loadTeamFlow(db, viewer, c.req.valid('param').id)
      const running = await db
        .selectFrom('runs')
        .select(['id', 'workflow_id', 'status'])
        .where('flow_id', '=', flow.id)
        .where('status', '=', 'running')
        .limit(50)
        .execute()
      let stillRunning = false
      for (const run of running) {
        // The list's status may be stale: Temporal decides.
        if ((await describeRunStatus(deps, run.id, run.workflow_id)) === 'running') {
          stillRunning = true
          break
        }
      }
      // An archived or deleted flow starts nothing on its own any more.
      await syncSchedule(flow.id, flow.team_id, undefined)
      if (stillRunning) {
        await db.updateTable('flows').set({ archived_at: new Date() }).where('id', '=', flow.id).execute()
        await audit(db, c, {
          action: 'flow.archive',
          objectType: 'flow',
          objectId: flow.id,
          teamId: flow.team_id,
        })
        return c.json({ archived: true as const }, 200)
      }
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('runs').where('flow_id', '=', flow.id).execute()
        await trx.deleteFrom('flows').where('id', '=', flow.id).execute()
      })
      await audit(db, c, {
        action: 'flow.delete',
        objectType: 'flow',
        objectId: flow.id,
        teamId: flow.team_id,
      })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/validate',
      summary: 'Validate the draft: every problem, in Dutch and English',
      request: { params: uuidParam },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({
                ok: z.boolean(),
                problems: z.array(problemItemSchema),
                warnings: z.array(problemItemSchema).openapi({
                  description:
                    'Privacy findings that depend on where the AI endpoint runs; publishing is allowed',
                }),
              }),
            },
          },
          description: 'The validation result',
        },
        404: problemResponse('No such flow'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      const flow = await loadTeamFlow(db, viewer, c.req.valid('param').id)
      const validation = validateFlow(flow.draft, deps.registry)
      const privacy = validation.flow ? privacyProblems(validation.flow) : []
      const problems = [
        ...(validation.ok ? [] : validation.problems),
        ...privacy.filter((p) => p.severity === 'error').map(withoutSeverity),
      ]
      const warnings = privacy.filter((p) => p.severity === 'warning').map(withoutSeverity)
      return c.json({ ok: problems.length === 0, problems, warnings }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/publish',
      summary: 'Publish the draft as a new immutable version (refused with the problems when invalid)',
      request: {
        params: uuidParam,
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z.strictObject({
                note: z.string().max(2000).default(''),
                revision: z.number().int().min(1).optional().openapi({
                  description: 'When given, publish only if the draft is still at this revision',
                }),
              }),
            },
          },
        },
      },
      responses: {
        201: { content: { 'application/json': { schema: versionSchema } }, description: 'Published' },
        200: {
          content: { 'application/json': { schema: versionSchema } },
          description: 'Nothing changed since the newest version; that version',
        },
        400: problemResponse('The flow is not valid'),
        404: problemResponse('No such flow'),
        409: problemResponse('The draft changed meanwhile'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const flow = await loadTeamFlow(db, viewer, c.req.valid('param').id)
      const body = c.req.valid('json') ?? { note: '' }
      if (body.revision !== undefined && body.revision !== flow.revision) {
        throw new ApiError(409, 'flow.stale_revision', {
          nl: 'De flow is intussen gewijzigd. Bekijk de nieuwste versie voordat je publiceert.',
          en: 'The flow changed in the meantime. Review the newest revision before publishing.',
        })
      }
      const definition = runnableDraft(flow.draft, deps.registry)
      const { row, created } = await publish(viewer, flow.id, definition, body.note ?? '')
      await syncSchedule(flow.id, flow.team_id, { version: row.version, hash: row.hash, definition })
      if (created) {
        await audit(db, c, {
          action: 'flow.publish',
          objectType: 'flow',
          objectId: flow.id,
          teamId: flow.team_id,
          details: { version: row.version, hash: row.hash },
        })
      }
      return c.json(toVersion(row, false), created ? 201 : 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/versions',
      summary: 'List the published versions, newest first',
      request: { params: uuidParam, query: pageQuerySchema },
      responses: {
        200: pageResponse(versionSchema, 'The versions'),
        404: problemResponse('No such flow'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      const flow = await loadTeamFlow(db, viewer, c.req.valid('param').id)
      const { limit, cursor } = c.req.valid('query')
      let before: number | undefined
      if (cursor !== undefined) {
        before = Number(cursor)
        if (!Number.isInteger(before) || before < 1) decodeCursor('!')
      }
      let builder = db
        .selectFrom('flow_versions')
        .select(['flow_id', 'version', 'hash', 'note', 'author_id', 'created_at'])
        .where('flow_id', '=', flow.id)
        .orderBy('version', 'desc')
        .limit(limit + 1)
      if (before !== undefined) builder = builder.where('version', '<', before)
      const rows = await builder.execute()
      const page = rows.slice(0, limit)
      return c.json(
        {
          items: page.map((r) => toVersion(r, false)),
          nextCursor: rows.length > limit ? String(page[page.length - 1]?.version) : null,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/versions/{version}',
      summary: 'Read one published version with its definition',
      request: { params: versionParams },
      responses: {
        200: { content: { 'application/json': { schema: versionSchema } }, description: 'The version' },
        404: problemResponse('No such flow or version'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      const { id, version } = c.req.valid('param')
      const flow = await loadTeamFlow(db, viewer, id)
      const row = await db
        .selectFrom('flow_versions')
        .selectAll()
        .where('flow_id', '=', flow.id)
        .where('version', '=', version)
        .executeTakeFirst()
      if (!row) throw versionNotFound
      return c.json(toVersion(row, true), 200)
    },
  )

  const versionRef = z
    .union([z.literal('draft'), z.coerce.number().int().min(1).max(1_000_000)])
    .openapi({ description: 'A version number or `draft`' })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/diff',
      summary: 'Compare two versions (or a version and the draft) at node, edge and config level',
      request: { params: uuidParam, query: z.object({ from: versionRef, to: versionRef.default('draft') }) },
      responses: {
        200: { content: { 'application/json': { schema: diffSchema } }, description: 'The differences' },
        404: problemResponse('No such flow or version'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      const flow = await loadTeamFlow(db, viewer, c.req.valid('param').id)
      const { from, to } = c.req.valid('query')
      const load = async (ref: number | 'draft') => {
        if (ref === 'draft') return flow.draft
        const row = await db
          .selectFrom('flow_versions')
          .select('definition')
          .where('flow_id', '=', flow.id)
          .where('version', '=', ref)
          .executeTakeFirst()
        if (!row) throw versionNotFound
        return row.definition
      }
      const diff = diffFlows(await load(from), await load(to))
      return c.json({ from, to, ...diff }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/versions/{version}/rollback',
      summary: 'Roll back: publish an earlier version again as the newest version',
      request: {
        params: versionParams,
        body: {
          required: false,
          content: {
            'application/json': { schema: z.strictObject({ note: z.string().max(2000).optional() }) },
          },
        },
      },
      responses: {
        201: { content: { 'application/json': { schema: versionSchema } }, description: 'Published again' },
        200: {
          content: { 'application/json': { schema: versionSchema } },
          description: 'Already the newest',
        },
        404: problemResponse('No such flow or version'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const { id, version } = c.req.valid('param')
      const flow = await loadTeamFlow(db, viewer, id)
      const old = await db
        .selectFrom('flow_versions')
        .select('definition')
        .where('flow_id', '=', flow.id)
        .where('version', '=', version)
        .executeTakeFirst()
      if (!old) throw versionNotFound
      const note = c.req.valid('json')?.note ?? `Rollback to version ${version}`
      const { row, created } = await publish(viewer, flow.id, old.definition, note)
      await syncSchedule(flow.id, flow.team_id, {
        version: row.version,
        hash: row.hash,
        definition: old.definition,
      })
      if (created) {
        await audit(db, c, {
          action: 'flow.rollback',
          objectType: 'flow',
          objectId: flow.id,
          teamId: flow.team_id,
          details: { version: row.version, from: version },
        })
      }
      return c.json(toVersion(row, false), created ? 201 : 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/export',
      summary: 'Export the draft or one version as a JSON file',
      request: {
        params: uuidParam,
        query: z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() }),
      },
      responses: {
        200: { content: { 'application/json': { schema: exportSchema } }, description: 'The export' },
        404: problemResponse('No such flow or version'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:read')
      const flow = await loadTeamFlow(db, viewer, c.req.valid('param').id)
      const { version } = c.req.valid('query')
      let definition = flow.draft
      if (version !== undefined) {
        const row = await db
          .selectFrom('flow_versions')
          .select('definition')
          .where('flow_id', '=', flow.id)
          .where('version', '=', version)
          .executeTakeFirst()
        if (!row) throw versionNotFound
        definition = row.definition
      }
      await audit(db, c, {
        action: 'flow.export',
        objectType: 'flow',
        objectId: flow.id,
        teamId: flow.team_id,
        details: { version: version ?? 'draft' },
      })
      return c.json(
        {
          format: 'warmflow.flow/v1' as const,
          exportedAt: new Date().toISOString(),
          sourceVersion: version ?? null,
          definition,
        },
        200,
      )
    },
  )

  return app
}
