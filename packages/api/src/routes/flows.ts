import { createRoute, z } from '@hono/zod-openapi'
import { flowDefinitionSchema } from '@warmflow/engine'
import { audit } from '../audit.js'
import { authorize, chooseTeam, visibleTeams } from '../context.js'
import type { AppDeps } from '../deps.js'
import { ensureCanPublish, publishDefinition, syncSchedule } from '../flows/publish.js'
import { removeFlow } from '../flows/remove.js'
import { createDraft, listFlows, loadTeamFlow, saveDraft } from '../flows/repository.js'
import {
  flowSchema,
  problemItemSchema,
  teamQuery,
  toFlow,
  toVersion,
  versionSchema,
} from '../flows/schemas.js'
import { draftProblems, runnableDraft, validDefinition } from '../flows/validate.js'
import { createRouter } from '../openapi.js'
import { ApiError } from '../problems.js'
import { decodeCursor, pageQuerySchema, pageResponse } from './pagination.js'
import { problemResponse, uuidParam } from './schemas.js'

/** `/api/v1/flows`: drafts, validation, publishing and import. */
export function flowRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

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
      const row = await createDraft(db, viewer, teamId, c.req.valid('json'))
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
      const { rows, nextCursor } = await listFlows(db, teams, { ...query, cursor })
      const items = rows.map(({ row, lastRun }) => ({
        ...toFlow(row),
        lastRun: lastRun
          ? {
              id: lastRun.id,
              // A run whose contents are gone says so, like the run list does.
              status: lastRun.erased_at ? 'erased' : lastRun.removed_at ? 'removed' : lastRun.status,
              createdAt: lastRun.created_at.toISOString(),
            }
          : null,
      }))
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
      const definition = validDefinition(c.req.valid('json').definition, deps.registry)
      const row = await createDraft(db, viewer, teamId, definition)
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
      const row = await saveDraft(db, viewer, flow.id, revision, definition)
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
      if ((await removeFlow(deps, flow)) === 'archived') {
        await audit(db, c, {
          action: 'flow.archive',
          objectType: 'flow',
          objectId: flow.id,
          teamId: flow.team_id,
        })
        return c.json({ archived: true as const }, 200)
      }
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
      return c.json(draftProblems(flow.draft, deps.registry), 200)
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
        409: problemResponse(
          'The draft changed meanwhile, or (production) the flow starts by itself and its team lacks the SMTP credential it sends e-mail with',
        ),
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
      await ensureCanPublish(deps, definition, flow.team_id)
      const { row, created } = await publishDefinition(db, viewer, flow.id, definition, body.note ?? '')
      await syncSchedule(deps, flow.id, flow.team_id, { version: row.version, hash: row.hash, definition })
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

  return app
}
