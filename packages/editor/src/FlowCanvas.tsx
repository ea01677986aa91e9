import { Background, Controls, type Edge, MiniMap, type Node, ReactFlow } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import type { FlowSummary } from './api'

export function FlowCanvas({ flow, label }: { flow: FlowSummary; label: string }) {
  const nodes: Node[] = flow.definition.nodes.map((node) => ({
    id: node.id,
    position: node.position,
    data: { label: node.label ?? node.type },
    ariaLabel: `${node.label ?? node.id} (${node.type})`,
  }))
  const edges: Edge[] = flow.definition.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
  }))
  return (
    <section className="canvas" aria-label={label}>
      <ReactFlow nodes={nodes} edges={edges} fitView nodesDraggable={false} nodesConnectable={false}>
        <Background />
        <MiniMap />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  )
}
