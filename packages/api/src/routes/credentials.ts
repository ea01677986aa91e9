import { createRoute, z } from '@hono/zod-openapi'
import { createHttpClient, httpAllowFromEnv, type NodeHttp } from '@warmflow/engine'
import { credentialContext, decryptSecret, encryptSecret } from '@warmflow/store'
import { audit } from '../audit.js'
import type { Viewer } from '../auth/users.js'
import { authorize, chooseTeam, ensureTeamAccess, visibleTeams } from '../context.js'
import { connectionTestTimeoutMs, testConnection } from '../credentials/test-connection.js'
import { type CredentialFields, credentialTypes, credentialValue } from '../credentials/types.js'
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

const text = z.object({ nl: z.string(), en: z.string() })

const credentialTypeSchema = z
  .object({
    slot: z.string(),
    title: text,
    description: text,
    fields: z.array(
      z.object({
        name: z.string(),
        label: text,
        help: text.optional(),
        kind: z.enum(['text', 'secret', 'number', 'boolean', 'choice', 'list', 'url']),
        required: z.boolean(),
        default: z.union([z.string(), z.number(), z.boolean()]).optional(),
        options: z.array(z.object({ value: z.string(), label: text })).optional(),
      }),
    ),
    testable: z.boolean(),
    required: z.boolean(),
    usedBy: z.array(z.string()),
  })
  .openapi('CredentialType', {
    description: 'A kind of credential, named after a secret slot of the node types: the form to fill in.',
  })

const fieldsSchema = z
  .record(z.string().max(64), z.union([z.string().max(16_384), z.number(), z.boolean()]))
  .refine((fields) => Object.keys(fields).length <= 32, 'At most 32 fields')
  .openapi({ description: 'The filled-in form of the credential type, by field name' })

const testResultSchema = z
  .object({ ok: z.boolean(), code: z.string(), message: text, durationMs: z.number() })
  .openapi('CredentialTestResult')

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

/** Options of {@link credentialRoutes}. */
export interface CredentialRouteOptions {
  /**
   * The SSRF-guarded client that tests `ai` and `http` credentials; by default one that allows
   * what `WARMFLOW_HTTP_ALLOW` allows (read at each test), like the nodes' own client.
   */
  http?: NodeHttp
}

/** The type a credential name belongs to: its slot, when the name is the slot or starts with `slot.`/`-`/`_`. */
function slotOfName(name: string, slots: readonly string[]): string | undefined {
  return slots.find(
    (slot) => name === slot || ['.', '-', '_'].some((separator) => name.startsWith(`${slot}${separator}`)),
  )
}

function invalidFields(problems: { field: string; message: { nl: string; en: string } }[]) {
  return new ApiError(
    422,
    'credential.invalid_fields',
    {
      nl: 'Niet alle velden zijn goed ingevuld.',
      en: 'Not every field is filled in correctly.',
    },
    problems.map((problem) => ({
      code: 'credential.invalid_field',
      path: [problem.field],
      message: problem.message,
    })),
  )
}

