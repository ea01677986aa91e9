import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useConnection,
  useReactFlow,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { asProblem } from '../api/client'
import type { CatalogueNode, FlowJson } from '../api/types'
import { pick } from '../i18n'
import type { FlowBaseline } from '../impact/baseline'
import { useAuth } from '../shell/auth'
import { Loading, ProblemMessage } from '../shell/Problem'
import { useAutosave } from './canvas/useAutosave'
import { useCredentialProblems } from './canvas/useCredentialProblems'
import { useFlowProblems } from './canvas/useFlowProblems'
import { useGraphEditing } from './canvas/useGraphEditing'
import { usePublish } from './canvas/usePublish'
import { useReadableFirstView } from './canvas/useReadableFirstView'
import { useTestRun } from './canvas/useTestRun'
import { catalogueIndex, registryFromCatalogue } from './catalogue'
import { useLabelledEdges } from './edgeLabels'
import { fromDefinition, type Graph, type WarmNode } from './graph'
import { Palette } from './Palette'
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
  /** Whether the records a run saved go with its contents when its term ends (default keep). */
  retentionRecords?: 'keep' | 'remove'
  tags?: string[]
  /** The baseline for the impact report. */
  impact?: FlowBaseline
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

export { autosaveDelay, autosaveMaxWait } from './canvas/useAutosave'

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

/**
 * The canvas of one flow with its toolbar and side panel. Each concern lives in its own hook:
 * graph editing (`useGraphEditing`), validation (`useFlowProblems`), autosave (`useAutosave`),
 * publishing (`usePublish`) and test runs (`useTestRun`); this component puts them on screen.
 */
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
    ...(initial?.definition.retentionRecords
      ? { retentionRecords: initial.definition.retentionRecords }
      : {}),
    ...(initial?.definition.tags ? { tags: initial.definition.tags } : {}),
    ...(initial?.definition.impact ? { impact: initial.definition.impact } : {}),
  }))
  const [tab, setTab] = useState<SidePanelTab>('settings')
  const showSettings = useCallback(() => setTab('settings'), [])
  // A run chosen from the run history is shown read-only on the canvas of the flow as it ran.
  const runView = useRunView()
  const [announcement, setAnnouncement] = useState('')

  const editing = useGraphEditing({
    initial: () => (initial ? fromDefinition(initial.definition) : { nodes: [], edges: [] }),
    catalogue: index,
    announce: setAnnouncement,
    showSettings,
    paused: Boolean(runView.runId),
  })
  const { graph, settled, restart } = editing
  // A flow opens whole when it fits at a readable zoom, else readable at its start. A very large
  // flow opens at its start at full size (only what is in view is drawn). An empty canvas is not
  // fitted either: the first node dropped on it stays where it was dropped.
  const [initialFit] = useState(() => graph.nodes.length > 0 && graph.nodes.length <= largeFlow)
  useReadableFirstView(initialFit, editing.wrapper)
  const [initialViewport] = useState(() => {
    const first = graph.nodes[0]?.position ?? { x: 0, y: 0 }
    return { x: 80 - first.x, y: 120 - first.y, zoom: 1 }
  })

  const { definition, problems, problemsByNode } = useFlowProblems(meta, settled, registry)
  const onReloaded = useCallback(
    (nextMeta: FlowMeta, nextGraph: Graph) => {
      setMeta(nextMeta)
      restart(nextGraph)
    },
    [restart],
  )
  const { saved, saveState, save, reloadNewest, published } = useAutosave({
    initial,
    meta,
    definition,
    teamId: user?.teams[0]?.id,
    onReloaded,
  })
  const { publish, serverProblems } = usePublish({ save, onPublished: published, announce: setAnnouncement })
  const { run, startRun, startPublishedRun } = useTestRun(save)
  const startPublished = useCallback(
    async (input: Record<string, unknown>) => {
      if (saved.id) await startPublishedRun(saved.id, input)
    },
    [saved.id, startPublishedRun],
  )

  const warnings = useFlowWarnings(saved.id, saved.revision)
  const teamId = initial?.teamId ?? user?.teams[0]?.id
  const credentialProblems = useCredentialProblems(settled, index, teamId)
  const nodeWarnings = useMemo(() => [...warnings, ...credentialProblems], [warnings, credentialProblems])
  const warningsByNode = useCountByNode(nodeWarnings)
  const onlyVisible = graph.nodes.length > largeFlow
  const canvasNodes = useCanvasNodes(graph.nodes, index, onlyVisible)
  const canvasEdges = useLabelledEdges(graph, index, t, i18n.language)
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
          onClick={editing.undo}
          disabled={editing.history.past.length === 0}
          aria-keyshortcuts="Control+Z"
        >
          {t('designer.undo')}
        </button>
        <button
          type="button"
          onClick={editing.redo}
          disabled={editing.history.future.length === 0}
          aria-keyshortcuts="Control+Shift+Z"
        >
          {t('designer.redo')}
        </button>
        <button type="button" onClick={editing.layout} disabled={graph.nodes.length === 0}>
          {t('designer.autoLayout')}
        </button>
        <button type="button" onClick={() => void flow.fitView({ padding: 0.2, duration: 200 })}>
          {t('designer.fitView')}
        </button>
        <button type="button" onClick={editing.deleteSelection} disabled={editing.selectedNodes.length === 0}>
          {t('designer.delete')}
        </button>
      </div>
      <div className="designer-body">
        {runView.runId && (
          <RunView key={runView.runId} runId={runView.runId} catalogue={index} onClose={runView.close} />
        )}
        <Palette catalogue={catalogue} onAdd={editing.addFromPalette} />
        <section
          className="canvas"
          aria-label={t('canvas.label')}
          ref={editing.wrapper}
          onDragOver={(event) => {
            event.preventDefault()
            event.dataTransfer.dropEffect = 'move'
          }}
          onDrop={editing.onDrop}
          onPointerMove={(event) => {
            editing.pointer.current = { x: event.clientX, y: event.clientY }
          }}
        >
          <CanvasInfoContext.Provider value={canvasInfo}>
            <ReactFlow<WarmNode>
              nodes={canvasNodes}
              edges={canvasEdges}
              nodeTypes={nodeTypes}
              {...editing.canvas}
              deleteKeyCode={null}
              multiSelectionKeyCode={multiSelectionKeys}
              selectionKeyCode="Shift"
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
              <ConnectionRefusal explain={editing.refusalText} />
            </ReactFlow>
          </CanvasInfoContext.Provider>
          {graph.nodes.length === 0 && <p className="canvas-empty">{t('canvas.empty')}</p>}
          {editing.refusal && (
            <div
              className="refusal"
              role="tooltip"
              style={{ left: editing.refusal.x + 14, top: editing.refusal.y + 14 }}
            >
              {editing.refusal.text}
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
          selected={editing.selectedNodes}
          problems={problems}
          serverProblems={serverProblems}
          warnings={warnings}
          credentialProblems={credentialProblems}
          onFocusNode={editing.focusNode}
          onNodeChange={editing.onNodeChange}
          onConnect={editing.connectPorts}
          onRemoveEdge={editing.removeEdge}
          flowId={saved.id}
          teamId={teamId}
          latestVersion={saved.latestVersion}
          onPublish={publish}
          run={run}
          onStartRun={startRun}
          onStartPublishedRun={startPublished}
          onShowRun={runView.open}
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
