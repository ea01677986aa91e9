import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnConnectEnd,
  useReactFlow,
} from '@xyflow/react'
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CatalogueNode } from '../../api/types'
import { pick } from '../../i18n'
import {
  checkConnection,
  duplicate,
  freshNodeId,
  type Graph,
  makeEdge,
  removeFromGraph,
  type WarmNode,
} from '../graph'
import { type History, record, recordFrom, redo, replace, startHistory, undo } from '../history'
import { autoLayout } from '../layout'
import { paletteMime } from '../Palette'

/** What {@link useGraphEditing} needs from the designer around it. */
export interface GraphEditingOptions {
  /** Makes the graph the designer opens with (called once). */
  initial(): Graph
  /** The node catalogue by `type@version`. */
  catalogue: ReadonlyMap<string, CatalogueNode>
  /** Says a change aloud to screen readers (the designer's live region). */
  announce(text: string): void
  /** Shows the settings tab (after adding or focusing a node). */
  showSettings(): void
  /** True while the canvas is not for editing (an earlier run is shown): shortcuts are off. */
  paused: boolean
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  )
}

/** The defaults a node type's config schema declares, so a new node starts with them filled. */
function defaultsOf(item: CatalogueNode): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(item.configSchema?.properties ?? {})) {
    if (property.default !== undefined) config[name] = structuredClone(property.default)
  }
  return config
}

/**
 * Editing the graph on the canvas: the undo history, connecting (with the reason a connection is
 * refused), adding, deleting, copying and pasting nodes, dragging, auto layout and the keyboard
 * shortcuts. While a node is dragged, `settled` is the graph from before the drag, so the panel,
 * validation and autosave do not follow every frame (the drag ends in one undo step anyway).
 */
