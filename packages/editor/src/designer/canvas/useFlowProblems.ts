import type { NodeRegistry } from '@warmflow/engine/core'
import { useEffect, useMemo, useState } from 'react'
import { checkFlow, type FlowProblem } from '../catalogue'
import type { FlowMeta } from '../Designer'
import { type Graph, toDefinition } from '../graph'

/**
 * The flow as it would be saved, and what the engine's own rules (run in the browser) find wrong
 * with it. Checked 150 ms after the last change to its structure; moving a node does not count.
 */
export function useFlowProblems(meta: FlowMeta, graph: Graph, registry: NodeRegistry) {
  const definition = useMemo(() => toDefinition(meta, graph), [meta, graph])
  const structureKey = useMemo(
    () => JSON.stringify({ ...definition, nodes: definition.nodes.map(({ position, ...rest }) => rest) }),
    [definition],
  )
  const [problems, setProblems] = useState<FlowProblem[]>([])
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const result = checkFlow(JSON.parse(structureKey), registry)
      setProblems(result.ok ? [] : result.problems)
    }, 150)
    return () => window.clearTimeout(timer)
  }, [structureKey, registry])
  const problemsByNode = useMemo(() => {
    const counts = new Map<string, number>()
    for (const problem of problems) {
      if (problem.nodeId) counts.set(problem.nodeId, (counts.get(problem.nodeId) ?? 0) + 1)
    }
    return counts
  }, [problems])
  return { definition, problems, problemsByNode }
}
