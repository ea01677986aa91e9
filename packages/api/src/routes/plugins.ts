import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'

const text = z.object({ nl: z.string(), en: z.string() })

const pluginSchema = z
  .object({
    name: z.string().openapi({ example: '@zorg-utrecht/warmflow-client-registry' }),
    version: z.string(),
    engine: z.string().optional().openapi({ description: 'Engine versions the plugin was built for' }),
    nodes: z.array(z.string()).openapi({ description: 'Node keys (`type@version`) the plugin adds' }),
  })
  .openapi('Plugin')

const failureSchema = z
  .object({
    name: z.string(),
    spec: z.string().openapi({ description: 'The package name or folder as configured' }),
    code: z.string().openapi({ example: 'plugin.incompatible_engine' }),
    message: text,
  })
  .openapi('PluginFailure')

/**
 * `/api/v1/plugins`: which plugins this server loaded, and which it could not load and why, so
 * an administrator sees a broken plugin instead of a node that is silently missing.
 *
 * @example
 * app.route('/api/v1/plugins', pluginRoutes({ registry, pluginFailures }))
 */
export function pluginRoutes(deps: Pick<AppDeps, 'registry' | 'pluginFailures'>) {
  const app = createRouter()
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'List loaded plugins and plugins that failed to load',
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ items: z.array(pluginSchema), failures: z.array(failureSchema) }),
            },
          },
          description: 'Loaded plugins (built-in ones included) and load failures with the reason',
        },
      },
    }),
    (c) =>
      c.json(
        {
          items: deps.registry.plugins().map((plugin) => ({
            name: plugin.name,
            version: plugin.version,
            ...(plugin.engine ? { engine: plugin.engine } : {}),
            nodes: plugin.nodes.map((node) => node.key),
          })),
          failures: (deps.pluginFailures ?? []).map((failure) => ({
            name: failure.name,
            spec: failure.spec,
            code: failure.code,
            message: failure.text,
          })),
        },
        200,
      ),
  )
  return app
}
