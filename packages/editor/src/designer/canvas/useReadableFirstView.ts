import { getNodesBounds, useNodesInitialized, useReactFlow } from '@xyflow/react'
import { type RefObject, useEffect, useRef } from 'react'
import type { WarmNode } from '../graph'
import { readableViewport } from './readableView'

/**
 * Sets the canvas's first view once its nodes have been measured: the whole flow when it fits at
 * a readable zoom, otherwise its start at {@link readableViewport}'s readable zoom. Only when
 * `enabled` (a flow with nodes, not one so large that only what is in view is drawn).
 */
export function useReadableFirstView(enabled: boolean, canvas: RefObject<HTMLElement | null>): void {
  const flow = useReactFlow<WarmNode>()
  const measured = useNodesInitialized()
  const done = useRef(false)
  useEffect(() => {
    if (!enabled || !measured || done.current) return
    const element = canvas.current
    if (!element || element.clientWidth === 0) return
    done.current = true
    const bounds = getNodesBounds(flow.getNodes())
    void flow.setViewport(
      readableViewport(bounds, { width: element.clientWidth, height: element.clientHeight }),
    )
  }, [enabled, measured, canvas, flow])
}
