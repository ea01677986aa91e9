import { z } from 'zod'
import type { LocalizedText } from './i18n.js'
import type { AnyNodeDefinition, NodeCategory, PersonalDataDeclaration } from './node.js'
import type { NodeRegistry } from './registry.js'

/** A JSON Schema document (draft 2020-12), as `z.toJSONSchema` produces it. */
export type JsonSchema = Record<string, unknown>

/** The JSON Schemas of one node type. */
export interface NodeJsonSchemas {
  /** What a flow may put in the node's config (input side: defaults are optional). */
  configSchema: JsonSchema
  /** What the node accepts as input. */
  inputSchema: JsonSchema
  /** What the node returns (output side: defaults are filled in). */
  outputSchema: JsonSchema
}

/** A port in the catalogue. */
export interface CataloguePort {
  id: string
  title: LocalizedText
}

/** One node type as the editor, the docs and `GET /api/v1/nodes` see it. */
export interface NodeCatalogueEntry extends NodeJsonSchemas {
  /** `type@version`. */
  key: string
  type: string
  version: number
  title: LocalizedText
  description: LocalizedText
  category: NodeCategory
  icon?: string
  /**
   * The declared output ports (without the implicit `error` port). Absent when the node uses the
   * single default port `out`. For nodes whose ports depend on their config, the ports for the
   * default config, with `dynamicOutputs: true`.
   */
  outputs?: CataloguePort[]
  dynamicOutputs?: boolean
  secrets: string[]
  personalData: { reads?: string[]; sendsOutside?: PersonalDataDeclaration['sendsOutside'] }
}

/**
 * Converts one zod schema. Parts JSON Schema cannot express (a transform, a date) become `{}`
 * (anything) rather than failing the whole catalogue.
 */
function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as JsonSchema
}

/**
 * The JSON Schemas for a node's config, input and output, for generated forms and docs.
 *
 * @example
 * const { configSchema } = nodeJsonSchemas(transformNode)
 */
export function nodeJsonSchemas(node: AnyNodeDefinition): NodeJsonSchemas {
  return {
    configSchema: toJsonSchema(node.config, 'input'),
    inputSchema: toJsonSchema(node.input, 'input'),
    outputSchema: toJsonSchema(node.output, 'output'),
  }
}

type PortSpec = readonly CataloguePort[] | ((config: unknown) => readonly CataloguePort[])

function portsOf(node: AnyNodeDefinition): Pick<NodeCatalogueEntry, 'outputs' | 'dynamicOutputs'> {
  // `outputs` is optional on a node spec; older node definitions do not have it at all.
  const declared = (node as { outputs?: PortSpec }).outputs
  if (declared === undefined) return {}
  if (typeof declared !== 'function') return { outputs: declared.map(({ id, title }) => ({ id, title })) }
  const defaults = node.config.safeParse({})
  if (!defaults.success) return { dynamicOutputs: true }
  try {
    const ports = declared(defaults.data).filter((port) => port.id !== 'error')
    return { outputs: ports.map(({ id, title }) => ({ id, title })), dynamicOutputs: true }
  } catch {
    return { dynamicOutputs: true }
  }
}

/**
 * Describes a node type for the catalogue: texts, category, ports, declarations and schemas.
 *
 * @example
 * const entry = describeNode(manualTrigger) // { key: 'manual@1', ... }
 */
export function describeNode(node: AnyNodeDefinition): NodeCatalogueEntry {
  return {
    key: node.key,
    type: node.type,
    version: node.version,
    title: node.title,
    description: node.description ?? node.title,
    category: node.category,
    ...(node.icon ? { icon: node.icon } : {}),
    ...portsOf(node),
    secrets: [...(node.secrets ?? [])],
    personalData: {
      ...(node.personalData?.reads ? { reads: [...node.personalData.reads] } : {}),
      ...(node.personalData?.sendsOutside ? { sendsOutside: node.personalData.sendsOutside } : {}),
    },
    ...nodeJsonSchemas(node),
  }
}

/**
 * Every loaded node type, sorted by type then version.
 *
 * @example
 * const items = nodeCatalogue(registry)
 */
export function nodeCatalogue(registry: NodeRegistry): NodeCatalogueEntry[] {
  return registry.list().map(describeNode)
}
