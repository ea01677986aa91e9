import { createRoute, z } from '@hono/zod-openapi'
import { type NodeCatalogueEntry, nodeCatalogue } from '@warmflow/engine'
import type { AppDeps } from '../deps.js'
import { createRouter } from '../openapi.js'

const text = z.object({ nl: z.string(), en: z.string() })
const jsonSchema = z.record(z.string(), z.unknown()).openapi({ description: 'A JSON Schema (draft 2020-12)' })

const catalogueEntrySchema = z
  .object({
    key: z.string().openapi({ example: 'transform@1' }),
    type: z.string(),
    version: z.number().int(),
    title: text,
    description: text,
    category: z.string(),
    icon: z.string().optional(),
    outputs: z
      .array(z.object({ id: z.string(), title: text }))
      .optional()
      .openapi({ description: 'Output ports; one port `out` when absent. Every node also has `error`.' }),
    dynamicOutputs: z
      .boolean()
      .optional()
      .openapi({ description: 'True when the ports depend on the config (e.g. one per switch case).' }),
    secrets: z.array(z.string()),
    personalData: z.object({
      reads: z.array(z.string()).optional(),
      sendsOutside: z.enum(['never', 'always', 'when-endpoint-external']).optional(),
    }),
    configSchema: jsonSchema,
    inputSchema: jsonSchema,
    outputSchema: jsonSchema,
  })
  .openapi('NodeType')

/**
 * `/api/v1/nodes`: the catalogue of node types this server knows, with JSON Schemas for their
 * config, input and output, so the editor can build forms and docs can be generated.
 */
export function nodeRoutes(deps: Pick<AppDeps, 'registry'>) {
  const app = createRouter()
  // The registry does not change while the process runs: build the catalogue once.
  let catalogue: NodeCatalogueEntry[] | undefined

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'List node types with their JSON Schemas',
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ items: z.array(catalogueEntrySchema) }) } },
          description: 'Every loaded node type, sorted by type then version',
        },
      },
    }),
    (c) => {
      catalogue ??= nodeCatalogue(deps.registry)
      return c.json({ items: catalogue }, 200)
    },
  )

  return app
}
