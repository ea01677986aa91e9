import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { audit } from '../audit.js'
import {
  createStateSealer,
  findOidcAccount,
  type OidcAccountOutcome,
  OidcUnavailableError,
  oidcRelyingParty,
  oidcStateCookieName,
  oidcStateMaxAgeSeconds,
} from '../auth/oidc.js'
import { createSession, defaultSessionLifetime, deleteSession, sessionCookieName } from '../auth/sessions.js'
import { loadViewer } from '../auth/users.js'
import { clientIp } from '../context.js'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { ApiError, handleError, handleNotFound } from '../problems.js'
import { problemResponse } from './schemas.js'

/** Where the state cookie is sent: only to the callback (and start, which replaces it). */
const oidcCookiePath = '/api/v1/auth/oidc'

const providersSchema = z
  .object({
    password: z.boolean().openapi({ description: 'Sign-in with e-mail and password is possible.' }),
    oidc: z
      .object({
        label: z.string().openapi({ description: 'Name for the button: "Inloggen met <label>".' }),
        startUrl: z.string().openapi({ description: 'Send the browser here (a page load, not fetch).' }),
      })
      .nullable()
      .openapi({ description: 'Single sign-on through OpenID Connect; null when it is off.' }),
  })
  .openapi('AuthProviders', { description: 'The ways to sign in on this installation.' })

const stateProblem = () =>
  new ApiError(400, 'auth.oidc_state', {
    nl: 'Het inloggen is verlopen of onderbroken. Begin opnieuw bij de inlogpagina.',
    en: 'The sign-in expired or was interrupted. Start again from the sign-in page.',
  })

const failedProblem = () =>
  new ApiError(400, 'auth.oidc_failed', {
    nl: 'Inloggen via je organisatie is niet gelukt. Probeer het opnieuw.',
    en: 'Signing in through your organisation did not work. Please try again.',
  })

const unavailableProblem = () =>
  new ApiError(502, 'auth.oidc_unavailable', {
    nl: 'De inlogdienst van je organisatie is nu niet bereikbaar. Probeer het later opnieuw.',
    en: "Your organisation's sign-in service cannot be reached right now. Please try again later.",
  })

const noAccountProblem = () =>
  new ApiError(403, 'auth.oidc_no_account', {
    nl: 'Je hebt nog geen account in Warmflow; vraag je beheerder om je toe te voegen.',
    en: 'You do not have a Warmflow account yet; ask your administrator to add you.',
  })

const disabledProblem = () =>
  new ApiError(403, 'auth.oidc_account_disabled', {
    nl: 'Je account in Warmflow is uitgeschakeld; vraag je beheerder.',
    en: 'Your Warmflow account is disabled; ask your administrator.',
  })

const refusal: Record<Exclude<OidcAccountOutcome, { ok: true }>['reason'], () => ApiError> = {
  no_account: noAccountProblem,
  email_unverified: noAccountProblem,
  linked_elsewhere: noAccountProblem,
  disabled: disabledProblem,
}

/**
 * A refused single sign-on: a browser (which asked for HTML) goes back to the sign-in page with
 * the problem's code, which the editor shows in the person's language; anything else gets the
 * problem as `application/problem+json`.
 */
function refuse(c: Context, problem: ApiError) {
  if ((c.req.header('accept') ?? '').includes('text/html')) {
    return c.redirect(`/?ssoError=${encodeURIComponent(problem.code)}`, 303)
  }
  return handleError(problem, c)
}

/**
 * `/api/v1/auth`: which ways to sign in there are, and single sign-on through OpenID Connect
 * (`/oidc/start` → the provider → `/oidc/callback`). Without settings the OIDC routes answer 404.
 */
