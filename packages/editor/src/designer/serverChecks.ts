import { useEffect, useMemo, useState } from 'react'
import { api } from '../api/client'
import type { FlowProblem } from './catalogue'

/**
 * The privacy warnings of the saved draft (e.g. an AI node without pseudonymisation before it),
 * from `POST /api/v1/flows/{id}/validate`. Asked again after every save; they never block
 * publishing. While a request fails, the last warnings stay.
 */
export function useFlowWarnings(flowId: string | undefined, revision: number | undefined): FlowProblem[] {
  const [warnings, setWarnings] = useState<FlowProblem[]>([])
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision is a new draft to check
  useEffect(() => {
    if (!flowId) {
      setWarnings([])
      return
    }
    let current = true
    api.post('/api/v1/flows/{id}/validate', { path: { id: flowId } }).then(
      (answer) => {
        if (current) setWarnings(answer.warnings)
      },
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [flowId, revision])
  return warnings
}

/** How many findings each node has, by node id. */
export function countByNode(findings: readonly FlowProblem[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const finding of findings) {
    if (finding.nodeId) counts.set(finding.nodeId, (counts.get(finding.nodeId) ?? 0) + 1)
  }
  return counts
}

/** {@link countByNode}, kept while the findings stay the same. */
export function useCountByNode(findings: readonly FlowProblem[]): Map<string, number> {
  return useMemo(() => countByNode(findings), [findings])
}
