import { createRoute, z } from '@hono/zod-openapi'
import { credentialContext, encryptSecret } from '@warmflow/store'
import { audit } from '../audit.js'
import type { Viewer } from '../auth/users.js'
import { authorize, chooseTeam, ensureTeamAccess, visibleTeams } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { ApiError, notFound } from '../problems.js'
import {
  afterCursor,
  cursorColumn,
  decodeCursor,
  pageOf,
  pageQuerySchema,
  pageResponse,
} from './pagination.js'
import { isUuid, problemResponse, uuidParam } from './schemas.js'

const credentialSchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    name: z.string(),
    description: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Credential', { description: 'A stored secret. The value itself is never returned.' })

const nameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'Use lower-case letters, digits, dot, dash or underscore')

const credentialNotFound = notFound({ nl: 'Deze sleutel', en: 'This credential' })

const noKey = () =>
  new ApiError(503, 'credential.no_key', {
    nl: 'Sleutels opslaan kan niet: WARMFLOW_CREDENTIAL_KEY is niet ingesteld.',
    en: 'Credentials cannot be stored: WARMFLOW_CREDENTIAL_KEY is not set.',
  })

interface CredentialRow {
  id: string
  team_id: string
  name: string
  description: string
  created_at: Date
  updated_at: Date
}

const toCredential = (row: CredentialRow) => ({
  id: row.id,
  teamId: row.team_id,
  name: row.name,
  description: row.description,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})

const publicColumns = ['id', 'team_id', 'name', 'description', 'created_at', 'updated_at'] as const

/** `/api/v1/credentials`: a team's secrets, write-only; nodes refer to them by name. */
export function credentialRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

  async function load(viewer: Viewer, id: string) {
    if (!isUuid(id)) throw credentialNotFound
    const row = await db
      .selectFrom('credentials')
      .select(publicColumns)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) throw credentialNotFound
    ensureTeamAccess(viewer, row.team_id, credentialNotFound)
    return row
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "List the credentials of the viewer's teams (names only, never values)",
      request: { query: pageQuerySchema.extend({ teamId: z.string().uuid().optional() }) },
      responses: {
        200: pageResponse(credentialSchema, 'Credentials'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'credential:read')
      const query = c.req.valid('query')
      const cursor = decodeCursor(query.cursor)
      const teams = visibleTeams(viewer, query.teamId)
      if (teams.length === 0) return c.json({ items: [], nextCursor: null }, 200)
      let builder = db
        .selectFrom('credentials')
        .select(publicColumns)
        .select(cursorColumn('credentials'))
        .where('team_id', 'in', teams)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
      if (cursor) builder = builder.where(afterCursor(cursor, 'credentials'))
      const { rows, nextCursor } = pageOf(await builder.execute(), query.limit)
      return c.json({ items: rows.map(toCredential), nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Store a new credential (encrypted with AES-256-GCM)',
      request: {
        query: z.object({ teamId: z.string().uuid().optional() }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({
                name: nameSchema,
                description: z.string().max(500).default(''),
                value: z.string().min(1).max(16_384),
              }),
            },
          },
        },
      },
      responses: {
        201: { content: { 'application/json': { schema: credentialSchema } }, description: 'Stored' },
        409: problemResponse('A credential with this name exists in the team'),
        503: problemResponse('No credential key configured'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'credential:write')
      if (!deps.credentialKey) throw noKey()
      const teamId = chooseTeam(viewer, c.req.valid('query').teamId)
      const body = c.req.valid('json')
      const row = await db
        .insertInto('credentials')
        .values({
          team_id: teamId,
          name: body.name,
          description: body.description,
          secret: encryptSecret(deps.credentialKey, body.value, credentialContext(teamId, body.name)),
          created_by: viewer.id,
          updated_by: viewer.id,
        })
        .onConflict((oc) => oc.columns(['team_id', 'name']).doNothing())
        .returning(publicColumns)
        .executeTakeFirst()
      if (!row) {
        throw new ApiError(409, 'conflict.duplicate', {
          nl: 'Er is al een sleutel met deze naam in dit team.',
          en: 'A credential with this name already exists in this team.',
        })
      }
      await audit(db, c, {
        action: 'credential.create',
        objectType: 'credential',
        objectId: row.id,
        teamId,
        details: { name: row.name },
      })
      return c.json(toCredential(row), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      summary: 'Replace the value (rotate) or the description of a credential',
      request: {
        params: uuidParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({
                description: z.string().max(500).optional(),
                value: z.string().min(1).max(16_384).optional(),
              }),
            },
          },
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: credentialSchema } }, description: 'Changed' },
        404: problemResponse('No such credential'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'credential:write')
      const current = await load(viewer, c.req.valid('param').id)
      const body = c.req.valid('json')
      if (body.value !== undefined && !deps.credentialKey) throw noKey()
      const key = deps.credentialKey
      const row = await db
        .updateTable('credentials')
        .set({
          ...(body.description === undefined ? {} : { description: body.description }),
          ...(body.value === undefined || !key
            ? {}
            : { secret: encryptSecret(key, body.value, credentialContext(current.team_id, current.name)) }),
          updated_by: viewer.id,
          updated_at: new Date(),
        })
        .where('id', '=', current.id)
        .returning(publicColumns)
        .executeTakeFirstOrThrow()
      await audit(db, c, {
        action: body.value === undefined ? 'credential.update' : 'credential.rotate',
        objectType: 'credential',
        objectId: row.id,
        teamId: row.team_id,
        details: { name: row.name },
      })
      return c.json(toCredential(row), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a credential',
      request: { params: uuidParam },
      responses: { 204: { description: 'Deleted' }, 404: problemResponse('No such credential') },
    }),
    async (c) => {
      const viewer = authorize(c, 'credential:write')
      const row = await load(viewer, c.req.valid('param').id)
      await db.deleteFrom('credentials').where('id', '=', row.id).execute()
      await audit(db, c, {
        action: 'credential.delete',
        objectType: 'credential',
        objectId: row.id,
        teamId: row.team_id,
        details: { name: row.name },
      })
      return c.body(null, 204)
    },
  )

  return app
}
