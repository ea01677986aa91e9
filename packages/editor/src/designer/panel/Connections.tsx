import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CatalogueNode } from '../../api/types'
import { pick } from '../../i18n'
import { checkConnection, type Graph, portsOf, type WarmNode } from '../graph'

/** The keyboard way to connect ports: pick an output port and a target node. */
export function Connections({
  node,
  name,
  graph,
  catalogue,
  onConnect,
  onRemoveEdge,
}: {
  node: WarmNode
  name: string
  graph: Graph
  catalogue: ReadonlyMap<string, CatalogueNode>
  onConnect(source: string, port: string, target: string): void
  onRemoveEdge(edgeId: string): void
}) {
  const { t, i18n } = useTranslation()
  const ports = portsOf(catalogue.get(`${node.data.type}@${node.data.version}`), node.data.config)
  const [port, setPort] = useState(ports[0]?.id ?? 'out')
  const [target, setTarget] = useState('')
  const outgoing = graph.edges.filter((edge) => edge.source === node.id)
  const incoming = graph.edges.filter((edge) => edge.target === node.id)
  const labelOf = (id: string) => {
    const other = graph.nodes.find((candidate) => candidate.id === id)
    if (!other) return id
    const type = catalogue.get(`${other.data.type}@${other.data.version}`)
    return other.data.label || `${pick(type?.title, i18n.language) || other.data.type} (${other.id})`
  }
  const refusal = target
    ? checkConnection(graph, { source: node.id, sourceHandle: port, target, targetHandle: 'in' }, catalogue)
    : undefined
  return (
    <section aria-labelledby="connections-heading">
      <h3 id="connections-heading">{t('connections.heading')}</h3>
      {incoming.length > 0 && (
        <p className="small-text">
          {t('connections.from', { nodes: incoming.map((edge) => labelOf(edge.source)).join(', ') })}
        </p>
      )}
      <ul className="edge-list">
        {outgoing.map((edge) => (
          <li key={edge.id}>
            {t('connections.to', {
              port: pick(ports.find((p) => p.id === (edge.sourceHandle ?? 'out'))?.title, i18n.language),
              node: labelOf(edge.target),
            })}{' '}
            <button
              type="button"
              className="small"
              onClick={() => onRemoveEdge(edge.id)}
              aria-label={t('connections.removeLabel', { from: name, to: labelOf(edge.target) })}
            >
              {t('form.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="connect-row">
        <label htmlFor="connect-port">{t('connections.port')}</label>
        <select id="connect-port" value={port} onChange={(event) => setPort(event.target.value)}>
          {ports.map((option) => (
            <option key={option.id} value={option.id}>
              {pick(option.title, i18n.language)}
            </option>
          ))}
        </select>
        <label htmlFor="connect-target">{t('connections.target')}</label>
        <select id="connect-target" value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value="">{t('form.choose')}</option>
          {graph.nodes
            .filter((other) => other.id !== node.id)
            .map((other) => (
              <option key={other.id} value={other.id}>
                {labelOf(other.id)}
              </option>
            ))}
        </select>
        {refusal && (
          <p className="field-error" role="status">
            {t(`connect.${refusal.reason}`, { path: refusal.path?.join(' → ') ?? '' })}
          </p>
        )}
        <button
          type="button"
          disabled={!target || refusal !== undefined}
          onClick={() => {
            onConnect(node.id, port, target)
            setTarget('')
          }}
        >
          {t('connections.connect')}
        </button>
      </div>
    </section>
  )
}
