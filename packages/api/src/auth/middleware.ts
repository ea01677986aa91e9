import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../context.js'
import { authRequired } from '../context.js'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../problems.js'
import { roleSchema } from './roles.js'
import { csrfTokenMatches, defaultSessionLifetime, findSessionViewer, sessionCookieName } from './sessions.js'
import type { Viewer } from './users.js'

/** Routes anyone may call: sign-in, the API description, webhooks and public forms. */
export function isPublicPath(method: string, path: string): boolean {
  if (path === '/api/v1/auth/login' && method === 'POST') return true
  if (method === 'GET' && publicSignInPaths.has(path)) return true
  if (path === '/api/v1/openapi.json' || path === '/api/v1/docs') return true
  return path.startsWith('/api/v1/hooks/') || path.startsWith('/api/v1/forms/')
}

/** The sign-in options and the single sign-on redirects: page loads before anyone is signed in. */
const publicSignInPaths = new Set([
  '/api/v1/auth/providers',
  '/api/v1/auth/oidc/start',
  '/api/v1/auth/oidc/callback',
])

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Loads the viewer from the session cookie, refuses anonymous calls to non-public routes
 * (401) and state-changing calls without the session's `X-CSRF-Token` (403).
 */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const lifetime = deps.auth?.session ?? defaultSessionLifetime
  return async (c, next) => {
    c.set('trustProxy', deps.auth?.trustProxy ?? false)
    const token = getCookie(c, sessionCookieName)
    if (token) {
      const session = await findSessionViewer(deps.db, token, lifetime)
      if (session) {
        c.set('viewer', {
          id: session.userId,
          email: session.email,
          name: session.name,
          roles: session.roles.filter((r) => roleSchema.safeParse(r).success) as Viewer['roles'],
          teams: session.teams,
          sessionId: session.sessionId,
        })
        c.set('sessionToken', token)
      }
    }
    const method = c.req.method
    if (isPublicPath(method, c.req.path)) return next()
    const sessionToken = c.get('sessionToken')
    if (!c.get('viewer') || !sessionToken) throw authRequired()
    if (stateChanging.has(method) && !csrfTokenMatches(sessionToken, c.req.header('x-csrf-token'))) {
      throw new ApiError(403, 'auth.csrf', {
        nl: 'Dit verzoek mist een geldige beveiligingscode (X-CSRF-Token). Laad de pagina opnieuw.',
        en: 'This request lacks a valid security token (X-CSRF-Token). Reload the page.',
      })
    }
    return next()
  }
}
