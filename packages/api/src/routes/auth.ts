import { createRoute, z } from '@hono/zod-openapi'
import { deleteCookie, setCookie } from 'hono/cookie'
import { audit } from '../audit.js'
import { defaultLockout, passwordProvider } from '../auth/provider.js'
import { createSharedRateLimiter } from '../auth/rate-limit.js'
import {
  createSession,
  csrfTokenFor,
  defaultSessionLifetime,
  deleteSession,
  sessionCookieName,
} from '../auth/sessions.js'
import { loadViewer, normaliseEmail, publicUserSchema, type Viewer } from '../auth/users.js'
import { clientIp, requireViewer } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { ApiError } from '../problems.js'
import { problemResponse } from './schemas.js'

const sessionSchema = z
  .object({ user: publicUserSchema, csrfToken: z.string() })
  .openapi('Session', { description: 'The signed-in user and the token to send as X-CSRF-Token.' })

const toPublicUser = (viewer: Viewer) => ({
  id: viewer.id,
  email: viewer.email,
  name: viewer.name,
  roles: viewer.roles,
  teams: viewer.teams,
})

const invalidCredentials = () =>
  new ApiError(401, 'auth.invalid_credentials', {
    nl: 'Het e-mailadres of wachtwoord klopt niet.',
    en: 'The e-mail address or password is not correct.',
  })

const tooManyAttempts = () =>
  new ApiError(429, 'auth.too_many_attempts', {
    nl: 'Te veel pogingen om in te loggen. Wacht een kwartier en probeer het opnieuw.',
    en: 'Too many sign-in attempts. Wait fifteen minutes and try again.',
  })

/** `/api/v1/auth`: sign in with a password, read the session, sign out. */
export function authRoutes(deps: AppDeps) {
  const app = createRouter()
  const provider = passwordProvider(deps.db, deps.auth?.lockout ?? defaultLockout)
  const lifetime = deps.auth?.session ?? defaultSessionLifetime
  // Counted in PostgreSQL: every API process on the database shares the limit.
  const ipLimiter = createSharedRateLimiter(
    deps.db,
    'login:ip',
    deps.auth?.loginRateLimit ?? { max: 30, windowMs: 5 * 60_000 },
  )

  const secureCookie = (url: string, forwardedProto: string | undefined, trustProxy: boolean) =>
    url.startsWith('https:') || (trustProxy && forwardedProto === 'https')

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      summary: 'Sign in with e-mail and password; sets the session cookie',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({
                email: z.string().min(3).max(320),
                password: z.string().min(1).max(1024),
              }),
            },
          },
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: sessionSchema } }, description: 'Signed in' },
        400: problemResponse('Malformed request'),
        401: problemResponse('Wrong e-mail address or password'),
        429: problemResponse('Too many attempts'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json')
      const ip = clientIp(c)
      const limited = await ipLimiter.hit(ip ?? 'unknown')
      if (!limited.allowed) {
        c.header('Retry-After', String(limited.retryAfterSeconds))
        throw tooManyAttempts()
      }
      const outcome = await provider.authenticate({ email, password })
      if (!outcome.ok) {
        await audit(deps.db, c, {
          action: outcome.reason === 'locked' ? 'auth.login_locked' : 'auth.login_failed',
          objectType: 'user',
          ...(outcome.userId ? { objectId: outcome.userId } : {}),
          actor: { id: outcome.userId ?? null, email: normaliseEmail(email).slice(0, 320) },
        })
        if (outcome.reason === 'locked') {
          const seconds = Math.ceil((outcome.lockedUntil.getTime() - Date.now()) / 1000)
          c.header('Retry-After', String(Math.max(1, seconds)))
          throw tooManyAttempts()
        }
        throw invalidCredentials()
      }
      const viewer = await loadViewer(deps.db, outcome.userId)
      if (!viewer) throw invalidCredentials()
      // A new session on every sign-in (no session fixation); the old one ends.
      const previous = c.get('viewer')
      if (previous?.sessionId) await deleteSession(deps.db, previous.sessionId)
      const session = await createSession(deps.db, {
        userId: viewer.id,
        provider: provider.id,
        ip,
        userAgent: c.req.header('user-agent') ?? null,
        lifetime,
      })
      setCookie(c, sessionCookieName, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secureCookie(c.req.url, c.req.header('x-forwarded-proto'), c.get('trustProxy')),
        path: '/',
        maxAge: lifetime.absoluteHours * 3600,
      })
      await audit(deps.db, c, {
        action: 'auth.login',
        objectType: 'user',
        objectId: viewer.id,
        actor: { id: viewer.id, email: viewer.email },
        details: { provider: provider.id },
      })
      return c.json({ user: toPublicUser(viewer), csrfToken: csrfTokenFor(session.token) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      summary: 'The signed-in user and the CSRF token',
      responses: {
        200: { content: { 'application/json': { schema: sessionSchema } }, description: 'Signed in' },
        401: problemResponse('Not signed in'),
      },
    }),
    async (c) => {
      const viewer = requireViewer(c)
      const token = c.get('sessionToken') as string
      return c.json({ user: toPublicUser(viewer), csrfToken: csrfTokenFor(token) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      summary: 'Sign out: ends the session and clears the cookie',
      responses: {
        204: { description: 'Signed out' },
        401: problemResponse('Not signed in'),
        403: problemResponse('Missing CSRF token'),
      },
    }),
    async (c) => {
      const viewer = requireViewer(c)
      if (viewer.sessionId) await deleteSession(deps.db, viewer.sessionId)
      deleteCookie(c, sessionCookieName, { path: '/' })
      await audit(deps.db, c, { action: 'auth.logout', objectType: 'user', objectId: viewer.id })
      return c.body(null, 204)
    },
  )
  return app
}
