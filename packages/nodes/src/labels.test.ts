import { controlPlugin, describeNode } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { builtinPlugin } from './index.js'

interface SchemaNode {
  label?: { nl?: string; en?: string }
  help?: { nl?: string; en?: string }
  items?: SchemaNode
  properties?: Record<string, SchemaNode>
  anyOf?: SchemaNode[]
}

/** The paths of settings without a Dutch and English label, at every depth of the form. */
function unlabelled(schema: SchemaNode, path = ''): string[] {
  const missing: string[] = []
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (!child.label?.nl || !child.label.en) missing.push(`${path}${name}`)
    if (child.help && (!child.help.nl || !child.help.en)) missing.push(`${path}${name} (help)`)
    missing.push(...unlabelled(child, `${path}${name}.`))
  }
  if (schema.items) missing.push(...unlabelled(schema.items, `${path}[].`))
  for (const option of schema.anyOf ?? []) missing.push(...unlabelled(option, path))
  return missing
}

const nodes = [...controlPlugin.nodes, ...builtinPlugin.nodes]

describe('labels of the built-in and control nodes', () => {
  it.each(nodes.map((n) => [n.key, n] as const))(
    '%s labels every setting in Dutch and English in the catalogue schema',
    (_, node) => {
      const { configSchema } = describeNode(node)
      expect(unlabelled(configSchema as SchemaNode)).toEqual([])
    },
  )
})
