import { canonicalJson, type FlowDefinition } from '@warmflow/engine'

/** One changed part of a node or edge: which key and the value before and after. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** The difference between two flow definitions, at flow, node, edge and config level. */
export interface FlowDiff {
  flow: FieldChange[]
  nodes: {
    added: string[]
    removed: string[]
    changed: { id: string; changes: FieldChange[] }[]
  }
  edges: {
    added: string[]
    removed: string[]
    changed: { id: string; changes: FieldChange[] }[]
  }
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null)

function compareObjects(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  expand: readonly string[],
): FieldChange[] {
  const changes: FieldChange[] = []
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  for (const key of keys) {
    const a = before[key]
    const b = after[key]
    if (same(a, b)) continue
    // Config-like keys are compared one level deeper: `config.model` rather than `config`.
    if (expand.includes(key) && isRecord(a ?? {}) && isRecord(b ?? {})) {
      const inner = compareObjects(
        (a ?? {}) as Record<string, unknown>,
        (b ?? {}) as Record<string, unknown>,
        [],
      )
      changes.push(...inner.map((c) => ({ ...c, field: `${key}.${c.field}` })))
    } else {
      changes.push({ field: key, before: a, after: b })
    }
  }
  return changes
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function compareById<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  expand: readonly string[],
) {
  const a = new Map(before.map((item) => [item.id, item]))
  const b = new Map(after.map((item) => [item.id, item]))
  const changed: { id: string; changes: FieldChange[] }[] = []
  for (const [id, item] of b) {
    const old = a.get(id)
    if (!old) continue
    const changes = compareObjects(
      old as unknown as Record<string, unknown>,
      item as unknown as Record<string, unknown>,
      expand,
    )
    if (changes.length > 0) changed.push({ id, changes })
  }
  return {
    added: [...b.keys()].filter((id) => !a.has(id)),
    removed: [...a.keys()].filter((id) => !b.has(id)),
    changed,
  }
}

/**
 * Compares two flow definitions: flow fields, nodes and edges added, removed or changed, and
 * for changed nodes which keys (config keys one by one) changed.
 *
 * @example
 * const diff = diffFlows(version1.definition, version2.definition)
 * diff.nodes.changed[0] // { id: 'welkom', changes: [{ field: 'config.fields', … }] }
 */
export function diffFlows(before: FlowDefinition, after: FlowDefinition): FlowDiff {
  const { nodes: nodesA, edges: edgesA, ...flowA } = before
  const { nodes: nodesB, edges: edgesB, ...flowB } = after
  return {
    flow: compareObjects(flowA, flowB, []),
    nodes: compareById(nodesA, nodesB, ['config', 'input', 'options', 'credentials']),
    edges: compareById(edgesA, edgesB, []),
  }
}
