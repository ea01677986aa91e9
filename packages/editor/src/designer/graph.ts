import {
  type AnyNodeDefinition,
  controlPlugin,
  defaultOutputPort,
  errorOutputPort,
  outputPortsOf,
} from '@warmflow/engine/core'
import type { Edge, Node } from '@xyflow/react'
import type { LocalizedText } from '../api/client'
import type { CatalogueNode, FlowDefinitionJson, FlowEdgeJson } from '../api/types'
import { type FlowBaseline, onlyPresentHumanTasks } from '../impact/baseline'

/** What a canvas node carries: the flow node without its id and position. */
export interface WarmNodeData extends Record<string, unknown> {
  type: string
  version: number
  label?: string
  config: Record<string, unknown>
  credentials?: Record<string, string>
  options?: Record<string, unknown>
  /** The node's input mapping (`{ field: expression }`), replacing its default input. */
  input?: Record<string, string>
}

/** A node on the canvas. */
export type WarmNode = Node<WarmNodeData, 'warm'>
/** An edge on the canvas. */
export type WarmEdge = Edge

/** The nodes and edges of the canvas: what undo and redo restore. */
export interface Graph {
  nodes: WarmNode[]
  edges: WarmEdge[]
}

/** The input port every non-trigger node has. */
export const inputPort = 'in'

/** An output port: its id (used in edges) and its title. */
export interface Port {
  id: string
  title: LocalizedText
}

/** The engine's own nodes (switch, condition, …), by `type@version`: their ports come from the engine. */
const engineNodes: ReadonlyMap<string, AnyNodeDefinition> = new Map(
  controlPlugin.nodes.map((definition) => [definition.key, definition]),
)

/**
 * The ports of an engine node whose ports depend on its config (a switch: one per case plus
 * `default`), from the engine's own `outputs(config)`. Undefined while the config is too
 * unfinished to have ports (a case without an id), so the catalogue's ports are shown instead.
 */
function enginePorts(catalogue: CatalogueNode | undefined, config: unknown): Port[] | undefined {
  const definition = catalogue && engineNodes.get(`${catalogue.type}@${catalogue.version}`)
  if (typeof definition?.outputs !== 'function' || config === undefined) return undefined
  try {
    const ports = outputPortsOf(definition, config)
    return ports.every((port) => typeof port.id === 'string') ? ports : undefined
  } catch {
    return undefined
  }
}

/**
 * The output ports of a node: its declared outputs (or `out`), plus the `error` port every
 * node has for routing a failure onward. For engine nodes whose ports follow their config (a
 * switch), the engine derives them from `config`.
 */
export function portsOf(catalogue: CatalogueNode | undefined, config?: unknown): Port[] {
  const dynamic = enginePorts(catalogue, config)
  if (dynamic) return dynamic
  const declared: Port[] = [...(catalogue?.outputs ?? [])]
  const ports = declared.length > 0 ? declared : [defaultOutputPort]
  return ports.some((port) => port.id === errorOutputPort.id) ? ports : [...ports, errorOutputPort]
}

/** The ids of {@link portsOf}. */
export function outputPorts(catalogue: CatalogueNode | undefined, config?: unknown): string[] {
  return portsOf(catalogue, config).map((port) => port.id)
}

/** Why a connection is refused; each has a translated message `connect.<reason>`. */
export type RefusalReason = 'self' | 'cycle' | 'triggerInput' | 'duplicate' | 'port' | 'unknownNode'

/** A refused connection and, for cycles, the loop it would make. */
export interface Refusal {
  reason: RefusalReason
  path?: string[]
}

/** The connection the user is trying to make. */
export interface ConnectionAttempt {
  source: string | null
  target: string | null
  sourceHandle?: string | null
  targetHandle?: string | null
}

/** The ids reachable from `start` following edges forward, with the path to each. */
function pathBetween(edges: readonly WarmEdge[], from: string, to: string): string[] | undefined {
  const next = new Map<string, string[]>()
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target])
  const previous = new Map<string, string>()
  const queue = [from]
  const seen = new Set([from])
  while (queue.length > 0) {
    const id = queue.shift()!
    if (id === to) {
      const path = [to]
      let cursor = to
      while (cursor !== from) {
        cursor = previous.get(cursor)!
        path.unshift(cursor)
      }
      return path
    }
    for (const target of next.get(id) ?? []) {
      if (seen.has(target)) continue
      seen.add(target)
      previous.set(target, id)
      queue.push(target)
    }
  }
  return undefined
}

/**
 * Checks whether a connection can work, before it is made: no self-loops, no cycles, nothing
 * into a trigger, no duplicates, and only from an output port to an input port.
 *
 * @example
 * checkConnection(graph, { source: 'a', target: 'b' }, catalogue) // undefined when fine
 */
