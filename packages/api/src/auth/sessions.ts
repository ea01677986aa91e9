import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Database } from '@warmflow/store'
import { type Kysely, sql } from 'kysely'

/** Name of the session cookie. */
export const sessionCookieName = 'warmflow_session'

/** How long sessions last: an absolute limit and an idle limit. */
export interface SessionLifetime {
  /** Hours after sign-in when the session ends, however active. */
  absoluteHours: number
  /** Minutes without a request after which the session ends. */
  idleMinutes: number
}

/** Default lifetimes: one working day, ended early after two idle hours. */
export const defaultSessionLifetime: SessionLifetime = { absoluteHours: 12, idleMinutes: 120 }

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/**
 * The CSRF token of a session: an HMAC of the session token, so it needs no storage, differs
 * per session and cannot be made without the (HttpOnly) cookie.
 *
 * @example
 * const csrfToken = csrfTokenFor(sessionToken)
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('warmflow-csrf-v1').digest('base64url')
}

/** Compares a CSRF token from a header with the session's, in constant time. */
export function csrfTokenMatches(sessionToken: string, header: string | undefined): boolean {
  if (!header) return false
  const expected = Buffer.from(csrfTokenFor(sessionToken))
  const given = Buffer.from(header)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * Starts a session for a user and returns its secret token (for the cookie); only the token's
 * sha256 is stored.
 *
 * @example
 * const { token } = await createSession(db, { userId, provider: 'password', ip })
 */
export async function createSession(
  db: Kysely<Database>,
  options: {
    userId: string
    provider: string
    ip?: string | null
    userAgent?: string | null
    lifetime?: SessionLifetime
  },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const lifetime = options.lifetime ?? defaultSessionLifetime
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + lifetime.absoluteHours * 3_600_000)
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: options.userId,
      provider: options.provider,
      ip: options.ip ?? null,
      user_agent: options.userAgent?.slice(0, 400) ?? null,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { token, id: row.id, expiresAt }
}

/** A live session and the user it belongs to. */
export interface SessionLookup {
  sessionId: string
  userId: string
}

/**
 * Finds the live session for a cookie token, refreshing its idle timer; undefined when the
 * token is unknown, expired, idle too long, or the account is disabled.
 */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  lifetime: SessionLifetime = defaultSessionLifetime,
): Promise<SessionLookup | undefined> {
  if (token.length < 20 || token.length > 100) return undefined
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', sha256(token))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  const now = Date.now()
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + lifetime.idleMinutes * 60_000 <= now) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute()
    return undefined
  }
  // Touch at most once a minute, not on every request.
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', row.id).execute()
  }
  return { sessionId: row.id, userId: row.user_id }
}

/** A live session with its user, roles and teams, as one lookup. */
export interface SessionViewer extends SessionLookup {
  email: string
  name: string
  roles: string[]
  teams: { id: string; name: string }[]
}

/**
 * Like {@link findSession}, but also loads the user's roles and teams in the same query: one
 * round trip per request instead of three.
 */
export async function findSessionViewer(
  db: Kysely<Database>,
  token: string,
  lifetime: SessionLifetime = defaultSessionLifetime,
): Promise<SessionViewer | undefined> {
  if (token.length < 20 || token.length > 100) return undefined
  const { rows } = await sql<{
    id: string
    user_id: string
    last_seen_at: Date
    expires_at: Date
    email: string
    name: string
    roles: string[]
    teams: { id: string; name: string }[]
  }>`
    select s.id, s.user_id, s.last_seen_at, s.expires_at, u.email, u.name, u.roles,
      coalesce(
        (select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name)
           from team_members m join teams t on t.id = m.team_id where m.user_id = u.id),
        '[]'::json) as teams
    from sessions s join users u on u.id = s.user_id
    where s.token_hash = ${sha256(token)} and u.disabled_at is null`.execute(db)
  const row = rows[0]
  if (!row) return undefined
  const now = Date.now()
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + lifetime.idleMinutes * 60_000 <= now) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute()
    return undefined
  }
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', row.id).execute()
  }
  return {
    sessionId: row.id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    teams: row.teams,
  }
}

/** Ends one session. */
export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}
