import type { RunJson } from '../../api/types'
import type { ExpressionHelp } from '../expressions'
import type { Graph } from '../graph'

/** Suggestions and sample data for the expressions of one node, from the graph and the last run. */
export function expressionHelpFor(graph: Graph, nodeId: string, run: RunJson | undefined): ExpressionHelp {
  const direct = graph.edges.filter((edge) => edge.target === nodeId).map((edge) => edge.source)
  const upstream = new Set<string>()
  const queue = [...direct]
  while (queue.length > 0) {
    const id = queue.shift()!
    if (upstream.has(id)) continue
    upstream.add(id)
    for (const edge of graph.edges) if (edge.target === id) queue.push(edge.source)
  }
  const outputs: Record<string, unknown> = {}
  for (const [id, state] of Object.entries(run?.nodes ?? {})) outputs[id] = state.output
  const keysOf = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : []
  const data: Record<string, unknown> = {}
  for (const id of direct) Object.assign(data, outputs[id])
  const trigger = graph.nodes.find((candidate) => !graph.edges.some((edge) => edge.target === candidate.id))
  const input = trigger ? outputs[trigger.id] : undefined
  const suggestions = [
    ...Object.keys(data),
    ...[...upstream].flatMap((id) => [
      `$nodes.${id}`,
      ...keysOf(outputs[id]).map((key) => `$nodes.${id}.${key}`),
    ]),
    ...keysOf(input).map((key) => `$input.${key}`),
  ]
  return {
    suggestions: [...new Set(suggestions)],
    ...(run?.nodes ? { sample: { data, bindings: { nodes: outputs, input: input ?? {} } } } : {}),
  }
}