/** `/api/v1/credentials`: a team's secrets, write-only; nodes refer to them by name. */
export function credentialRoutes(deps: AppDeps, options: CredentialRouteOptions = {}) {
  const app = createRouter()
  const { db } = deps
  let types: ReturnType<typeof credentialTypes> | undefined
  const typesOf = () => {
    types ??= credentialTypes(deps.registry)
    return types
  }
  const testHttp = () =>
    options.http ??
    createHttpClient({ allow: httpAllowFromEnv(process.env), timeoutMs: connectionTestTimeoutMs })

  /** The text to store from a request: the raw `value`, or the form of the name's type. */
  function storedValue(
    name: string,
    body: { value?: string | undefined; fields?: CredentialFields | undefined },
  ) {
    if (body.value !== undefined) return body.value
    const slot =
      slotOfName(
        name,
        typesOf().map((type) => type.slot),
      ) ?? name
    const result = credentialValue(deps.registry, slot, body.fields ?? {})
    if (!result.ok) throw invalidFields(result.problems)
    return result.value
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/types',
      summary: 'The kinds of credential the loaded node types use, with the form to fill in for each',
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ items: z.array(credentialTypeSchema) }) } },
          description: 'One type per secret slot, sorted by slot',
        },
      },
    }),
    (c) => {
      authorize(c, 'credential:read')
      return c.json({ items: typesOf() }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/test',
      summary: 'Try a credential before saving it: connect and log in, without using it in a flow',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({ type: z.string().min(1).max(64), fields: fieldsSchema }),
            },
          },
        },
      },
      responses: {
        200: {
          content: { 'application/json': { schema: testResultSchema } },
          description: 'What the test found',
        },
        422: problemResponse('A field is not filled in correctly'),
      },
    }),
    async (c) => {
      authorize(c, 'credential:write')
      const body = c.req.valid('json')
      const result = credentialValue(deps.registry, body.type, body.fields)
      if (!result.ok) throw invalidFields(result.problems)
      return c.json(await testConnection(body.type, result.parsed, { http: testHttp() }), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/test',
      summary: 'Try a stored credential: connect and log in, without using it in a flow',
      request: { params: uuidParam },
      responses: {
        200: {
          content: { 'application/json': { schema: testResultSchema } },
          description: 'What the test found',
        },
        404: problemResponse('No such credential'),
        503: problemResponse('No credential key configured'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'credential:write')
      const row = await load(viewer, c.req.valid('param').id)
      if (!deps.credentialKey) throw noKey()
      const slot =
        slotOfName(
          row.name,
          typesOf().map((type) => type.slot),
        ) ?? row.name
      const secret = await db
        .selectFrom('credentials')
        .select('secret')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow()
      const raw = decryptSecret(deps.credentialKey, secret.secret, credentialContext(row.team_id, row.name))
      let parsed: unknown = raw
      try {
        parsed = JSON.parse(raw)
      } catch {
        // Not JSON: a plain secret, tested as it is (or found not testable).
      }
      return c.json(await testConnection(slot, parsed, { http: testHttp() }), 200)
    },
  )

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
              schema: z
                .strictObject({
                  name: nameSchema,
                  description: z.string().max(500).default(''),
                  value: z.string().min(1).max(16_384).optional(),
                  fields: fieldsSchema.optional(),
                })
                .refine((body) => (body.value === undefined) !== (body.fields === undefined), {
                  message: 'Give either value or fields',
                }),
            },
          },
        },
      },
      responses: {
        201: { content: { 'application/json': { schema: credentialSchema } }, description: 'Stored' },
        409: problemResponse('A credential with this name exists in the team'),
        422: problemResponse('A field of the form is not filled in correctly'),
        503: problemResponse('No credential key configured'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'credential:write')
      if (!deps.credentialKey) throw noKey()
      const teamId = chooseTeam(viewer, c.req.valid('query').teamId)
      const body = c.req.valid('json')
      const value = storedValue(body.name, body)
      const row = await db
        .insertInto('credentials')
        .values({
          team_id: teamId,
          name: body.name,
          description: body.description,
          secret: encryptSecret(deps.credentialKey, value, credentialContext(teamId, body.name)),
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
              schema: z
                .strictObject({
                  description: z.string().max(500).optional(),
                  value: z.string().min(1).max(16_384).optional(),
                  fields: fieldsSchema.optional(),
                })
                .refine((body) => body.value === undefined || body.fields === undefined, {
                  message: 'Give value or fields, not both',
                }),
            },
          },
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: credentialSchema } }, description: 'Changed' },
        404: problemResponse('No such credential'),
        422: problemResponse('A field of the form is not filled in correctly'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'credential:write')
      const current = await load(viewer, c.req.valid('param').id)
      const request = c.req.valid('json')
      const body = {
        description: request.description,
        value:
          request.value === undefined && request.fields === undefined
            ? undefined
            : storedValue(current.name, request),
      }
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
