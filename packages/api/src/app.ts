import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { isPublicPath, sessionMiddleware } from './auth/middleware.js'
import type { AppEnv } from './context.js'
import { type AppDeps, wireStores } from './deps.js'
import { jsonInputMiddleware } from './http/json-input.js'
import { observeRequests } from './http/observe.js'
import { traceRequests } from './http/tracing.js'
import { withSharedResponses } from './openapi.js'
import { ApiError, handleError, handleNotFound } from './problems.js'
import { adminRoutes } from './routes/admin.js'
import { auditRoutes } from './routes/audit.js'
import { authRoutes } from './routes/auth.js'
import { oidcAuthRoutes } from './routes/auth-oidc.js'
import { credentialRoutes } from './routes/credentials.js'
import { runEventRoutes, taskEventRoutes } from './routes/events.js'
import { flowVersionRoutes } from './routes/flow-versions.js'
import { flowRoutes } from './routes/flows.js'
import { formRoutes } from './routes/forms.js'
import { registerHealth } from './routes/health.js'
import { impactRoutes } from './routes/impact.js'
import { nodeRoutes } from './routes/nodes.js'
import { outboxRoutes } from './routes/outbox.js'
import { nodeUpgradeRoutes, pluginRoutes } from './routes/plugins.js'
import { registerReference } from './routes/reference.js'
import { registerRoutes } from './routes/register.js'
import { flowRunRoutes, runRoutes } from './routes/runs.js'
import { subjectRoutes } from './routes/subjects.js'
import { taskRoutes } from './routes/tasks.js'
import { flowWebhookRoutes, webhookRoutes } from './routes/webhooks.js'

/** Largest JSON body the API accepts. */
export const maxBodyBytes = 1024 * 1024

/**
 * Builds the Warmflow HTTP app. It does not listen: `server.ts` does, and tests call
 * `app.request()` directly.
 *
 * Clients are typed from the OpenAPI document it serves at `/api/v1/openapi.json` (the editor's
 * types come from `pnpm gen:api-types`), not from the type of this function.
 *
 * @example
 * const app = createApp({ db, temporal: { client, taskQueue: 'warmflow' }, registry })
 * const response = await app.request('/health')
 */
export function createApp(given: AppDeps) {
  // Every route gets the same stores, wired once.
  const deps = wireStores(given)
  const app = new OpenAPIHono<AppEnv>()
  app.onError(handleError)
  app.notFound(handleNotFound)
  // Request id, one log line and metrics per request (route patterns, never raw paths).
  app.use('*', observeRequests(deps.observe))
  // A server span per request when the process traces (OTEL_EXPORTER_OTLP_ENDPOINT).
  app.use('*', traceRequests())
  app.use('*', secureHeaders())

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'request.too_large', {
          nl: 'Het verzoek is te groot.',
          en: 'The request body is too large.',
        })
      },
    }),
  )
  app.use('/api/*', async (c, next) => {
    const method = c.req.method
    const hasBody =
      c.req.header('content-length') !== '0' &&
      (c.req.header('content-length') || c.req.header('transfer-encoding'))
    if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && hasBody) {
      const type = c.req.header('content-type') ?? ''
      if (!/^application\/json\b/i.test(type)) {
        throw new ApiError(415, 'request.unsupported_media_type', {
          nl: 'Stuur de gegevens als JSON (Content-Type: application/json).',
          en: 'Send the body as JSON (Content-Type: application/json).',
        })
      }
    }
    await next()
  })
  // Deny by default: every /api route needs a session (and a CSRF token to change state),
  // except sign-in, the API description, webhooks and public forms.
  app.use('/api/*', sessionMiddleware(deps))
  // No \u0000, unpaired surrogate or deep nesting gets past the edge (query and JSON bodies).
  app.use('/api/*', jsonInputMiddleware())

  registerHealth(app, deps)
  app.route('/api/v1/auth', authRoutes(deps))
  app.route('/api/v1/auth', oidcAuthRoutes(deps))
  app.route('/api/v1/admin/audit', auditRoutes(deps))
  app.route('/api/v1/admin', adminRoutes(deps))
  app.route('/api/v1/credentials', credentialRoutes(deps))
  app.route('/api/v1/flows', flowRoutes(deps))
  app.route('/api/v1/flows', flowVersionRoutes(deps))
  app.route('/api/v1/flows', flowRunRoutes(deps))
  app.route('/api/v1/runs', runRoutes(deps))
  app.route('/api/v1/flows', flowWebhookRoutes(deps))
  app.route('/api/v1/hooks', webhookRoutes(deps))
  app.route('/api/v1/forms', formRoutes(deps))
  app.route('/api/v1/runs', runEventRoutes(deps))
  app.route('/api/v1/tasks', taskEventRoutes(deps))
  app.route('/api/v1/tasks', taskRoutes(deps))
  app.route('/api/v1/nodes', nodeRoutes(deps))
  app.route('/api/v1/plugins', pluginRoutes(deps))
  app.route('/api/v1/node-upgrades', nodeUpgradeRoutes(deps))
  app.route('/api/v1/impact', impactRoutes(deps))
  app.route('/api/v1/outbox', outboxRoutes(deps))
  app.route('/api/v1/register', registerRoutes(deps))
  app.route('/api/v1/subjects', subjectRoutes(deps))
  const info = {
    title: 'Warmflow API',
    version: '0.1.0',
    description:
      'Flows, versions and runs of the Warmflow workflow platform. Sign in with POST /api/v1/auth/login; ' +
      'the session travels in an HttpOnly cookie, and every POST, PUT, PATCH and DELETE needs the ' +
      'csrfToken from the sign-in answer in the X-CSRF-Token header.',
  }
  // Every route's own answers plus those the shared middleware can give (401, 413, 503, ...).
  const apiDocument = () =>
    withSharedResponses(app.getOpenAPI31Document({ openapi: '3.1.0', info }), isPublicPath)
  app.get('/api/v1/openapi.json', (c) => c.json(apiDocument()))
  registerReference(app, info, apiDocument)

  const editorDir = deps.editorDir
  if (editorDir && existsSync(join(editorDir, 'index.html'))) {
    const root = relative(process.cwd(), editorDir) || '.'
    app.use('/assets/*', serveStatic({ root }))
    app.get('*', async (c) => {
      if (c.req.path.startsWith('/api/')) return handleNotFound(c)
      return c.html(await readFile(join(editorDir, 'index.html'), 'utf8'))
    })
  }
  return app
}
