import { createRoute, z } from '@hono/zod-openapi'
import { upgradeNode, WarmflowError } from '@warmflow/engine'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'
import { ApiError } from '../problems.js'
import { problemResponse } from './schemas.js'

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

const upgradeRequestSchema = z
  .object({
    type: z.string().min(1).max(200).openapi({ example: 'client-registry.lookup' }),
    version: z.number().int().positive(),
    config: z.record(z.string(), z.unknown()).default({}),
    toVersion: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: 'Default: the newest loaded version' }),
  })
  .openapi('NodeUpgradeRequest')

const upgradeSchema = z
  .object({
    type: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    config: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The config to save for the new version' }),
    changes: z.array(
      z.object({
        path: z.string(),
        kind: z.enum(['added', 'removed', 'changed']),
        before: z.unknown().optional(),
        after: z.unknown().optional(),
      }),
    ),
    valid: z.boolean(),
    problems: z.array(text),
  })
  .openapi('NodeUpgrade')

/**
 * `/api/v1/node-upgrades`: what upgrading one node on the canvas to a newer version of its type
 * would change in its config (the editor shows it before the designer agrees). Changes nothing.
 *
 * @example
 * app.route('/api/v1/node-upgrades', nodeUpgradeRoutes({ registry }))
 */
export function nodeUpgradeRoutes(deps: Pick<AppDeps, 'registry'>) {
  const app = createRouter()
  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Preview upgrading a node to a newer version: the new config and every change',
      request: {
        body: { content: { 'application/json': { schema: upgradeRequestSchema } }, required: true },
      },
      responses: {
        200: {
          content: { 'application/json': { schema: upgradeSchema } },
          description: 'The proposed upgrade',
        },
        400: problemResponse('The request is not valid'),
        404: problemResponse('The node type or version is not loaded'),
      },
    }),
    (c) => {
      const body = c.req.valid('json')
      try {
        const upgrade = upgradeNode(
          deps.registry,
          { type: body.type, version: body.version, config: body.config },
          body.toVersion,
        )
        return c.json(upgrade, 200)
      } catch (error) {
        if (error instanceof WarmflowError && error.code === 'node.unknown_type') {
          throw new ApiError(404, 'node.unknown_type', error.text)
        }
        throw error
      }
    },
  )
  return app
}
