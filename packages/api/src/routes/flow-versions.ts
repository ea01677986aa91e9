import { createRoute, z } from '@hono/zod-openapi'
import { audit } from '../audit.js'
import { authorize } from '../context.js'
import type { AppDeps } from '../deps.js'
import { diffFlows } from '../flows/diff.js'
import { ensureCanPublish, publishDefinition, syncSchedule } from '../flows/publish.js'
import { listVersions, loadTeamFlow, loadVersion, loadVersionDefinition } from '../flows/repository.js'
import {
  diffSchema,
  exportSchema,
  toVersion,
  versionParams,
  versionRef,
  versionSchema,
} from '../flows/schemas.js'
import { createRouter } from '../openapi.js'
import { decodeCursor, pageQuerySchema, pageResponse } from './pagination.js'
import { problemResponse, uuidParam } from './schemas.js'

/**
 * `/api/v1/flows/{id}/versions`, `/diff` and `/export`: the published versions, their differences,
 * rollback, and the export of the draft or a version.
 */
export function flowVersionRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

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
      const { rows, nextCursor } = await listVersions(db, flow.id, limit, before)
      return c.json({ items: rows.map((r) => toVersion(r, false)), nextCursor }, 200)
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
      return c.json(toVersion(await loadVersion(db, flow.id, version), true), 200)
    },
  )

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
      const load = (ref: number | 'draft') =>
        ref === 'draft' ? flow.draft : loadVersionDefinition(db, flow.id, ref)
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
        409: problemResponse(
          '(Production) the flow starts by itself and its team lacks the SMTP credential it sends e-mail with',
        ),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'flow:write')
      const { id, version } = c.req.valid('param')
      const flow = await loadTeamFlow(db, viewer, id)
      const definition = await loadVersionDefinition(db, flow.id, version)
      await ensureCanPublish(deps, definition, flow.team_id)
      const note = c.req.valid('json')?.note ?? `Rollback to version ${version}`
      const { row, created } = await publishDefinition(db, viewer, flow.id, definition, note)
      await syncSchedule(deps, flow.id, flow.team_id, { version: row.version, hash: row.hash, definition })
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
      const definition =
        version === undefined ? flow.draft : await loadVersionDefinition(db, flow.id, version)
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
