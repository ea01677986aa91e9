import { createRoute, z } from '@hono/zod-openapi'
import type { AuditLogRow } from '@warmflow/store'
import { sql } from 'kysely'
import { audit } from '../audit.js'
import { authorize } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { ApiError, notFound } from '../problems.js'
import { pageQuerySchema, pageResponse } from './pagination.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

const entrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    onBehalfOf: z.string().nullable(),
    action: z.string(),
    objectType: z.string().nullable(),
    objectId: z.string().nullable(),
    teamId: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry')

const toEntry = (row: AuditLogRow) => ({
  id: String(row.id),
  at: row.at.toISOString(),
  actorId: row.actor_id,
  actorEmail: row.actor_email,
  onBehalfOf: row.on_behalf_of,
  action: row.action,
  objectType: row.object_type,
  objectId: row.object_id,
  teamId: row.team_id,
  ip: row.ip,
  details: row.details,
})

const accessReportSchema = z
  .object({
    runId: z.string(),
    teamId: z.string(),
    accesses: z.array(
      z.object({
        actorId: z.string().nullable(),
        actorEmail: z.string().nullable(),
        reads: z.number().int(),
        actions: z.array(z.string()),
        firstAt: z.string(),
        lastAt: z.string(),
      }),
    ),
    events: z.array(entrySchema),
  })
  .openapi('RunAccessReport')

/** `/api/v1/admin/audit`: the audit log and per-run access reports (admins only). */
export function auditRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'List the audit log, newest first, with filters',
      request: {
        query: pageQuerySchema.extend({
          action: z.string().max(100).optional(),
          actorId: z.string().uuid().optional(),
          objectType: z.string().max(50).optional(),
          objectId: z.string().max(100).optional(),
          teamId: z.string().uuid().optional(),
          since: z.string().datetime({ offset: true }).optional(),
          until: z.string().datetime({ offset: true }).optional(),
        }),
      },
      responses: {
        200: pageResponse(entrySchema, 'Audit entries'),
      },
    }),
    async (c) => {
      authorize(c, 'audit:read')
      const query = c.req.valid('query')
      let before: bigint | undefined
      if (query.cursor !== undefined) {
        if (!/^\d{1,19}$/.test(query.cursor)) {
          throw new ApiError(400, 'request.invalid_cursor', {
            nl: 'De cursor voor de volgende pagina klopt niet.',
            en: 'The page cursor is not valid.',
          })
        }
        before = BigInt(query.cursor)
      }
      let builder = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
      if (before !== undefined) builder = builder.where('id', '<', before.toString())
      if (query.action) builder = builder.where('action', '=', query.action)
      if (query.actorId) builder = builder.where('actor_id', '=', query.actorId)
      if (query.objectType) builder = builder.where('object_type', '=', query.objectType)
      if (query.objectId) builder = builder.where('object_id', '=', query.objectId)
      if (query.teamId) builder = builder.where('team_id', '=', query.teamId)
      if (query.since) builder = builder.where('at', '>=', new Date(query.since))
      if (query.until) builder = builder.where('at', '<', new Date(query.until))
      const rows = await builder.execute()
      const page = rows.slice(0, query.limit)
      return c.json(
        {
          items: page.map(toEntry),
          nextCursor: rows.length > query.limit ? String(page[page.length - 1]?.id) : null,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/runs/{id}',
      summary: 'Access report for one run: who read or acted on the run and its tasks (NEN 7513)',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: accessReportSchema } }, description: 'The report' },
        404: problemResponse('No such run'),
      },
    }),
    async (c) => {
      authorize(c, 'audit:read')
      const { id } = c.req.valid('param')
      const runNotFound = notFound({ nl: 'Deze run', en: 'This run' })
      if (!isUuid(id)) throw runNotFound
      const run = await db
        .selectFrom('runs')
        .select(['id', 'team_id'])
        .where('id', '=', id)
        .executeTakeFirst()
      if (!run) throw runNotFound
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('object_type', '=', 'run'), eb('object_id', '=', id)]),
            eb.and([eb('object_type', '=', 'run'), sql<boolean>`details->>'retryOf' = ${id}`]),
            eb.and([eb('object_type', '=', 'task'), sql<boolean>`details->>'runId' = ${id}`]),
          ]),
        )
        .orderBy('id')
        .limit(10_000)
        .execute()
      const byActor = new Map<
        string,
        {
          actorId: string | null
          actorEmail: string | null
          reads: number
          actions: Set<string>
          firstAt: Date
          lastAt: Date
        }
      >()
      for (const row of rows) {
        const key = row.actor_id ?? `anonymous:${row.on_behalf_of ?? ''}`
        const entry = byActor.get(key) ?? {
          actorId: row.actor_id,
          actorEmail: row.actor_email,
          reads: 0,
          actions: new Set<string>(),
          firstAt: row.at,
          lastAt: row.at,
        }
        if (row.action.endsWith('.read')) entry.reads += 1
        entry.actions.add(row.action)
        entry.lastAt = row.at
        byActor.set(key, entry)
      }
      await audit(db, c, {
        action: 'audit.access_report',
        objectType: 'run',
        objectId: id,
        teamId: run.team_id,
      })
      return c.json(
        {
          runId: id,
          teamId: run.team_id,
          accesses: [...byActor.values()].map((a) => ({
            actorId: a.actorId,
            actorEmail: a.actorEmail,
            reads: a.reads,
            actions: [...a.actions].sort(),
            firstAt: a.firstAt.toISOString(),
            lastAt: a.lastAt.toISOString(),
          })),
          events: rows.map(toEntry),
        },
        200,
      )
    },
  )
  return app
}
