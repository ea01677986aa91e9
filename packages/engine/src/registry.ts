import { WarmflowError } from './errors.js'
import type { AnyNodeDefinition, Plugin } from './node.js'

/** Looks up node definitions by `type@version`. */
export interface NodeRegistry {
  /** The definition, or undefined when no loaded plugin has it. */
  get(type: string, version: number): AnyNodeDefinition | undefined
  /** Every loaded node, sorted by type then version. */
  list(): AnyNodeDefinition[]
  /** The plugins the registry was built from. */
  plugins(): readonly Plugin[]
}

/**
 * Builds a registry from plugins. Two plugins that define the same `type@version` are an error;
 * several versions of one type live side by side so old flow versions keep running.
 *
 * @example
 * const registry = createRegistry([builtinPlugin])
 * registry.get('manual', 1)
 */
export function createRegistry(plugins: readonly Plugin[]): NodeRegistry {
  const byKey = new Map<string, { node: AnyNodeDefinition; plugin: Plugin }>()
  for (const plugin of plugins) {
    for (const node of plugin.nodes) {
      const existing = byKey.get(node.key)
      if (existing) {
        throw new WarmflowError(
          'registry.duplicate_node',
          `Node ${node.key} is defined by both ${existing.plugin.name} and ${plugin.name}`,
          {
            text: {
              nl: `Het bloktype ${node.key} komt in twee plugins voor: ${existing.plugin.name} en ${plugin.name}. Verwijder er één.`,
              en: `Node ${node.key} is defined by both ${existing.plugin.name} and ${plugin.name}. Remove one of them.`,
            },
          },
        )
      }
      byKey.set(node.key, { node, plugin })
    }
  }
  const sorted = [...byKey.values()]
    .map((entry) => entry.node)
    .sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version)
  return {
    get: (type, version) => byKey.get(`${type}@${version}`)?.node,
    list: () => [...sorted],
    plugins: () => plugins,
  }
}
