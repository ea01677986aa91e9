import { z } from 'zod'

/** A node's id inside a flow: short, stable, usable in expressions (`$nodes.summarise`). */
export const nodeIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'Use letters, digits and _ (start with a letter), at most 64')

/** A field name in a mapping or a form. */
export const fieldNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Use letters, digits and _ (not starting with a digit), at most 64')

/** The text of a JSONata expression. */
export const expressionSourceSchema = z.string().min(1).max(4000)

/** A node type such as `ai.summarise` or `manual`. */
export const nodeTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, 'Use lower-case words separated by dots')

/** Retry settings a designer may set on one node instance. */
export const retryOverrideSchema = z.strictObject({
  maximumAttempts: z.number().int().min(1).max(100).optional(),
  initialIntervalSeconds: z.number().positive().max(3600).optional(),
  backoffCoefficient: z.number().min(1).max(10).optional(),
  maximumIntervalSeconds: z.number().positive().max(86_400).optional(),
})

/** Per-instance overrides of the node type's default timeout and retry policy. */
export const nodeOptionsSchema = z.strictObject({
  timeoutSeconds: z.number().positive().max(86_400).optional(),
  retry: retryOverrideSchema.optional(),
})

/** One node placed on the canvas. */
export const flowNodeSchema = z.strictObject({
  id: nodeIdSchema,
  type: nodeTypeSchema,
  version: z.number().int().positive(),
  label: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  position: z.strictObject({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  options: nodeOptionsSchema.optional(),
  /**
   * Which stored credential fills each secret slot the node type declares, e.g.
   * `{ ai: 'azure-openai-eu' }`. A slot without an entry uses the credential of the same name.
   */
  credentials: z.record(z.string().min(1).max(64), z.string().min(1).max(128)).optional(),
  /**
   * Maps the node's input: field name → JSONata expression. Expressions see the default input
   * (the merged outputs of the nodes leading in) as data, `$nodes.<id>` for the output of any
   * upstream node and `$input` for the data the run started with. Without a mapping the node
   * gets the default input.
   */
  input: z.record(fieldNameSchema, expressionSourceSchema).optional(),
})

/** A connection from one node's output port to another node's input port. */
export const flowEdgeSchema = z.strictObject({
  id: z.string().min(1).max(128),
  source: nodeIdSchema,
  sourcePort: z.string().min(1).max(64).default('out'),
  target: nodeIdSchema,
  targetPort: z.string().min(1).max(64).default('in'),
})

/** The content of a flow: what the designer draws and what a published version freezes. */
export const flowDefinitionSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000).default(''),
  retentionDays: z.number().int().min(1).max(3650).default(90),
  /**
   * What the retention job does, once a run's term has ended, with the records the run saved in
   * Warmflow's own tables (the intakes it saved, with their progress reports, and the
   * notifications it sent): `keep` them (the default: they are the organisation's files) or
   * `remove` them with the run's contents.
   */
  retentionRecords: z.enum(['keep', 'remove']).optional(),
  tags: z.array(z.string().max(64)).max(32).default([]),
  /**
   * The designer's baseline for the impact report: minutes one case took by hand, and optionally
   * the minutes by hand per human-task node (node id → minutes). Per-node baselines, when given,
   * replace the flow's own for minutes saved; publishing checks that each names a human task.
   */
  impact: z
    .strictObject({
      minutesByHand: z.number().min(0).max(100_000).optional(),
      minutesByHandPerNode: z
        .record(nodeIdSchema, z.number().min(0).max(100_000))
        .refine((baselines) => Object.keys(baselines).length <= 1000, 'At most 1000 nodes')
        .optional(),
    })
    .optional(),
  nodes: z.array(flowNodeSchema).min(1).max(1000),
  edges: z.array(flowEdgeSchema).max(5000).default([]),
})

/** A flow definition as the designer sends it (defaults not yet applied). */
export type FlowDefinitionInput = z.input<typeof flowDefinitionSchema>
/** A flow definition with defaults applied. */
export type FlowDefinition = z.output<typeof flowDefinitionSchema>
/** One node of a {@link FlowDefinition}. */
export type FlowNode = z.output<typeof flowNodeSchema>
/** One edge of a {@link FlowDefinition}. */
export type FlowEdge = z.output<typeof flowEdgeSchema>
/** Per-instance timeout and retry overrides. */
export type NodeOptions = z.output<typeof nodeOptionsSchema>

/**
 * The immutable snapshot of a published flow version that a run executes. Editing the flow
 * afterwards never changes a snapshot.
 */
export interface FlowSnapshot {
  flowId: string
  version: number
  /** sha256 of the canonical JSON of `definition`. */
  hash: string
  definition: FlowDefinition
}
