import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type OnConnectEnd,
  ReactFlow,
  ReactFlowProvider,
  useConnection,
  useReactFlow,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem, api, asProblem } from '../api/client'
import type { CatalogueNode, FlowJson, RunJson } from '../api/types'
import { pick } from '../i18n'
import { useAuth } from '../shell/auth'
import { Loading, ProblemMessage } from '../shell/Problem'
import { navigate } from '../shell/router'
import { catalogueIndex, checkFlow, type FlowProblem, registryFromCatalogue } from './catalogue'
import {
  checkConnection,
  duplicate,
  freshNodeId,
  fromDefinition,
  type Graph,
  makeEdge,
  removeFromGraph,
  toDefinition,
  type WarmNode,
} from './graph'
import { type History, record, recordFrom, redo, replace, startHistory, undo } from './history'
import { rememberCreatedFlow } from './keys'
import { autoLayout } from './layout'
import { Palette, paletteMime } from './Palette'
import { SidePanel, type SidePanelTab } from './panel/SidePanel'
import { loadDesignerData, takeLoadedDesignerData } from './prefetch'
import { RunView, useRunView } from './RunView'
import { useCountByNode, useFlowWarnings } from './serverChecks'
import { CanvasInfoContext, useCanvasNodes, WarmNodeComponent } from './WarmNode'

const nodeTypes = { warm: WarmNodeComponent }
// Canvas options as constants: React Flow copies every option that is a new object or function
// into its store, and each store update runs the selectors of every node (minimap included).
const multiSelectionKeys = ['Shift', 'Meta', 'Control']
const fitViewOptions = { padding: 0.3, maxZoom: 1 }
const proOptions = { hideAttribution: true }

/** The flow's own fields besides nodes and edges. */
export interface FlowMeta {
  name: string
  description?: string
  retentionDays?: number
  tags?: string[]
  /** The baseline for the impact report. */
  impact?: { minutesByHand?: number }
}

/** Where saving stands, shown in the toolbar. */
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'empty' }
  | { kind: 'conflict' }
  | { kind: 'error'; error: unknown }

type Loaded = { catalogue: CatalogueNode[]; flow: FlowJson | undefined }

/** From this many nodes on, the canvas draws only what is in view and does not fit all at start. */
const largeFlow = 200

/** Milliseconds of quiet before an autosave. */
export const autosaveDelay = 1200

/** Longest wait for an autosave while changes keep coming without a pause. */
export const autosaveMaxWait = 10_000

