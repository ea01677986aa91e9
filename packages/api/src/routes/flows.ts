import { createRoute, z } from '@hono/zod-openapi'
import { flowDefinitionSchema, snapshotFlow, validateFlow } from '@warmflow/engine'
import type { FlowRow } from '../db/index.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { invalidFlow, notFound } from '../problems.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

const flowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    latestVersion: z.number().int().nullable(),
    definition: flowDefinitionSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Flow')

const toFlow = (row: FlowRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  latestVersion: row.latest_version,
  definition: row.draft,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})

const flowNotFound = notFound({ nl: 'Deze flow', en: 'This flow' })

/** `/api/v1/flows`: create, list and read flows. */
export function flowRoutes(deps: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a flow and publish it as version 1',
      request: {
        body: { required: true, content: { 'application/json': { schema: flowDefinitionSchema } } },
      },
      responses: {
        201: { content: { 'application/json': { schema: flowSchema } }, description: 'Created' },
        400: problemResponse('The flow is not valid'),
      },
    }),
    async (c) => {
      const validation = validateFlow(c.req.valid('json'), deps.registry)
      if (!validation.ok) throw invalidFlow(validation.problems)
      const definition = validation.flow
      const row = await deps.db.transaction().execute(async (trx) => {
        const flow = await trx
          .insertInto('flows')
          .values({
            name: definition.name,
            description: definition.description,
            draft: JSON.stringify(definition),
            latest_version: 1,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        const snapshot = snapshotFlow(flow.id, 1, definition)
        await trx
          .insertInto('flow_versions')
          .values({
            flow_id: flow.id,
            version: 1,
            definition: JSON.stringify(definition),
            hash: snapshot.hash,
          })
          .execute()
        return flow
      })
      return c.json(toFlow(row), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'List flows, newest first',
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ items: z.array(flowSchema) }) } },
          description: 'The flows',
        },
      },
    }),
    async (c) => {
      const rows = await deps.db
        .selectFrom('flows')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute()
      return c.json({ items: rows.map(toFlow) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'Read one flow',
      request: { params: uuidParam },
      responses: {
        200: { content: { 'application/json': { schema: flowSchema } }, description: 'The flow' },
        404: problemResponse('No such flow'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      if (!isUuid(id)) throw flowNotFound
      const row = await deps.db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst()
      if (!row) throw flowNotFound
      return c.json(toFlow(row), 200)
    },
  )

  return app
}
