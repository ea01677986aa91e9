import type { Database } from '@warmflow/store'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { generatePassword, hashPassword } from './passwords.js'
import { type Role, roleSchema } from './roles.js'

/** The signed-in user as routes see it: who, which roles, which teams. */
export interface Viewer {
  id: string
  email: string
  name: string
  roles: Role[]
  teams: { id: string; name: string }[]
  /** Session id; absent for callers that are not sessions (webhooks, forms). */
  sessionId?: string
}

/** The user shape the auth routes return (the editor's contract). */
export const publicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
})
/** A user as the auth routes return it. */
export type PublicUser = z.infer<typeof publicUserSchema>

/** Normalises an e-mail address for storage and lookup. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Loads a user with roles and teams; undefined when unknown or disabled.
 *
 * @example
 * const viewer = await loadViewer(db, userId)
 */
export async function loadViewer(db: Kysely<Database>, userId: string): Promise<Viewer | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'roles'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (!user) return undefined
  const teams = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['teams.id', 'teams.name'])
    .where('team_members.user_id', '=', userId)
    .orderBy('teams.name')
    .execute()
  const roles = user.roles.filter((r): r is Role => roleSchema.safeParse(r).success)
  return { id: user.id, email: user.email, name: user.name, roles, teams }
}

/** What {@link createUser} needs. */
export interface NewUser {
  email: string
  name: string
  /** Omit for accounts that only sign in through an external identity provider. */
  password?: string
  roles: Role[]
  teamIds?: string[]
}

/**
 * Creates an account (password hashed with argon2id) and its team memberships.
 *
 * @example
 * const id = await createUser(db, { email: 'a@b.nl', name: 'Anna', password, roles: ['designer'] })
 */
export async function createUser(db: Kysely<Database>, user: NewUser): Promise<string> {
  const passwordHash = user.password === undefined ? null : await hashPassword(user.password)
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        email: normaliseEmail(user.email),
        name: user.name,
        password_hash: passwordHash,
        roles: [...new Set(user.roles)],
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const teamId of new Set(user.teamIds ?? [])) {
      await trx.insertInto('team_members').values({ team_id: teamId, user_id: row.id }).execute()
    }
    return row.id
  })
}

/**
 * Finds a team by name or creates it.
 *
 * @example
 * const teamId = await ensureTeam(db, 'Wijkteam Noord')
 */
export async function ensureTeam(db: Kysely<Database>, name: string): Promise<string> {
  const row = await db
    .insertInto('teams')
    .values({ name })
    .onConflict((oc) => oc.column('name').doUpdateSet({ name }))
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * On a fresh installation (no users at all), creates an admin with a generated password and
 * returns it so the caller can show it once. Returns undefined when any user exists.
 * Concurrent starts are safe: the insert happens under an advisory lock.
 *
 * @example
 * const first = await ensureFirstAdmin(db)
 * if (first) console.log(first.email, first.password)
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  options: { email?: string; name?: string } = {},
): Promise<{ email: string; password: string; id: string } | undefined> {
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  const email = normaliseEmail(options.email ?? 'admin@warmflow.local')
  return db.transaction().execute(async (trx) => {
    await trx.selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.lit(7_161_001)]).as('l')).execute()
    const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()
    if (any) return undefined
    const row = await trx
      .insertInto('users')
      .values({ email, name: options.name ?? 'Beheerder', password_hash: passwordHash, roles: ['admin'] })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { email, password, id: row.id }
  })
}
