import { createRoute, z } from '@hono/zod-openapi'
import { isUniqueViolation } from '@warmflow/store'
import { sql } from 'kysely'
import { audit } from '../audit.js'
import { generatePassword, minPasswordLength } from '../auth/passwords.js'
import { roleSchema } from '../auth/roles.js'
import { createUser, loadViewer, publicUserSchema } from '../auth/users.js'
import { authorize } from '../context.js'
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
import { isUuid, problemResponse } from './schemas.js'

const teamSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() }).openapi('Team')
const adminUserSchema = publicUserSchema
  .extend({ disabled: z.boolean(), createdAt: z.string() })
  .openapi('AdminUser')

const userNotFound = notFound({ nl: 'Deze gebruiker', en: 'This user' })
const teamNotFound = notFound({ nl: 'Dit team', en: 'This team' })

const idParam = (name: string) =>
  z.string().openapi({ param: { name, in: 'path' }, example: '0b7c6c9e-3c55-4d7e-a0a4-6f0e1e7f2b51' })

const duplicate = (what: { nl: string; en: string }) =>
  new ApiError(409, 'conflict.duplicate', {
    nl: `${what.nl} bestaat al.`,
    en: `${what.en} already exists.`,
  })

/** `/api/v1/admin`: users, teams and memberships (admins only). */
export function adminRoutes(deps: AppDeps) {
  const app = createRouter()
  const { db } = deps

  async function toAdminUser(id: string) {
    const row = await db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'roles', 'disabled_at', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const teams = await db
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select(['teams.id', 'teams.name'])
      .where('team_members.user_id', '=', id)
      .orderBy('teams.name')
      .execute()
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      roles: row.roles,
      teams,
      disabled: row.disabled_at !== null,
      createdAt: row.created_at.toISOString(),
    }
  }

  async function ensureTeamsExist(teamIds: readonly string[]) {
    if (teamIds.length === 0) return
    const found = await db.selectFrom('teams').select('id').where('id', 'in', teamIds).execute()
    if (found.length !== new Set(teamIds).size) throw teamNotFound
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      summary: 'List users',
      request: { query: pageQuerySchema.extend({ q: z.string().max(200).optional() }) },
      responses: {
        200: pageResponse(adminUserSchema, 'Users'),
      },
    }),
    async (c) => {
      authorize(c, 'admin:manage')
      const query = c.req.valid('query')
      const cursor = decodeCursor(query.cursor)
      let builder = db
        .selectFrom('users')
        .select(['users.id'])
        .select(cursorColumn('users'))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
      if (cursor) builder = builder.where(afterCursor(cursor, 'users'))
      if (query.q) {
        const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`
        builder = builder.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]))
      }
      const { rows, nextCursor } = pageOf(await builder.execute(), query.limit)
      return c.json({ items: await Promise.all(rows.map((r) => toAdminUser(r.id))), nextCursor }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      summary: 'Create a user; without a password one is generated and returned once',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({
                email: z.email().max(320),
                name: z.string().trim().min(1).max(200),
                password: z.string().min(minPasswordLength).max(1024).optional(),
                roles: z.array(roleSchema).max(4).default([]),
                teamIds: z.array(z.string().uuid()).max(100).default([]),
              }),
            },
          },
        },
      },
      responses: {
        201: {
          content: {
            'application/json': {
              schema: z.object({ user: adminUserSchema, generatedPassword: z.string().optional() }),
            },
          },
          description: 'Created',
        },
        400: problemResponse('Invalid'),
        404: problemResponse('No such team'),
        409: problemResponse('E-mail address taken'),
      },
    }),
    async (c) => {
      authorize(c, 'admin:manage')
      const body = c.req.valid('json')
      await ensureTeamsExist(body.teamIds)
      const generated = body.password === undefined ? generatePassword() : undefined
      let id: string
      try {
        id = await createUser(db, {
          email: body.email,
          name: body.name,
          password: body.password ?? generated,
          roles: body.roles,
          teamIds: body.teamIds,
        })
      } catch (error) {
        if (isUniqueViolation(error))
          throw duplicate({
            nl: 'Een account met dit e-mailadres',
            en: 'An account with this e-mail address',
          })
        throw error
      }
      await audit(db, c, {
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        details: { roles: body.roles, teamIds: body.teamIds },
      })
      return c.json(
        { user: await toAdminUser(id), ...(generated ? { generatedPassword: generated } : {}) },
        201,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/users/{userId}',
      summary: "Change a user's name or roles, or disable the account (ends its sessions)",
      request: {
        params: z.object({ userId: idParam('userId') }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({
                name: z.string().trim().min(1).max(200).optional(),
                roles: z.array(roleSchema).max(4).optional(),
                disabled: z.boolean().optional(),
              }),
            },
          },
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: adminUserSchema } }, description: 'Changed' },
        404: problemResponse('No such user'),
        409: problemResponse('Would leave no admin'),
      },
    }),
    async (c) => {
      const viewer = authorize(c, 'admin:manage')
      const { userId } = c.req.valid('param')
      if (!isUuid(userId)) throw userNotFound
      const body = c.req.valid('json')
      const target = await db
        .selectFrom('users')
        .select(['id', 'roles'])
        .where('id', '=', userId)
        .executeTakeFirst()
      if (!target) throw userNotFound
      const losesAdmin =
        target.roles.includes('admin') &&
        ((body.roles && !body.roles.includes('admin')) || body.disabled === true)
      if (losesAdmin) {
        const admins = await db
          .selectFrom('users')
          .select(db.fn.countAll<string>().as('n'))
          .where(sql<boolean>`'admin' = any(roles)`)
          .where('disabled_at', 'is', null)
          .executeTakeFirstOrThrow()
        if (Number(admins.n) <= 1) {
          throw new ApiError(409, 'user.last_admin', {
            nl: 'Er moet minstens één beheerder overblijven.',
            en: 'At least one administrator must remain.',
          })
        }
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({
            ...(body.name === undefined ? {} : { name: body.name }),
            ...(body.roles === undefined ? {} : { roles: [...new Set(body.roles)] }),
            ...(body.disabled === undefined ? {} : { disabled_at: body.disabled ? new Date() : null }),
            updated_at: new Date(),
          })
          .where('id', '=', userId)
          .execute()
        if (body.disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
      })
      await audit(db, c, {
        action: 'user.update',
        objectType: 'user',
        objectId: userId,
        details: { ...body, self: viewer.id === userId },
      })
      return c.json(await toAdminUser(userId), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/teams',
      summary: 'List teams',
      request: { query: pageQuerySchema },
      responses: {
        200: pageResponse(teamSchema, 'Teams'),
      },
    }),
    async (c) => {
      authorize(c, 'admin:manage')
      const query = c.req.valid('query')
      const cursor = decodeCursor(query.cursor)
      let builder = db
        .selectFrom('teams')
        .selectAll()
        .select(cursorColumn('teams'))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
      if (cursor) builder = builder.where(afterCursor(cursor, 'teams'))
      const { rows, nextCursor } = pageOf(await builder.execute(), query.limit)
      return c.json(
        {
          items: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at.toISOString() })),
          nextCursor,
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/teams',
      summary: 'Create a team',
      request: {
        body: {
          required: true,
          content: {
            'application/json': { schema: z.strictObject({ name: z.string().trim().min(1).max(200) }) },
          },
        },
      },
      responses: {
        201: { content: { 'application/json': { schema: teamSchema } }, description: 'Created' },
        409: problemResponse('Name taken'),
      },
    }),
    async (c) => {
      authorize(c, 'admin:manage')
      const { name } = c.req.valid('json')
      let row: { id: string; name: string; created_at: Date }
      try {
        row = await db.insertInto('teams').values({ name }).returningAll().executeTakeFirstOrThrow()
      } catch (error) {
        if (isUniqueViolation(error))
          throw duplicate({ nl: 'Een team met deze naam', en: 'A team with this name' })
        throw error
      }
      await audit(db, c, { action: 'team.create', objectType: 'team', objectId: row.id, teamId: row.id })
      return c.json({ id: row.id, name: row.name, createdAt: row.created_at.toISOString() }, 201)
    },
  )

  const memberParams = z.object({ teamId: idParam('teamId'), userId: idParam('userId') })

  app.openapi(
    createRoute({
      method: 'put',
      path: '/teams/{teamId}/members/{userId}',
      summary: 'Add a user to a team',
      request: { params: memberParams },
      responses: {
        200: {
          content: { 'application/json': { schema: adminUserSchema } },
          description: 'The user with teams',
        },
        404: problemResponse('No such team or user'),
      },
    }),
    async (c) => {
      authorize(c, 'admin:manage')
      const { teamId, userId } = c.req.valid('param')
      if (!isUuid(teamId)) throw teamNotFound
      if (!isUuid(userId) || !(await loadViewer(db, userId))) throw userNotFound
      await ensureTeamsExist([teamId])
      await db
        .insertInto('team_members')
        .values({ team_id: teamId, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .execute()
      await audit(db, c, { action: 'team.member_add', objectType: 'user', objectId: userId, teamId })
      return c.json(await toAdminUser(userId), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/teams/{teamId}/members/{userId}',
      summary: 'Remove a user from a team',
      request: { params: memberParams },
      responses: {
        200: {
          content: { 'application/json': { schema: adminUserSchema } },
          description: 'The user with teams',
        },
        404: problemResponse('No such membership'),
      },
    }),
    async (c) => {
      authorize(c, 'admin:manage')
      const { teamId, userId } = c.req.valid('param')
      if (!isUuid(teamId) || !isUuid(userId))
        throw notFound({ nl: 'Dit lidmaatschap', en: 'This membership' })
      const result = await db
        .deleteFrom('team_members')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      if (Number(result.numDeletedRows) === 0)
        throw notFound({ nl: 'Dit lidmaatschap', en: 'This membership' })
      await audit(db, c, { action: 'team.member_remove', objectType: 'user', objectId: userId, teamId })
      return c.json(await toAdminUser(userId), 200)
    },
  )

  return app
}