export function useGraphEditing({ initial, catalogue, announce, showSettings, paused }: GraphEditingOptions) {
  const { t, i18n } = useTranslation()
  const flow = useReactFlow<WarmNode>()
  const [history, setHistory] = useState<History<Graph>>(() => startHistory(initial()))
  const graph = history.present
  const [dragging, setDragging] = useState(false)
  const frozen = useRef(graph)
  if (!dragging) frozen.current = graph
  const settled = dragging ? frozen.current : graph
  const graphRef = useRef(graph)
  graphRef.current = graph
  const [refusal, setRefusal] = useState<{ text: string; x: number; y: number } | undefined>()
  const clipboard = useRef<Graph | undefined>(undefined)
  const dragOrigin = useRef<Graph | undefined>(undefined)
  const pointer = useRef({ x: 0, y: 0 })
  const wrapper = useRef<HTMLDivElement>(null)

  // Typing in one setting makes one undo step, not one per key.
  const lastEdit = useRef<{ key: string; at: number } | undefined>(undefined)
  const change = useCallback((next: (graph: Graph) => Graph) => {
    lastEdit.current = undefined
    setHistory((current) => record(current, next(current.present)))
  }, [])

  /** Starts a fresh history at `graph` (the newest saved draft, loaded after a conflict). */
  const restart = useCallback((next: Graph) => setHistory(startHistory(next)), [])

  const onNodesChange = useCallback((changes: NodeChange<WarmNode>[]) => {
    // Deleting goes through deleteSelection (one undo step with the edges); the rest is view state.
    const kept = changes.filter((item) => item.type !== 'remove')
    if (kept.length === 0) return
    // A move by arrow key (no mouse drag under way) is one undo step; a mouse drag is recorded
    // once when it ends (onNodeDragStop).
    const keyboardMove =
      dragOrigin.current === undefined &&
      kept.some((item) => item.type === 'position' && item.position !== undefined && item.dragging === false)
    setHistory((current) => {
      const next = { ...current.present, nodes: applyNodeChanges(kept, current.present.nodes) }
      return keyboardMove ? record(current, next) : replace(current, next)
    })
  }, [])

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const kept = changes.filter((item) => item.type !== 'remove')
    if (kept.length === 0) return
    setHistory((current) =>
      replace(current, { ...current.present, edges: applyEdgeChanges(kept, current.present.edges) }),
    )
  }, [])

  // Reads the graph through graphRef, so this function (and the canvas options made from it)
  // stays the same while the graph changes and React Flow's store is not updated for it.
  const refusalText = useCallback(
    (attempt: Connection | { source: string; target: string; sourceHandle?: string | null }) => {
      const refused = checkConnection(graphRef.current, attempt, catalogue)
      if (!refused) return undefined
      return t(`connect.${refused.reason}`, { path: refused.path?.join(' → ') ?? '' })
    },
    [catalogue, t],
  )

  // xyflow asks this for every handle while a connection is dragged: it must not set state.
  const isValidConnection = useCallback(
    (attempt: Connection | { source: string; target: string }) =>
      refusalText(attempt as Connection) === undefined,
    [refusalText],
  )

  const connect = useCallback(
    (attempt: Connection) => {
      const text = refusalText(attempt)
      if (text) {
        setRefusal({ text, ...pointer.current })
        announce(text)
        return
      }
      setRefusal(undefined)
      change((g) => ({
        ...g,
        edges: [...g.edges, makeEdge(attempt.source, attempt.sourceHandle ?? 'out', attempt.target)],
      }))
      announce(t('canvas.connected', { source: attempt.source, target: attempt.target }))
    },
    [announce, change, refusalText, t],
  )

  const addNode = useCallback(
    (item: CatalogueNode, position?: { x: number; y: number }) => {
      const box = wrapper.current?.getBoundingClientRect()
      const at =
        position ??
        flow.screenToFlowPosition({
          x: (box?.left ?? 0) + (box?.width ?? 600) / 2 - 110,
          y: (box?.top ?? 0) + (box?.height ?? 400) / 2 - 36 + ((history.present.nodes.length * 24) % 200),
        })
      let id = ''
      change((g) => {
        const taken = new Set(g.nodes.map((node) => node.id))
        id = freshNodeId(item.type, taken)
        const node: WarmNode = {
          id,
          type: 'warm',
          position: at,
          selected: true,
          data: { type: item.type, version: item.version, config: defaultsOf(item) },
        }
        return {
          nodes: [...g.nodes.map((other) => (other.selected ? { ...other, selected: false } : other)), node],
          edges: g.edges,
        }
      })
      showSettings()
      announce(t('canvas.added', { title: pick(item.title, i18n.language) }))
    },
    [announce, change, flow, history.present.nodes.length, i18n.language, showSettings, t],
  )

  const deleteSelection = useCallback(() => {
    const nodeIds = new Set(history.present.nodes.filter((node) => node.selected).map((node) => node.id))
    const edgeIds = new Set(history.present.edges.filter((edge) => edge.selected).map((edge) => edge.id))
    if (nodeIds.size === 0 && edgeIds.size === 0) return
    change((g) => removeFromGraph(g, nodeIds, edgeIds))
    announce(t('canvas.deleted', { count: nodeIds.size + edgeIds.size }))
  }, [announce, change, history.present, t])

  const copySelection = useCallback(() => {
    const nodes = history.present.nodes.filter((node) => node.selected)
    if (nodes.length === 0) return
    const ids = new Set(nodes.map((node) => node.id))
    clipboard.current = {
      nodes,
      edges: history.present.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
    }
    announce(t('canvas.copied', { count: nodes.length }))
  }, [announce, history.present, t])

  const paste = useCallback(() => {
    const clip = clipboard.current
    if (!clip) return
    change((g) => {
      const copies = duplicate(clip, new Set(g.nodes.map((node) => node.id)))
      return {
        nodes: [
          ...g.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
          ...copies.nodes,
        ],
        edges: [...g.edges, ...copies.edges],
      }
    })
    announce(t('canvas.pasted', { count: clip.nodes.length }))
  }, [announce, change, t])

  const doUndo = useCallback(() => {
    setHistory(undo)
    announce(t('canvas.undone'))
  }, [announce, t])
  const doRedo = useCallback(() => {
    setHistory(redo)
    announce(t('canvas.redone'))
  }, [announce, t])
  const layout = useCallback(() => {
    change(autoLayout)
    window.requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 200 }))
  }, [change, flow])

  // Keyboard shortcuts for the canvas; typing in a field is never taken over.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (paused || isTyping(event.target)) return
      const mod = event.ctrlKey || event.metaKey
      const key = event.key.toLowerCase()
      if (mod && key === 'z' && !event.shiftKey) doUndo()
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) doRedo()
      else if (mod && key === 'c') copySelection()
      else if (mod && key === 'v') paste()
      else if (event.key === 'Delete' || event.key === 'Backspace') deleteSelection()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [copySelection, deleteSelection, doRedo, doUndo, paste, paused])

  // Drag from the palette.
  const onDrop = useCallback(
    (event: DragEvent) => {
      const key = event.dataTransfer.getData(paletteMime)
      const item = catalogue.get(key)
      if (!item) return
      event.preventDefault()
      addNode(item, flow.screenToFlowPosition({ x: event.clientX - 20, y: event.clientY - 20 }))
    },
    [addNode, flow, catalogue],
  )

  const selectedNodes = useMemo(() => settled.nodes.filter((node) => node.selected), [settled])
  const onNodeChange = useCallback((id: string, update: Partial<WarmNode['data']>) => {
    const key = `${id}:${Object.keys(update).sort().join(',')}`
    const now = Date.now()
    const same = lastEdit.current?.key === key && now - lastEdit.current.at < 1000
    lastEdit.current = { key, at: now }
    setHistory((current) => {
      const next = {
        ...current.present,
        nodes: current.present.nodes.map((node) =>
          node.id === id ? { ...node, data: { ...node.data, ...update } } : node,
        ),
      }
      return same ? replace(current, next) : record(current, next)
    })
  }, [])
  const connectPorts = useCallback(
    (source: string, port: string, target: string) =>
      connect({ source, sourceHandle: port, target, targetHandle: 'in' }),
    [connect],
  )
  const removeEdge = useCallback(
    (edgeId: string) => change((g) => removeFromGraph(g, new Set(), new Set([edgeId]))),
    [change],
  )
  const addFromPalette = useCallback((item: CatalogueNode) => addNode(item), [addNode])
  const focusNode = useCallback(
    (id: string) => {
      setHistory((current) =>
        replace(current, {
          ...current.present,
          nodes: current.present.nodes.map((node) =>
            node.selected === (node.id === id) ? node : { ...node, selected: node.id === id },
          ),
        }),
      )
      const node = graphRef.current.nodes.find((candidate) => candidate.id === id)
      if (node) void flow.setCenter(node.position.x + 110, node.position.y + 36, { zoom: 1, duration: 200 })
      showSettings()
    },
    [flow, showSettings],
  )

  const onConnectEnd = useCallback<OnConnectEnd>(
    (_event, state) => {
      const attempt = state.fromHandle && state.toHandle && !state.isValid
      if (attempt && state.fromHandle && state.toHandle) {
        const text = refusalText({
          source: state.fromHandle.nodeId,
          sourceHandle: state.fromHandle.id ?? 'out',
          target: state.toHandle.nodeId,
          targetHandle: state.toHandle.id ?? 'in',
        })
        if (text) {
          setRefusal({ text, ...pointer.current })
          announce(text)
          window.setTimeout(() => setRefusal(undefined), 3000)
        }
      }
    },
    [announce, refusalText],
  )
  const onNodeDragStart = useCallback(() => {
    dragOrigin.current = graphRef.current
    setDragging(true)
  }, [])
  const onNodeDragStop = useCallback(() => {
    const origin = dragOrigin.current
    dragOrigin.current = undefined
    setDragging(false)
    if (origin) setHistory((current) => recordFrom(current, origin))
  }, [])

  return {
    history,
    graph,
    settled,
    selectedNodes,
    refusal,
    pointer,
    wrapper,
    restart,
    refusalText,
    canvas: {
      onNodesChange,
      onEdgesChange,
      onConnect: connect,
      isValidConnection,
      onConnectEnd,
      onNodeDragStart,
      onNodeDragStop,
    },
    onDrop,
    addFromPalette,
    deleteSelection,
    undo: doUndo,
    redo: doRedo,
    layout,
    onNodeChange,
    connectPorts,
    removeEdge,
    focusNode,
  }
}
