import { Graph as DagreGraph, layout } from '@dagrejs/dagre'
import type { Graph } from './graph'

/** Size the layout reserves for a node when the canvas has not measured it yet. */
const defaultSize = { width: 220, height: 72 }

/**
 * Lays the flow out from left to right with dagre: triggers on the left, each step to the right
 * of what leads into it. Returns a new graph; edges are unchanged.
 *
 * @example
 * setGraph(autoLayout(graph))
 */
export function autoLayout(graph: Graph): Graph {
  const g = new DagreGraph()
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const node of graph.nodes) {
    g.setNode(node.id, {
      width: node.measured?.width ?? defaultSize.width,
      height: node.measured?.height ?? defaultSize.height,
    })
  }
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target)
  layout(g)
  return {
    nodes: graph.nodes.map((node) => {
      const placed = g.node(node.id)
      if (!placed) return node
      const width = node.measured?.width ?? defaultSize.width
      const height = node.measured?.height ?? defaultSize.height
      return { ...node, position: { x: placed.x - width / 2, y: placed.y - height / 2 } }
    }),
    edges: graph.edges,
  }
}
