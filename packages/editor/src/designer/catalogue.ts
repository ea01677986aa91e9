// The engine's validation, from its browser-safe entry (zod and jsonata, no Node built-ins).
import {
  type AnyNodeDefinition,
  type FlowProblem,
  type FlowValidation,
  type NodeCategory,
  type NodeRegistry,
  nodeDefinitionBrand,
  validateFlow,
} from '@warmflow/engine/core'
import { z } from 'zod'
import type { CatalogueNode, FlowDefinitionJson, JsonSchema } from '../api/types'
import { pick } from '../i18n'
import { portsOf, type WarmNode } from './graph'

export type { FlowProblem }

/** The palette's categories in the order a flow usually uses them. */
export const categoryOrder: string[] = [
  'trigger',
  'privacy',
  'ai',
  'matching',
  'data',
  'logic',
  'control',
  'notify',
] satisfies NodeCategory[]

/** The engine's category of a catalogue entry; one the engine does not know counts as `data`. */
function categoryOf(item: CatalogueNode): NodeCategory {
  return categoryOrder.includes(item.category) ? (item.category as NodeCategory) : 'data'
}

/** Catalogue entries by `type@version`. */
export function catalogueIndex(items: readonly CatalogueNode[]): Map<string, CatalogueNode> {
  return new Map(items.map((item) => [`${item.type}@${item.version}`, item]))
}

/** What a node is called on screen: its own label, else its type's title, else its id. */
export function nodeDisplayName(
  node: WarmNode,
  catalogue: ReadonlyMap<string, CatalogueNode>,
  language: string,
): string {
  return (
    node.data.label ||
    pick(catalogue.get(`${node.data.type}@${node.data.version}`)?.title, language) ||
    node.id
  )
}

const anything = z.unknown()

function zodFromJsonSchema(schema: JsonSchema | undefined): z.ZodType {
  if (!schema) return anything
  try {
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])
  } catch {
    // A schema this zod cannot read back is checked on the server only.
    return anything
  }
}

function neverRunsHere(): never {
  throw new Error('The designer checks flows; nodes run in the worker.')
}

/**
 * A node registry for `validateFlow` made from the API's node catalogue: each node's config
 * schema is turned back from JSON Schema into zod, the first time a flow uses that node type
 * (not for the whole catalogue while the designer opens). The server validates again with the
 * real registry when a flow is published; this one gives the designer problems while drawing.
 *
 * @example
 * const result = validateFlow(definition, registryFromCatalogue(items))
 */
export function registryFromCatalogue(items: readonly CatalogueNode[]): NodeRegistry {
  const byKey = new Map(
    items.map((item) => {
      let configSchema: z.ZodType | undefined
      const definition: AnyNodeDefinition = {
        [nodeDefinitionBrand]: true,
        key: `${item.type}@${item.version}`,
        type: item.type,
        version: item.version,
        title: item.title,
        description: item.description,
        category: categoryOf(item),
        icon: item.icon,
        secrets: item.secrets,
        personalData: item.personalData,
        outputs: (config: unknown) => portsOf(item, config).filter((port) => port.id !== 'error'),
        // Validation reads only the config schema; input and output are checked by the worker.
        get config(): z.ZodType {
          configSchema ??= zodFromJsonSchema(item.configSchema)
          return configSchema
        },
        input: anything,
        output: anything,
        execute: neverRunsHere,
      }
      return [definition.key, definition] as const
    }),
  )
  return {
    get: (type, version) => byKey.get(`${type}@${version}`),
    list: () => [...byKey.values()],
    plugins: () => [],
  }
}

/** Checks a flow with the engine's own rules; never throws. */
export function checkFlow(definition: FlowDefinitionJson, registry: NodeRegistry): FlowValidation {
  try {
    return validateFlow(definition, registry)
  } catch {
    return {
      ok: false,
      flow: undefined,
      problems: [
        {
          code: 'editor.validation_failed',
          message: {
            nl: 'De flow kon niet worden gecontroleerd. Sla op; de server controleert hem opnieuw.',
            en: 'The flow could not be checked. Save it; the server checks it again.',
          },
        },
      ],
    }
  }
}
