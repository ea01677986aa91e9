import { z } from '@hono/zod-openapi'
import { type FlowDefinition, flowDefinitionSchema } from '@warmflow/engine'
import type { FlowRow } from '@warmflow/store'

/** One problem of a flow, as validation lists it. */
export const problemItemSchema = z.object({
  code: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  message: z.object({ nl: z.string(), en: z.string() }),
})

/** A flow with its draft. */
export const flowSchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    name: z.string(),
    description: z.string(),
    revision: z.number().int().openapi({ description: 'Draft revision; send it back with PUT' }),
    latestVersion: z.number().int().nullable(),
    archived: z.boolean(),
    definition: flowDefinitionSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    lastRun: z
      .object({ id: z.string(), status: z.string(), createdAt: z.string() })
      .nullable()
      .optional()
      .openapi({
        description:
          'The newest run of the flow (in lists only); null when it never ran. Its status is `removed` or `erased` once its contents are gone',
      }),
  })
  .openapi('Flow')

/** A published version (its definition only when one version is read). */
export const versionSchema = z
  .object({
    flowId: z.string(),
    version: z.number().int(),
    hash: z.string(),
    note: z.string(),
    authorId: z.string().nullable(),
    createdAt: z.string(),
    definition: flowDefinitionSchema.optional(),
  })
  .openapi('FlowVersion')

const fieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })
const idChangesSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ id: z.string(), changes: z.array(fieldChangeSchema) })),
})
/** The differences between two versions, or a version and the draft. */
export const diffSchema = z
  .object({
    from: z.union([z.number().int(), z.literal('draft')]),
    to: z.union([z.number().int(), z.literal('draft')]),
    flow: z.array(fieldChangeSchema),
    nodes: idChangesSchema,
    edges: idChangesSchema,
  })
  .openapi('FlowDiff')

/** A flow export file. */
export const exportSchema = z
  .object({
    format: z.literal('warmflow.flow/v1'),
    exportedAt: z.string(),
    sourceVersion: z.number().int().nullable(),
    definition: flowDefinitionSchema,
  })
  .openapi('FlowExport')

/** The answer shape of a flow row. */
export const toFlow = (row: FlowRow) => ({
  id: row.id,
  teamId: row.team_id,
  name: row.name,
  description: row.description,
  revision: row.revision,
  latestVersion: row.latest_version,
  archived: row.archived_at !== null,
  definition: row.draft,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})

/** `?teamId=`: the team a new flow belongs to. */
export const teamQuery = z.object({
  teamId: z
    .string()
    .uuid()
    .optional()
    .openapi({ description: 'Team for the new flow; needed when you are in several' }),
})

/** `{id}` and `{version}` in a version's path. */
export const versionParams = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' } }),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .openapi({ param: { name: 'version', in: 'path' } }),
})

/** A version number or `draft`, in the diff's query. */
export const versionRef = z
  .union([z.literal('draft'), z.coerce.number().int().min(1).max(1_000_000)])
  .openapi({ description: 'A version number or `draft`' })

/** The answer shape of a version row; with its definition only when asked. */
export const toVersion = (
  row: {
    flow_id: string
    version: number
    hash: string
    note: string
    author_id: string | null
    created_at: Date
    definition?: FlowDefinition
  },
  withDefinition: boolean,
) => ({
  flowId: row.flow_id,
  version: row.version,
  hash: row.hash,
  note: row.note,
  authorId: row.author_id,
  createdAt: row.created_at.toISOString(),
  ...(withDefinition && row.definition ? { definition: row.definition } : {}),
})