export function oidcAuthRoutes(deps: AppDeps) {
  const app = createRouter()
  const settings = deps.auth?.oidc
  const rp = settings ? oidcRelyingParty(settings) : undefined
  const sealer = createStateSealer(deps.credentialKey)
  const lifetime = deps.auth?.session ?? defaultSessionLifetime
  const secure = (c: Context) =>
    c.req.url.startsWith('https:') || (c.get('trustProxy') && c.req.header('x-forwarded-proto') === 'https')

  app.openapi(
    createRoute({
      method: 'get',
      path: '/providers',
      summary: 'The ways to sign in (public): password, and single sign-on when configured',
      responses: {
        200: { content: { 'application/json': { schema: providersSchema } }, description: 'Sign-in options' },
      },
    }),
    (c) =>
      c.json(
        {
          password: true,
          oidc: settings ? { label: settings.label, startUrl: '/api/v1/auth/oidc/start' } : null,
        },
        200,
      ),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/oidc/start',
      summary: 'Single sign-on: redirects the browser to the identity provider',
      description:
        'Authorization code flow with PKCE; state, nonce and verifier travel in a short-lived, ' +
        'encrypted, HttpOnly cookie. 404 when single sign-on is not configured.',
      request: {
        query: z.object({
          returnTo: z
            .string()
            .max(512)
            .optional()
            .openapi({ description: 'Path in the editor to return to after signing in.' }),
        }),
      },
      responses: {
        302: { description: 'To the identity provider' },
        303: { description: 'Back to the sign-in page with ?ssoError=<code> (browsers, on failure)' },
        404: problemResponse('Single sign-on is off'),
        502: problemResponse('The identity provider cannot be reached'),
      },
    }),
    async (c) => {
      if (!rp) return handleNotFound(c)
      let started: Awaited<ReturnType<typeof rp.start>>
      try {
        started = await rp.start(c.req.valid('query').returnTo ?? '/')
      } catch (error) {
        if (error instanceof OidcUnavailableError) return refuse(c, unavailableProblem())
        throw error
      }
      setCookie(c, oidcStateCookieName, sealer.seal(started.state), {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secure(c),
        path: oidcCookiePath,
        maxAge: oidcStateMaxAgeSeconds,
      })
      return c.redirect(started.url.href, 302)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/oidc/callback',
      summary: 'Single sign-on: the identity provider returns here; sets the session cookie',
      description:
        'Checks state, exchanges the code (with the PKCE verifier) and the ID token (issuer, ' +
        'audience, signature, nonce, expiry), finds the account by its linked subject or, on the ' +
        'first sign-in, by verified e-mail address, and starts a session. 404 when single sign-on ' +
        'is not configured.',
      request: {
        query: z.looseObject({
          code: z.string().optional(),
          state: z.string().optional(),
          error: z.string().optional(),
        }),
      },
      responses: {
        303: {
          description:
            'Signed in: to the editor. Refused (browsers): to the sign-in page with ?ssoError=<code>',
        },
        400: problemResponse('State missing, altered or expired; or the provider refused'),
        403: problemResponse('No (active) Warmflow account for this person'),
        404: problemResponse('Single sign-on is off'),
        502: problemResponse('The identity provider cannot be reached'),
      },
    }),
    async (c) => {
      if (!rp) return handleNotFound(c)
      const url = new URL(c.req.url)
      const state = sealer.open(getCookie(c, oidcStateCookieName))
      // One use only: whatever happens next, the cookie is gone.
      deleteCookie(c, oidcStateCookieName, { path: oidcCookiePath, secure: secure(c) })
      const providerError = url.searchParams.get('error')
      const failed = async (reason: string, problem: ApiError, actor?: { id?: string; email?: string }) => {
        await audit(deps.db, c, {
          action: 'auth.login_failed',
          objectType: 'user',
          ...(actor?.id ? { objectId: actor.id } : {}),
          ...(actor ? { actor: { id: actor.id ?? null, email: actor.email ?? null } } : {}),
          details: {
            provider: rp.id,
            reason,
            ...(providerError && /^[a-z_]{1,64}$/.test(providerError) ? { providerError } : {}),
          },
        })
        return refuse(c, problem)
      }
      if (!state || url.searchParams.get('state') !== state.state) return failed('state', stateProblem())

      let identity: Awaited<ReturnType<typeof rp.finish>>
      try {
        identity = await rp.finish(url.search, state)
      } catch (error) {
        if (error instanceof OidcUnavailableError) return failed('unavailable', unavailableProblem())
        return failed(providerError ? 'provider_error' : 'token', failedProblem())
      }

      const outcome = await findOidcAccount(deps.db, identity, { autoCreate: rp.settings.autoCreate })
      if (!outcome.ok) {
        return failed(outcome.reason, refusal[outcome.reason](), {
          ...(outcome.userId ? { id: outcome.userId } : {}),
          ...(outcome.email ? { email: outcome.email } : {}),
        })
      }
      const viewer = await loadViewer(deps.db, outcome.userId)
      if (!viewer) return failed('disabled', disabledProblem(), { id: outcome.userId, email: outcome.email })
      if (outcome.via === 'created') {
        await audit(deps.db, c, {
          action: 'user.create',
          objectType: 'user',
          objectId: viewer.id,
          actor: { id: viewer.id, email: viewer.email },
          details: { provider: rp.id, roles: [] },
        })
      }
      // A new session on every sign-in (no session fixation); an earlier one ends.
      const previous = c.get('viewer')
      if (previous?.sessionId) await deleteSession(deps.db, previous.sessionId)
      const session = await createSession(deps.db, {
        userId: viewer.id,
        provider: rp.id,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
        lifetime,
      })
      setCookie(c, sessionCookieName, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secure(c),
        path: '/',
        maxAge: lifetime.absoluteHours * 3600,
      })
      await audit(deps.db, c, {
        action: 'auth.login',
        objectType: 'user',
        objectId: viewer.id,
        actor: { id: viewer.id, email: viewer.email },
        details: { provider: rp.id, account: outcome.via },
      })
      return c.redirect(state.returnTo, 303)
    },
  )
  return app
}
