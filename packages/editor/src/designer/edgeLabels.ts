import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import type { CatalogueNode } from '../api/types'
import { pick } from '../i18n'
import { nodeDisplayName } from './catalogue'
import { type Graph, portsOf, type WarmEdge } from './graph'

/**
 * The edges with a screen-reader label in the reader's language ("Verbinding van Aanmelding naar
 * Match"), naming the port when it is not the node's only way out ("via Ja"), or saying it is for errors. React Flow's own
 * label is English and names the node ids.
 *
 * @example
 * labelledEdges(graph, catalogue, t, 'nl')[0].ariaLabel // 'Verbinding van Start naar Mail'
 */
export function labelledEdges(
  graph: Graph,
  catalogue: ReadonlyMap<string, CatalogueNode>,
  t: TFunction,
  lang: string,
): WarmEdge[] {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]))
  const name = (id: string) => {
    const node = nodes.get(id)
    return node ? nodeDisplayName(node, catalogue, lang) : id
  }
  return graph.edges.map((edge) => {
    const source = nodes.get(edge.source)
    const ports = source
      ? portsOf(catalogue.get(`${source.data.type}@${source.data.version}`), source.data.config)
      : []
    const port = edge.sourceHandle ?? 'out'
    const named = ports.filter((candidate) => candidate.id !== 'error').length > 1
    const title = pick(ports.find((candidate) => candidate.id === port)?.title, lang) || port
    const ends = { from: name(edge.source), to: name(edge.target) }
    const ariaLabel =
      port === 'error'
        ? t('canvas.edgeLabelError', ends)
        : named
          ? t('canvas.edgeLabelPort', { ...ends, port: title })
          : t('canvas.edgeLabel', ends)
    return { ...edge, ariaLabel }
  })
}

/**
 * {@link labelledEdges}, made again only when the edges or the nodes' names change (not while a
 * node is dragged).
 */
export function useLabelledEdges(
  graph: Graph,
  catalogue: ReadonlyMap<string, CatalogueNode>,
  t: TFunction,
  lang: string,
): WarmEdge[] {
  const namesKey = graph.nodes
    .map((node) => `${node.id}\u0000${node.data.label ?? ''}\u0000${node.data.type}@${node.data.version}`)
    .join('\u0001')
  // biome-ignore lint/correctness/useExhaustiveDependencies: names and edges decide the labels, not positions
  return useMemo(() => labelledEdges(graph, catalogue, t, lang), [graph.edges, namesKey, catalogue, t, lang])
}
