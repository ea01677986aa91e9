import { Handle, type NodeProps, Position } from '@xyflow/react'
import { createContext, memo, useContext } from 'react'
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