/** The flow designer for one flow (`new` for a flow that is not saved yet). */
export function Designer({ flowId }: { flowId: string }) {
  // Loaded once: when a new flow is first saved, the address changes to its id, but this
  // designer (its canvas and undo history) stays; another flow gets another designer (App's key).
  const [loadId] = useState(flowId)
  // Drawn at once when the early load (started at page load) has already arrived.
  const [early] = useState(() => takeLoadedDesignerData(loadId))
  const [state, setState] = useState<
    { phase: 'loading' } | { phase: 'error'; error: unknown } | ({ phase: 'ready' } & Loaded)
  >(() => (early ? { phase: 'ready', ...early } : { phase: 'loading' }))
  const load = useCallback(() => {
    setState({ phase: 'loading' })
    loadDesignerData(loadId).then(
      ({ catalogue, flow }) => setState({ phase: 'ready', catalogue, flow }),
      (error) => setState({ phase: 'error', error }),
    )
  }, [loadId])
  useEffect(() => {
    if (!early) load()
  }, [early, load])

  if (state.phase === 'loading') return <Loading />
  if (state.phase === 'error') return <ProblemMessage error={state.error} onRetry={load} />
  return (
    <ReactFlowProvider>
      <DesignerCanvas catalogue={state.catalogue} initial={state.flow} />
    </ReactFlowProvider>
  )
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

function DesignerCanvas({
  catalogue,
  initial,
}: {
  catalogue: CatalogueNode[]
  initial: FlowJson | undefined
}) {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const flow = useReactFlow<WarmNode>()
  const index = useMemo(() => catalogueIndex(catalogue), [catalogue])
  const registry = useMemo(() => registryFromCatalogue(catalogue), [catalogue])

  const [meta, setMeta] = useState<FlowMeta>(() => ({
    name: initial?.definition.name ?? t('designer.newFlowName'),
    description: initial?.definition.description ?? '',
    ...(initial?.definition.retentionDays ? { retentionDays: initial.definition.retentionDays } : {}),
    ...(initial?.definition.tags ? { tags: initial.definition.tags } : {}),
    ...(initial?.definition.impact ? { impact: initial.definition.impact } : {}),
  }))
  const [history, setHistory] = useState<History<Graph>>(() =>
    startHistory(initial ? fromDefinition(initial.definition) : { nodes: [], edges: [] }),
  )
  const graph = history.present
  // While a node is dragged, the panel, validation and autosave see the graph from before the
  // drag: only the canvas follows every frame (the drag ends in one undo step anyway).
  const [dragging, setDragging] = useState(false)
  const frozen = useRef(graph)
  if (!dragging) frozen.current = graph
  const settled = dragging ? frozen.current : graph
  // A large flow opens at its start at full size (only what is in view is drawn), not zoomed out.
  // An empty canvas is not fitted either: the first node dropped on it stays where it was dropped.
  const [initialFit] = useState(() => graph.nodes.length > 0 && graph.nodes.length <= largeFlow)
  const [initialViewport] = useState(() => {
    const first = graph.nodes[0]?.position ?? { x: 0, y: 0 }
    return { x: 80 - first.x, y: 120 - first.y, zoom: 1 }
  })
  const graphRef = useRef(graph)
  graphRef.current = graph
  const [saved, setSaved] = useState(() => ({
    id: initial?.id,
    revision: initial?.revision,
    latestVersion: initial?.latestVersion ?? null,
    json: initial ? JSON.stringify(toDefinition(meta, fromDefinition(initial.definition))) : '',
  }))
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' })
  const [problems, setProblems] = useState<FlowProblem[]>([])
  const [serverProblems, setServerProblems] = useState<FlowProblem[] | undefined>()
  const [refusal, setRefusal] = useState<{ text: string; x: number; y: number } | undefined>()
  const [tab, setTab] = useState<SidePanelTab>('settings')
  const [run, setRun] = useState<RunJson | undefined>()
  // A run chosen from the run history is shown read-only on the canvas of the flow as it ran.
  const runView = useRunView()
  const [announcement, setAnnouncement] = useState('')
  const clipboard = useRef<Graph | undefined>(undefined)
  const dragOrigin = useRef<Graph | undefined>(undefined)
  const pointer = useRef({ x: 0, y: 0 })
  const wrapper = useRef<HTMLDivElement>(null)

  // --- graph changes -------------------------------------------------------------------------
  // Typing in one setting makes one undo step, not one per key.
  const lastEdit = useRef<{ key: string; at: number } | undefined>(undefined)
  const change = useCallback((next: (graph: Graph) => Graph) => {
    lastEdit.current = undefined
    setHistory((current) => record(current, next(current.present)))
  }, [])

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
      const refused = checkConnection(graphRef.current, attempt, index)
      if (!refused) return undefined
      return t(`connect.${refused.reason}`, { path: refused.path?.join(' → ') ?? '' })
    },
    [index, t],
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
        setAnnouncement(text)
        return
      }
      setRefusal(undefined)
      change((g) => ({
        ...g,
        edges: [...g.edges, makeEdge(attempt.source, attempt.sourceHandle ?? 'out', attempt.target)],
      }))
      setAnnouncement(t('canvas.connected', { source: attempt.source, target: attempt.target }))
    },
    [change, refusalText, t],
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
      setTab('settings')
      setAnnouncement(t('canvas.added', { title: pick(item.title, i18n.language) }))
    },
    [change, flow, history.present.nodes.length, i18n.language, t],
  )

  const deleteSelection = useCallback(() => {
    const nodeIds = new Set(history.present.nodes.filter((node) => node.selected).map((node) => node.id))
    const edgeIds = new Set(history.present.edges.filter((edge) => edge.selected).map((edge) => edge.id))
    if (nodeIds.size === 0 && edgeIds.size === 0) return
    change((g) => removeFromGraph(g, nodeIds, edgeIds))
    setAnnouncement(t('canvas.deleted', { count: nodeIds.size + edgeIds.size }))
  }, [change, history.present, t])

  const copySelection = useCallback(() => {
    const nodes = history.present.nodes.filter((node) => node.selected)
    if (nodes.length === 0) return
    const ids = new Set(nodes.map((node) => node.id))
    clipboard.current = {
      nodes,
      edges: history.present.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
    }
    setAnnouncement(t('canvas.copied', { count: nodes.length }))
  }, [history.present, t])

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
    setAnnouncement(t('canvas.pasted', { count: clip.nodes.length }))
  }, [change, t])

  const doUndo = useCallback(() => {
    setHistory(undo)
    setAnnouncement(t('canvas.undone'))
  }, [t])
  const doRedo = useCallback(() => {
    setHistory(redo)
    setAnnouncement(t('canvas.redone'))
  }, [t])
  const layout = useCallback(() => {
    change(autoLayout)
    window.requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 200 }))
  }, [change, flow])

  // Keyboard shortcuts for the canvas; typing in a field is never taken over.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (runView.runId || isTyping(event.target)) return
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
  }, [copySelection, deleteSelection, doRedo, doUndo, paste, runView.runId])

  // --- validation (the engine's rules, in the browser) -----------------------------------------
  const definition = useMemo(() => toDefinition(meta, settled), [meta, settled])
  const structureKey = useMemo(
    () => JSON.stringify({ ...definition, nodes: definition.nodes.map(({ position, ...rest }) => rest) }),
    [definition],
  )
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const result = checkFlow(JSON.parse(structureKey), registry)
      setProblems(result.ok ? [] : result.problems)
    }, 150)
    return () => window.clearTimeout(timer)
  }, [structureKey, registry])
  const problemsByNode = useMemo(() => {
    const counts = new Map<string, number>()
    for (const problem of problems) {
      if (problem.nodeId) counts.set(problem.nodeId, (counts.get(problem.nodeId) ?? 0) + 1)
    }
    return counts
  }, [problems])

  // --- saving --------------------------------------------------------------------------------
  const saving = useRef(false)
  const save = useCallback(async (): Promise<{ id: string; revision: number } | undefined> => {
    const json = JSON.stringify(definition)
    if (definition.nodes.length === 0) {
      setSaveState({ kind: 'empty' })
      return undefined
    }
    if (saved.id && saved.revision !== undefined && json === saved.json) {
      setSaveState({ kind: 'saved' })
      return { id: saved.id, revision: saved.revision }
    }
    if (saving.current) return undefined
    saving.current = true
    setSaveState({ kind: 'saving' })
    try {
      let answer: FlowJson
      if (!saved.id) {
        const teamId = user?.teams[0]?.id
        answer = await api.post('/api/v1/flows', { query: teamId ? { teamId } : {}, body: definition })
        rememberCreatedFlow(answer.id)
        navigate(`/flows/${answer.id}`, { replace: true })
      } else {
        answer = await api.put('/api/v1/flows/{id}', {
          path: { id: saved.id },
          body: { revision: saved.revision ?? 1, definition },
        })
      }
      setSaved({ id: answer.id, revision: answer.revision, latestVersion: answer.latestVersion, json })
      setSaveState({ kind: 'saved' })
      return answer.revision === undefined ? undefined : { id: answer.id, revision: answer.revision }
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 409) setSaveState({ kind: 'conflict' })
      else setSaveState({ kind: 'error', error })
      return undefined
    } finally {
      saving.current = false
    }
  }, [definition, saved, user])

  const dirty = JSON.stringify(definition) !== saved.json
  // Since when there are changes no save has started for: someone who keeps typing without a
  // pause of `autosaveDelay` still gets the draft saved every `autosaveMaxWait`.
  const unsavedSince = useRef<number | undefined>(undefined)
  useEffect(() => {
    if (!dirty) {
      unsavedSince.current = undefined
      return
    }
    if (saveState.kind === 'conflict') return
    setSaveState((current) => (current.kind === 'saving' ? current : { kind: 'unsaved' }))
    unsavedSince.current ??= Date.now()
    const untilMaxWait = unsavedSince.current + autosaveMaxWait - Date.now()
    const timer = window.setTimeout(
      () => {
        if (!saving.current) unsavedSince.current = undefined
        void save()
      },
      Math.max(0, Math.min(autosaveDelay, untilMaxWait)),
    )
    return () => window.clearTimeout(timer)
    // save changes with every edit; the timer restarts on each one, up to the longest wait
  }, [dirty, save, saveState.kind])

  const reloadNewest = useCallback(async () => {
    if (!saved.id) return
    try {
      const newest = await api.get('/api/v1/flows/{id}', { path: { id: saved.id } })
      const nextMeta = {
        ...meta,
        name: newest.definition.name,
        description: newest.definition.description ?? '',
      }
      const nextGraph = fromDefinition(newest.definition)
      setMeta(nextMeta)
      setHistory(startHistory(nextGraph))
      setSaved({
        id: newest.id,
        revision: newest.revision,
        latestVersion: newest.latestVersion,
        json: JSON.stringify(toDefinition(nextMeta, nextGraph)),
      })
      setSaveState({ kind: 'saved' })
    } catch (error) {
      setSaveState({ kind: 'error', error })
    }
  }, [meta, saved.id])

  const publish = useCallback(
    async (note: string) => {
      setServerProblems(undefined)
      const current = await save()
      if (!current)
        throw new ApiProblem(-1, 'editor.not_saved', { nl: t('publish.notSaved'), en: t('publish.notSaved') })
      try {
        const version = await api.post('/api/v1/flows/{id}/publish', {
          path: { id: current.id },
          body: { note, revision: current.revision },
        })
        setSaved((old) => ({ ...old, latestVersion: version.version }))
        setAnnouncement(t('publish.done', { version: version.version }))
        return version.version
      } catch (error) {
        const problem = asProblem(error)
        if (problem.errors.length > 0) setServerProblems(problem.errors)
        throw problem
      }
    },
    [save, t],
  )

  // --- run polling ---------------------------------------------------------------------------
  // A test run runs the draft as it is now (saved first), without publishing it.
  const startRun = useCallback(
    async (input: Record<string, unknown>) => {
      const current = await save()
      if (!current)
        throw new ApiProblem(-1, 'editor.not_saved', { nl: t('publish.notSaved'), en: t('publish.notSaved') })
      const started = await api.post('/api/v1/flows/{id}/test-runs', {
        path: { id: current.id },
        body: { input },
      })
      setRun(await api.get('/api/v1/runs/{id}', { path: { id: started.id } }))
    },
    [save, t],
  )
  const showRun = runView.open
  useEffect(() => {
    if (!run || (run.status !== 'running' && run.nodes)) return
    const timer = window.setTimeout(async () => {
      try {
        setRun(await api.get('/api/v1/runs/{id}', { path: { id: run.id } }))
      } catch {
        // keep the last state; the next poll tries again
        setRun((current) => (current ? { ...current } : current))
      }
    }, 700)
    return () => window.clearTimeout(timer)
  }, [run])

  // --- drag from the palette -----------------------------------------------------------------
  const onDrop = useCallback(
    (event: DragEvent) => {
      const key = event.dataTransfer.getData(paletteMime)
      const item = index.get(key)
      if (!item) return
      event.preventDefault()
      addNode(item, flow.screenToFlowPosition({ x: event.clientX - 20, y: event.clientY - 20 }))
    },
    [addNode, flow, index],
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
      setTab('settings')
    },
    [flow],
  )

  const warnings = useFlowWarnings(saved.id, saved.revision)
  const warningsByNode = useCountByNode(warnings)
  const onlyVisible = graph.nodes.length > largeFlow
  const canvasNodes = useCanvasNodes(graph.nodes, index, onlyVisible)
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
          setAnnouncement(text)
          window.setTimeout(() => setRefusal(undefined), 3000)
        }
      }
    },
    [refusalText],
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
  const ariaLabels = useMemo(
    () => ({
      'node.a11yDescription.default': t('canvas.a11yNode'),
      'node.a11yDescription.keyboardDisabled': t('canvas.a11yNode'),
      'edge.a11yDescription.default': t('canvas.a11yEdge'),
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('designer.fitView'),
      'controls.interactive.ariaLabel': t('canvas.interactive'),
      'minimap.ariaLabel': t('canvas.minimap'),
    }),
    [t],
  )
  const canvasInfo = useMemo(
    () => ({ catalogue: index, problems: problemsByNode, warnings: warningsByNode, run: run?.nodes }),
    [index, problemsByNode, warningsByNode, run?.nodes],
  )

  return (
    <div className={runView.runId ? 'designer viewing-run' : 'designer'}>
      <div className="designer-toolbar" role="toolbar" aria-label={t('designer.toolbar')}>
        <label htmlFor="flow-name" className="visually-hidden">
          {t('designer.flowName')}
        </label>
        <input
          id="flow-name"
          className="flow-name"
          value={meta.name}
          onChange={(event) => setMeta({ ...meta, name: event.target.value })}
        />
        <SaveStatus state={saveState} latestVersion={saved.latestVersion} onReload={reloadNewest} />
        <PrivacyBadge graph={settled} catalogue={index} />
        {saved.id && saved.latestVersion && settled.nodes.some((node) => node.data.type === 'form') && (
          <a
            href={`/forms/${saved.id}`}
            target="_blank"
            rel="noreferrer"
            title={t('designer.publicFormHint')}
          >
            {t('designer.publicForm')}
          </a>
        )}
        <span className="toolbar-spacer" />
        <button
          type="button"
          onClick={doUndo}
          disabled={history.past.length === 0}
          aria-keyshortcuts="Control+Z"
        >
          {t('designer.undo')}
        </button>
        <button
          type="button"
          onClick={doRedo}
          disabled={history.future.length === 0}
          aria-keyshortcuts="Control+Shift+Z"
        >
          {t('designer.redo')}
        </button>
        <button type="button" onClick={layout} disabled={graph.nodes.length === 0}>
          {t('designer.autoLayout')}
        </button>
        <button type="button" onClick={() => void flow.fitView({ padding: 0.2, duration: 200 })}>
          {t('designer.fitView')}
        </button>
        <button type="button" onClick={deleteSelection} disabled={selectedNodes.length === 0}>
          {t('designer.delete')}
        </button>
      </div>
      <div className="designer-body">
        {runView.runId && (
          <RunView key={runView.runId} runId={runView.runId} catalogue={index} onClose={runView.close} />
        )}
        <Palette catalogue={catalogue} onAdd={addFromPalette} />
        <section
          className="canvas"
          aria-label={t('canvas.label')}
          ref={wrapper}
          onDragOver={(event) => {
            event.preventDefault()
            event.dataTransfer.dropEffect = 'move'
          }}
          onDrop={onDrop}
          onPointerMove={(event) => {
            pointer.current = { x: event.clientX, y: event.clientY }
          }}
        >
          <CanvasInfoContext.Provider value={canvasInfo}>
            <ReactFlow<WarmNode>
              nodes={canvasNodes}
              edges={graph.edges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={connect}
              isValidConnection={isValidConnection}
              onConnectEnd={onConnectEnd}
              onNodeDragStart={onNodeDragStart}
              onNodeDragStop={onNodeDragStop}
              deleteKeyCode={null}
              multiSelectionKeyCode={multiSelectionKeys}
              selectionKeyCode="Shift"
              fitView={initialFit}
              fitViewOptions={fitViewOptions}
              defaultViewport={initialViewport}
              minZoom={0.1}
              onlyRenderVisibleElements={onlyVisible}
              proOptions={proOptions}
              ariaLabelConfig={ariaLabels}
            >
              <Background />
              <MiniMap pannable zoomable />
              <Controls showInteractive={false} />
              <ConnectionRefusal explain={refusalText} />
            </ReactFlow>
          </CanvasInfoContext.Provider>
          {graph.nodes.length === 0 && <p className="canvas-empty">{t('canvas.empty')}</p>}
          {refusal && (
            <div className="refusal" role="tooltip" style={{ left: refusal.x + 14, top: refusal.y + 14 }}>
              {refusal.text}
            </div>
          )}
        </section>
        <SidePanel
          tab={tab}
          onTab={setTab}
          catalogue={index}
          graph={settled}
          meta={meta}
          onMeta={setMeta}
          selected={selectedNodes}
          problems={problems}
          serverProblems={serverProblems}
          warnings={warnings}
          onFocusNode={focusNode}
          onNodeChange={onNodeChange}
          onConnect={connectPorts}
          onRemoveEdge={removeEdge}
          flowId={saved.id}
          teamId={initial?.teamId ?? user?.teams[0]?.id}
          latestVersion={saved.latestVersion}
          onPublish={publish}
          run={run}
          onStartRun={startRun}
          onShowRun={showRun}
        />
      </div>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {saveState.kind === 'conflict' && (
        <div className="conflict" role="alert">
          <p>{t('save.conflict')}</p>
          <button type="button" onClick={() => void reloadNewest()}>
            {t('save.loadNewest')}
          </button>
        </div>
      )}
    </div>
  )
}

