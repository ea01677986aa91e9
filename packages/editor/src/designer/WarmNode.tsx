import { Handle, type NodeHandle, type NodeProps, Position } from '@xyflow/react'
import { createContext, memo, useContext, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { CatalogueNode, NodeRunStateJson } from '../api/types'
import { formatDuration, pick } from '../i18n'
import { inputPort, portsOf, type WarmNode as WarmNodeType } from './graph'
import { NodeIcon } from './icons'

/** What every node on the canvas needs besides its own data. */
export interface CanvasInfo {
  catalogue: ReadonlyMap<string, CatalogueNode>
  problems: ReadonlyMap<string, number>
  /** Privacy warnings per node (from the API's validation); they do not block publishing. */
  warnings?: ReadonlyMap<string, number>
  run: Readonly<Record<string, NodeRunStateJson>> | undefined
}

/** Shared canvas information for the node components. */
export const CanvasInfoContext = createContext<CanvasInfo>({
  catalogue: new Map(),
  problems: new Map(),
  run: undefined,
})

/** How long a node took (or has been running). */
export function nodeDuration(state: NodeRunStateJson | undefined, now = Date.now()): number | undefined {
  if (!state?.startedAt) return undefined
  const start = Date.parse(state.startedAt)
  const end = state.finishedAt ? Date.parse(state.finishedAt) : now
  return Number.isNaN(start) || Number.isNaN(end) ? undefined : Math.max(0, end - start)
}

function WarmNodeView({ id, data, selected }: NodeProps<WarmNodeType>) {
  const { t, i18n } = useTranslation()
  const { catalogue, problems, warnings, run } = useContext(CanvasInfoContext)
  const type = catalogue.get(`${data.type}@${data.version}`)
  const title = type ? pick(type.title, i18n.language) : data.type
  const problemCount = problems.get(id) ?? 0
  const warningCount = warnings?.get(id) ?? 0
  const state = run?.[id]
  const ports = portsOf(type, data.config)
  const mainPorts = ports.filter((port) => port.id !== 'error')
  const duration = nodeDuration(state)
  const name = data.label || title
  return (
    <div
      className={`warm-node cat-${type?.category ?? 'unknown'}${selected ? ' selected' : ''}${problemCount ? ' has-problems' : ''}${warningCount ? ' has-warnings' : ''}${state ? ` run-${state.status}` : ''}`}
      data-testid={`node-${id}`}
    >
      {type?.category !== 'trigger' && (
        <Handle
          type="target"
          position={Position.Left}
          id={inputPort}
          title={t('canvas.inputPort', { name })}
        />
      )}
      <NodeIcon name={type?.icon} category={type?.category} />
      <div className="warm-node-text">
        <span className="warm-node-name">{name}</span>
        <span className="warm-node-type">{data.label ? title : id}</span>
      </div>
      {(problemCount > 0 || warningCount > 0 || state) && (
        // Above the top edge, so a badge that comes or goes never changes the node's height: its
        // ports and edges stay where the designer sees them.
        <div className="warm-node-badges">
          {problemCount > 0 && (
            <span className="badge badge-problem">{t('canvas.problemCount', { count: problemCount })}</span>
          )}
          {warningCount > 0 && (
            <span className="badge badge-warning">{t('canvas.warningCount', { count: warningCount })}</span>
          )}
          {state && (
            <span className={`badge run-badge run-badge-${state.status}`}>
              {t(`nodeStatus.${state.status}`)}
              {duration !== undefined && state.status !== 'pending'
                ? ` · ${formatDuration(duration, i18n.language)}`
                : ''}
            </span>
          )}
        </div>
      )}
      {mainPorts.map((port, index) => (
        <Handle
          key={port.id}
          type="source"
          position={Position.Right}
          id={port.id}
          style={{ top: `${((index + 1) * 100) / (mainPorts.length + 1)}%` }}
          title={t('canvas.outputPort', { name, port: pick(port.title, i18n.language) })}
        />
      ))}
      <Handle
        type="source"
        position={Position.Bottom}
        id="error"
        className="error-handle"
        title={t('canvas.errorPort', { name })}
      />
    </div>
  )
}

/** A node on the canvas: icon, name, type, problems and run status, with its ports. */
export const WarmNodeComponent = memo(WarmNodeView)

/** A node's size on the canvas before it is drawn: its CSS width, one line of name; badges sit outside. */
export const estimatedNodeSize = { width: 220, height: 59 }
/** Port sizes from styles.css (`.warm-node .react-flow__handle`, `.error-handle`). */
const portSize = 12
const errorPortSize = 10

/**
 * Where the ports of a node that has not been drawn yet will be, relative to its top left
 * corner, laid out as {@link WarmNodeComponent} and styles.css place them: the input in the
 * middle of the left side, the outputs spread over the right side, the error port in the middle
 * of the bottom.
 */
export function estimatedPorts(
  type: CatalogueNode | undefined,
  config: unknown,
  size = estimatedNodeSize,
): NodeHandle[] {
  const { width, height } = size
  const mainPorts = portsOf(type, config).filter((port) => port.id !== 'error')
  const ports: NodeHandle[] = mainPorts.map((port, index) => ({
    id: port.id,
    type: 'source',
    position: Position.Right,
    x: width - portSize / 2,
    y: ((index + 1) * height) / (mainPorts.length + 1) - portSize / 2,
    width: portSize,
    height: portSize,
  }))
  ports.push({
    id: 'error',
    type: 'source',
    position: Position.Bottom,
    x: width / 2 - errorPortSize / 2,
    y: height - errorPortSize / 2,
    width: errorPortSize,
    height: errorPortSize,
  })
  if (type?.category !== 'trigger') {
    ports.push({
      id: inputPort,
      type: 'target',
      position: Position.Left,
      x: -portSize / 2,
      y: height / 2 - portSize / 2,
      width: portSize,
      height: portSize,
    })
  }
  return ports
}

type Size = { width: number; height: number }

/**
 * The nodes for a canvas that draws only what is in view. React Flow draws every node it has not
 * measured once, to measure it, which on a large flow is most of the first render. So a node not
 * measured yet is given its expected size and ports: React Flow draws only the nodes in view, and
 * the minimap, "fit view" and edges to nodes out of view still count with every node. A drawn
 * node is measured; when its size differs from the guess, the measured size replaces it. A node
 * from an earlier state (undo) that was measured since gets that size back, so React Flow keeps
 * the ports it measured.
 */
export function useCanvasNodes(
  nodes: WarmNodeType[],
  catalogue: ReadonlyMap<string, CatalogueNode>,
  onlyVisible: boolean,
): WarmNodeType[] {
  const cache = useRef<{
    catalogue: ReadonlyMap<string, CatalogueNode>
    // Per node object, so an unchanged node stays the same object for React Flow.
    nodes: WeakMap<WarmNodeType, WarmNodeType>
    sizes: Map<string, Size>
  }>(undefined)
  return useMemo(() => {
    if (!onlyVisible) return nodes
    if (cache.current?.catalogue !== catalogue) {
      cache.current = { catalogue, nodes: new WeakMap(), sizes: cache.current?.sizes ?? new Map() }
    }
    const known = cache.current
    return nodes.map((node) => {
      const { width, height } = node.measured ?? {}
      if (width !== undefined && height !== undefined) {
        known.sizes.set(node.id, { width, height })
        return node
      }
      const size = known.sizes.get(node.id)
      let canvasNode = known.nodes.get(node)
      if (!canvasNode || (size !== undefined && canvasNode.measured !== size)) {
        canvasNode = size
          ? { ...node, measured: size }
          : {
              ...node,
              measured: estimatedNodeSize,
              handles: estimatedPorts(
                catalogue.get(`${node.data.type}@${node.data.version}`),
                node.data.config,
              ),
            }
        known.nodes.set(node, canvasNode)
      }
      return canvasNode
    })
  }, [nodes, catalogue, onlyVisible])
}
