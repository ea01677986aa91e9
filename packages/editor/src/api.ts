/** A flow as the API returns it (see GET /api/v1/flows). */
export interface FlowSummary {
  id: string
  name: string
  description: string
  latestVersion: number | null
  definition: {
    nodes: { id: string; type: string; version: number; label?: string; position: { x: number; y: number } }[]
    edges: { id: string; source: string; target: string }[]
  }
}

export async function fetchFlows(): Promise<FlowSummary[]> {
  const response = await fetch('/api/v1/flows', { headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return ((await response.json()) as { items: FlowSummary[] }).items
}