/** While a connection is dragged onto a port that cannot take it, says why beside the pointer. */
function ConnectionRefusal({
  explain,
}: {
  explain(attempt: {
    source: string
    target: string
    sourceHandle?: string | null
    targetHandle?: string | null
  }): string | undefined
}) {
  const connection = useConnection()
  if (!connection.inProgress || !connection.toHandle || connection.isValid !== false) return null
  const from = connection.fromHandle
  const to = connection.toHandle
  const text =
    from.type === 'source'
      ? explain({ source: from.nodeId, sourceHandle: from.id, target: to.nodeId, targetHandle: to.id })
      : explain({ source: to.nodeId, sourceHandle: to.id, target: from.nodeId, targetHandle: from.id })
  if (!text) return null
  return (
    <div
      className="refusal refusal-live"
      role="tooltip"
      style={{ left: connection.pointer.x + 14, top: connection.pointer.y + 14 }}
    >
      {text}
    </div>
  )
}

/** How many nodes read personal data and whether data may leave the organisation. */
function PrivacyBadge({ graph, catalogue }: { graph: Graph; catalogue: ReadonlyMap<string, CatalogueNode> }) {
  const { t } = useTranslation()
  let reads = 0
  let outside = 0
  for (const node of graph.nodes) {
    const declared = catalogue.get(`${node.data.type}@${node.data.version}`)?.personalData
    if (declared?.reads?.length) reads++
    if (declared?.sendsOutside && declared.sendsOutside !== 'never') outside++
  }
  return (
    <span className={`badge privacy-badge${outside ? ' privacy-outside' : ''}`}>
      {t('privacy.badge', { count: reads })}
      {' · '}
      {outside ? t('privacy.badgeOutside', { count: outside }) : t('privacy.badgeInside')}
    </span>
  )
}

function SaveStatus({
  state,
  latestVersion,
  onReload,
}: {
  state: SaveState
  latestVersion: number | null
  onReload(): void
}) {
  const { t } = useTranslation()
  const version = latestVersion
    ? t('designer.publishedVersion', { version: latestVersion })
    : t('designer.neverPublished')
  return (
    <span className={`save-status save-${state.kind}`} role="status">
      {t(state.kind === 'conflict' ? 'save.conflictStatus' : `save.${state.kind}`)} · {version}
      {state.kind === 'error' && (
        <span className="save-error">
          {' '}
          <ProblemInline error={state.error} />
        </span>
      )}
      {state.kind === 'conflict' && (
        <button type="button" className="link-button" onClick={onReload}>
          {t('save.loadNewest')}
        </button>
      )}
    </span>
  )
}

function ProblemInline({ error }: { error: unknown }) {
  const { i18n } = useTranslation()
  return <>{pick(asProblem(error).text, i18n.language)}</>
}

/** The defaults a node type's config schema declares, so a new node starts with them filled. */
function defaultsOf(item: CatalogueNode): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(item.configSchema?.properties ?? {})) {
    if (property.default !== undefined) config[name] = structuredClone(property.default)
  }
  return config
}
