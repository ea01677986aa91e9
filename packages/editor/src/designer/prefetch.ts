import { api } from '../api/client'
import type { CatalogueNode, FlowJson } from '../api/types'

/** What the designer needs before it can draw: the node catalogue and the flow. */
export interface DesignerData {
  catalogue: CatalogueNode[]
  flow: FlowJson | undefined
}

let pending: { flowId: string; data: Promise<DesignerData>; loaded?: DesignerData } | undefined

function fetchDesignerData(flowId: string): Promise<DesignerData> {
  return Promise.all([
    api.get('/api/v1/nodes'),
    flowId === 'new' ? Promise.resolve(undefined) : api.get('/api/v1/flows/{id}', { path: { id: flowId } }),
  ]).then(([catalogue, flow]) => ({ catalogue: catalogue.items, flow }))
}

/**
 * Starts loading a flow for the designer early (at page load, while the session is checked and
 * the designer's code downloads). A failed early load is not kept: the designer asks again.
 */
export function prefetchDesignerData(flowId: string): void {
  const early: NonNullable<typeof pending> = { flowId, data: fetchDesignerData(flowId) }
  early.data.then(
    (loaded) => {
      early.loaded = loaded
    },
    () => {
      if (pending === early) pending = undefined
    },
  )
  pending = early
}

/**
 * The early load for this flow if it has already arrived (used once), so the designer draws the
 * flow in its first render instead of showing the loading line for a moment.
 */
export function takeLoadedDesignerData(flowId: string): DesignerData | undefined {
  const loaded = pending?.flowId === flowId ? pending.loaded : undefined
  if (loaded) pending = undefined
  return loaded
}

/** The early load for this flow if there is one (used once), otherwise a fresh one. */
export function loadDesignerData(flowId: string): Promise<DesignerData> {
  const early = pending?.flowId === flowId ? pending.data : undefined
  pending = undefined
  return early ?? fetchDesignerData(flowId)
}
