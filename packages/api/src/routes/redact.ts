import type { FlowDefinition, NodeRegistry, RunProgress } from '@warmflow/engine'

/** What replaces a hidden value. */
export const redactedValue = '[redacted]'

function redactAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactAll)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAll(v)]))
  }
  return value === null || value === undefined ? value : redactedValue
}

function redactKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => redactKeys(v, keys))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, keys.has(k) ? redactAll(v) : redactKeys(v, keys)]),
    )
  }
  return value
}

/**
 * Hides personal data in a run's detail for viewers who may not see it, using the nodes'
 * `personalData` declarations: every field a node of the flow declares it reads is hidden
 * wherever it appears; the outputs of trigger nodes (what came in from outside) and of nodes
 * that read everything (`'*'`, such as pseudonymise and restore) are hidden whole. Values built
 * from personal data under another name cannot be recognised; hence the whole run detail needs
 * the `run:personal-data` permission to be seen unredacted.
 *
 * @example
 * const shown = redactRunDetail(definition, registry, { output, nodes })
 */
export function redactRunDetail(
  definition: FlowDefinition | undefined,
  registry: NodeRegistry,
  detail: { output?: unknown; nodes?: RunProgress['nodes'] | undefined },
): { output: unknown; nodes: RunProgress['nodes'] | undefined; redacted: true } {
  const keys = new Set<string>()
  const whole = new Set<string>()
  for (const node of definition?.nodes ?? []) {
    const type = registry.get(node.type, node.version)
    // Unknown types are treated as reading everything.
    const reads = type ? (type.personalData?.reads ?? []) : ['*']
    if (!type || type.category === 'trigger' || reads.includes('*')) whole.add(node.id)
    for (const field of reads) if (field !== '*') keys.add(field)
  }
  let nodes: RunProgress['nodes'] | undefined
  if (detail.nodes) {
    nodes = {}
    for (const [id, state] of Object.entries(detail.nodes)) {
      const hidden = definition === undefined || whole.has(id)
      nodes[id] =
        state.output === undefined
          ? state
          : { ...state, output: hidden ? redactAll(state.output) : redactKeys(state.output, keys) }
    }
  }
  return {
    output: definition === undefined ? redactAll(detail.output) : redactKeys(detail.output, keys),
    nodes,
    redacted: true,
  }
}