export function checkConnection(
  graph: Graph,
  attempt: ConnectionAttempt,
  catalogue: ReadonlyMap<string, CatalogueNode>,
): Refusal | undefined {
  const source = graph.nodes.find((node) => node.id === attempt.source)
  const target = graph.nodes.find((node) => node.id === attempt.target)
  if (!source || !target) return { reason: 'unknownNode' }
  if (source.id === target.id) return { reason: 'self' }
  const targetType = catalogue.get(`${target.data.type}@${target.data.version}`)
  if (targetType?.category === 'trigger') return { reason: 'triggerInput' }
  const sourcePort = attempt.sourceHandle ?? 'out'
  const targetPort = attempt.targetHandle ?? inputPort
  const sourceType = catalogue.get(`${source.data.type}@${source.data.version}`)
  if (!outputPorts(sourceType, source.data.config).includes(sourcePort) || targetPort !== inputPort)
    return { reason: 'port' }
  if (
    graph.edges.some(
      (edge) =>
        edge.source === source.id && edge.target === target.id && (edge.sourceHandle ?? 'out') === sourcePort,
    )
  ) {
    return { reason: 'duplicate' }
  }
  const back = pathBetween(graph.edges, target.id, source.id)
  if (back) return { reason: 'cycle', path: [...back, target.id] }
  return undefined
}

/** A node id derived from its type that is not used yet, e.g. `ai_summarise_2`. */
export function freshNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.replace(/[^A-Za-z0-9]+/g, '_').replace(/^[^A-Za-z]+/, '') || 'node'
  for (let n = 1; ; n++) {
    const id = `${base.slice(0, 56)}_${n}`
    if (!taken.has(id)) return id
  }
}

/** The id of an edge between two ports. */
export function edgeId(source: string, sourcePort: string, target: string): string {
  return `e_${source}_${sourcePort}_${target}`.slice(0, 128)
}

/** Makes a canvas edge. */
export function makeEdge(source: string, sourcePort: string, target: string): WarmEdge {
  return {
    id: edgeId(source, sourcePort, target),
    source,
    target,
    sourceHandle: sourcePort,
    targetHandle: inputPort,
  }
}

/** Removes the given nodes and every edge that touches them, plus the given edges. */
export function removeFromGraph(
  graph: Graph,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): Graph {
  return {
    nodes: graph.nodes.filter((node) => !nodeIds.has(node.id)),
    edges: graph.edges.filter(
      (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
    ),
  }
}

/**
 * Copies of nodes (and the edges between them) with fresh ids, shifted so they do not cover
 * the originals. Used by paste.
 */
export function duplicate(clip: Graph, taken: ReadonlySet<string>, offset = 40): Graph {
  const used = new Set(taken)
  const renamed = new Map<string, string>()
  const nodes = clip.nodes.map((node) => {
    const id = freshNodeId(node.data.type, used)
    used.add(id)
    renamed.set(node.id, id)
    return {
      ...node,
      id,
      selected: true,
      position: { x: node.position.x + offset, y: node.position.y + offset },
      data: structuredClone(node.data),
    }
  })
  const edges = clip.edges
    .filter((edge) => renamed.has(edge.source) && renamed.has(edge.target))
    .map((edge) => makeEdge(renamed.get(edge.source)!, edge.sourceHandle ?? 'out', renamed.get(edge.target)!))
  return { nodes, edges }
}

/** The flow definition the API stores, from the canvas. */
export function toDefinition(
  meta: {
    name: string
    description?: string
    retentionDays?: number
    retentionRecords?: 'keep' | 'remove'
    tags?: string[]
    impact?: FlowBaseline
  },
  graph: Graph,
): FlowDefinitionJson & { edges: FlowEdgeJson[] } {
  const { impact: baseline, ...rest } = meta
  const impact = onlyPresentHumanTasks(
    baseline,
    graph.nodes.map((node) => ({ id: node.id, type: node.data.type })),
  )
  return {
    ...rest,
    ...(impact ? { impact } : {}),
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      type: node.data.type,
      version: node.data.version,
      ...(node.data.label ? { label: node.data.label } : {}),
      config: node.data.config,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      ...(node.data.options ? { options: node.data.options } : {}),
      ...(node.data.input && Object.keys(node.data.input).length > 0 ? { input: node.data.input } : {}),
      ...(node.data.credentials && Object.keys(node.data.credentials).length > 0
        ? { credentials: node.data.credentials }
        : {}),
    })),
    edges: graph.edges.map(
      (edge): FlowEdgeJson => ({
        id: edge.id,
        source: edge.source,
        sourcePort: edge.sourceHandle ?? 'out',
        target: edge.target,
        targetPort: edge.targetHandle ?? inputPort,
      }),
    ),
  }
}

/** The canvas from a stored flow definition. */
export function fromDefinition(definition: FlowDefinitionJson): Graph {
  return {
    nodes: definition.nodes.map((node) => ({
      id: node.id,
      type: 'warm' as const,
      position: node.position ?? { x: 0, y: 0 },
      data: {
        type: node.type,
        version: node.version,
        ...(node.label ? { label: node.label } : {}),
        config: node.config ?? {},
        ...(node.credentials ? { credentials: node.credentials } : {}),
        ...(node.options ? { options: node.options } : {}),
        ...(node.input ? { input: node.input } : {}),
      },
    })),
    edges: (definition.edges ?? []).map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourcePort ?? 'out',
      targetHandle: edge.targetPort ?? inputPort,
    })),
  }
}
