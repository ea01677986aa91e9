import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem, api } from '../api/client'
import type { ApiAnswer, CatalogueNode, NodeRunStateJson, RunJson } from '../api/types'
import { formatDateTime, formatDuration } from '../i18n'
import { permissions, useAuth } from '../shell/auth'
import { Loading, ProblemMessage } from '../shell/Problem'
import { navigate, useLocation } from '../shell/router'
import { useReadableFirstView } from './canvas/useReadableFirstView'
import { nodeDisplayName } from './catalogue'
import { useLabelledEdges } from './edgeLabels'
import { failureDetail, failureText } from './failureText'
import { fromDefinition, type Graph, type WarmNode } from './graph'
import { runStatusText } from './runStatus'
import { CanvasInfoContext, nodeDuration, WarmNodeComponent } from './WarmNode'

type RunFlowJson = ApiAnswer<'/api/v1/runs/{id}/flow', 'get'>

const nodeTypes = { warm: WarmNodeComponent }
const proOptions = { hideAttribution: true }
const fitViewOptions = { padding: 0.25, maxZoom: 1 }
/** Above this many nodes only what is in view is drawn, and the run opens at its start. */
const largeRun = 200
const noProblems: ReadonlyMap<string, number> = new Map()
const terminal = new Set(['completed', 'failed', 'cancelled', 'terminated', 'timed_out', 'removed', 'erased'])

/** Milliseconds between two looks at a run that is still going. */
const pollMs = 1000

/**
 * Which run the designer shows, if any: the address says it (`/flows/<id>?run=<runId>`), so a
 * run can be linked to and the browser's back button returns to the draft.
 */
export function useRunView(): { runId: string | undefined; open(runId: string): void; close(): void } {
  const { path, query } = useLocation()
  const runId = query.get('run') ?? undefined
  const open = useCallback((id: string) => navigate(`${path}?run=${encodeURIComponent(id)}`), [path])
  const close = useCallback(() => navigate(path), [path])
  return useMemo(() => ({ runId, open, close }), [runId, open, close])
}

type Loaded = { phase: 'ready'; flow: RunFlowJson; run: RunJson; graph: Graph }

/**
 * One run on the canvas of the flow as it ran (its published version, or the draft a test run
 * ran), read-only, with each node's status and timing; choosing a node shows what went in, what
 * came out and any error. The draft being edited stays as it is behind it.
 */
export function RunView({
  runId,
  catalogue,
  onClose,
}: {
  runId: string
  catalogue: ReadonlyMap<string, CatalogueNode>
  onClose(): void
}) {
  const { t, i18n } = useTranslation()
  const [state, setState] = useState<{ phase: 'loading' } | { phase: 'error'; error: unknown } | Loaded>({
    phase: 'loading',
  })
  const load = useCallback(() => {
    setState({ phase: 'loading' })
    Promise.all([
      api.get('/api/v1/runs/{id}/flow', { path: { id: runId } }),
      api.get('/api/v1/runs/{id}', { path: { id: runId } }),
    ]).then(
      ([flow, run]) => setState({ phase: 'ready', flow, run, graph: fromDefinition(flow.definition) }),
      (error) => setState({ phase: 'error', error }),
    )
  }, [runId])
  useEffect(load, [load])

  // A run that is still going is looked at again until it ends.
  const running = state.phase === 'ready' && !terminal.has(state.run.status)
  const runState = state.phase === 'ready' ? state.run : undefined
  // biome-ignore lint/correctness/useExhaustiveDependencies: look again after each answer
  useEffect(() => {
    if (!running) return
    const timer = window.setTimeout(async () => {
      try {
        const run = await api.get('/api/v1/runs/{id}', { path: { id: runId } })
        setState((current) => (current.phase === 'ready' ? { ...current, run } : current))
      } catch {
        // keep the last state; the next look tries again
        setState((current) => (current.phase === 'ready' ? { ...current } : current))
      }
    }, pollMs)
    return () => window.clearTimeout(timer)
  }, [running, runId, runState])

  const title = useRef<HTMLHeadingElement>(null)
  useEffect(() => title.current?.focus(), [])

  const ready = state.phase === 'ready' ? state : undefined
  const label = !ready
    ? t('runView.heading')
    : ready.flow.version === null
      ? t('runView.testOfDraft')
      : t('runView.version', { version: ready.flow.version })
  return (
    <div className="run-view">
      <div className="run-view-bar">
        <h2 id="run-view-title" ref={title} tabIndex={-1}>
          {label}
        </h2>
        {ready && (
          <span className="small-text">
            <span className={`badge run-badge-${ready.run.status}`}>{runStatusText(ready.run, t)}</span>{' '}
            {t('runView.started', { at: formatDateTime(ready.run.createdAt, i18n.language) })}
          </span>
        )}
        <span className="muted small-text">{t('runView.readOnly')}</span>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={onClose}>
          {t('runView.back')}
        </button>
      </div>
      {state.phase === 'loading' && <Loading />}
      {state.phase === 'error' && <ProblemMessage error={state.error} onRetry={load} />}
      {ready?.run.status === 'removed' && <p className="muted small-text">{t('run.removedHelp')}</p>}
      {ready?.run.status === 'erased' && <p className="muted small-text">{t('run.erasedHelp')}</p>}
      {ready && (
        <ReactFlowProvider>
          <RunCanvasAndPanel loaded={ready} catalogue={catalogue} />
        </ReactFlowProvider>
      )}
    </div>
  )
}

function RunCanvasAndPanel({
  loaded,
  catalogue,
}: {
  loaded: Loaded
  catalogue: ReadonlyMap<string, CatalogueNode>
}) {
  const { t, i18n } = useTranslation()
  const flow = useReactFlow<WarmNode>()
  const { run, graph } = loaded
  const [nodes, setNodes] = useState(graph.nodes)
  // Like the designer: the whole run when it fits at a zoom where names can be read, otherwise
  // its start at that zoom, with the rest to scroll to.
  const canvas = useRef<HTMLElement>(null)
  useReadableFirstView(graph.nodes.length > 0 && graph.nodes.length <= largeRun, canvas)
  const [initialViewport] = useState(() => {
    const first = graph.nodes[0]?.position ?? { x: 0, y: 0 }
    return { x: 80 - first.x, y: 120 - first.y, zoom: 1 }
  })
  // Only choosing a node (and its measured size) changes the canvas: nothing can be moved,
  // connected or removed here.
  const onNodesChange = useCallback((changes: NodeChange<WarmNode>[]) => {
    const kept = changes.filter((change) => change.type === 'select' || change.type === 'dimensions')
    if (kept.length > 0) setNodes((current) => applyNodeChanges(kept, current))
  }, [])
  const choose = useCallback(
    (id: string) => {
      setNodes((current) =>
        current.map((node) =>
          node.selected === (node.id === id) ? node : { ...node, selected: node.id === id },
        ),
      )
      const node = graph.nodes.find((candidate) => candidate.id === id)
      if (node) void flow.setCenter(node.position.x + 110, node.position.y + 36, { zoom: 1, duration: 200 })
    },
    [flow, graph.nodes],
  )
  const states = useMemo(() => nodeStates(graph, run), [graph, run])
  const edges = useLabelledEdges(graph, catalogue, t, i18n.language)
  const canvasInfo = useMemo(() => ({ catalogue, problems: noProblems, run: states }), [catalogue, states])
  const ariaLabels = useMemo(
    () => ({
      'node.a11yDescription.default': t('runView.a11yNode'),
      'node.a11yDescription.keyboardDisabled': t('runView.a11yNode'),
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'controls.fitView.ariaLabel': t('designer.fitView'),
      'controls.interactive.ariaLabel': t('canvas.interactive'),
      'minimap.ariaLabel': t('canvas.minimap'),
    }),
    [t],
  )
  const selected = nodes.filter((node) => node.selected)
  const node = selected.length === 1 ? selected[0] : undefined
  const nameOf = (item: WarmNode) => nodeDisplayName(item, catalogue, i18n.language)
  return (
    <>
      <section ref={canvas} className="canvas run-canvas" aria-label={t('runView.canvas')}>
        <CanvasInfoContext.Provider value={canvasInfo}>
          <ReactFlow<WarmNode>
            id="run-view"
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            nodesDraggable={false}
            nodesConnectable={false}
            edgesFocusable={false}
            deleteKeyCode={null}
            defaultViewport={initialViewport}
            fitViewOptions={fitViewOptions}
            minZoom={0.1}
            onlyRenderVisibleElements={graph.nodes.length > largeRun}
            proOptions={proOptions}
            ariaLabelConfig={ariaLabels}
          >
            <Background />
            <MiniMap pannable zoomable />
            <Controls showInteractive={false} />
          </ReactFlow>
        </CanvasInfoContext.Provider>
      </section>
      <aside className="side-panel run-panel" aria-label={t('runView.panel')}>
        <div className="tab-panel">
          {node ? (
            <>
              <button type="button" className="link-button" onClick={() => choose('')}>
                {t('runView.allNodes')}
              </button>
              <h3>{nameOf(node)}</h3>
              <p className="small-text">
                {t('panel.nodeId')}: <code>{node.id}</code>
              </p>
              {states[node.id] ? (
                <NodeRunDetails
                  run={run}
                  graph={graph}
                  nodeId={node.id}
                  state={states[node.id]!}
                  heading={t('runView.nodeHeading')}
                />
              ) : (
                <p>{t('runView.notRunHelp')}</p>
              )}
            </>
          ) : (
            <RunSummary run={run} graph={graph} states={states} nameOf={nameOf} onChoose={choose} />
          )}
        </div>
      </aside>
    </>
  )
}

/**
 * The state of every node of the run's flow: the run's own, and "waiting its turn" for a node
 * the run has not reached while it is still going.
 */
function nodeStates(graph: Graph, run: RunJson): Record<string, NodeRunStateJson> {
  const states: Record<string, NodeRunStateJson> = { ...run.nodes }
  if (!terminal.has(run.status)) {
    for (const node of graph.nodes) states[node.id] ??= { status: 'pending', attempts: 0 }
  }
  return states
}

function RunSummary({
  run,
  graph,
  states,
  nameOf,
  onChoose,
}: {
  run: RunJson
  graph: Graph
  states: Record<string, NodeRunStateJson>
  nameOf(node: WarmNode): string
  onChoose(id: string): void
}) {
  const { t, i18n } = useTranslation()
  return (
    <>
      <h3>{t('runView.summary')}</h3>
      {run.error && <p className="field-error">{failureText(run.error, t, i18n.language)}</p>}
      {run.redacted && <p className="muted small-text">{t('runView.redacted')}</p>}
      <RunNodeTable
        graph={graph}
        states={states}
        nameOf={nameOf}
        onChoose={onChoose}
        missing={t('runView.notRun')}
        rowTestId="run-view-row"
      />
      <p className="muted small-text">{t('test.clickNode')}</p>
    </>
  )
}

/**
 * One row per node of a run: its name, status and duration. With `onChoose` the name is a button
 * that opens the node's details; `missing` stands in for a node without a state.
 */
export function RunNodeTable({
  graph,
  states,
  nameOf,
  onChoose,
  missing,
  rowTestId,
}: {
  graph: Graph
  states: Record<string, NodeRunStateJson> | undefined
  nameOf(node: WarmNode): string
  onChoose?(id: string): void
  missing: string
  rowTestId: string
}) {
  const { t, i18n } = useTranslation()
  return (
    <table className="run-table">
      <thead>
        <tr>
          <th scope="col" className="run-cell">
            {t('test.node')}
          </th>
          <th scope="col" className="run-cell">
            {t('run.statusLabel')}
          </th>
          <th scope="col" className="run-cell">
            {t('run.duration')}
          </th>
        </tr>
      </thead>
      <tbody>
        {graph.nodes.map((node) => {
          const state = states?.[node.id]
          const duration = nodeDuration(state)
          return (
            <tr key={node.id} data-testid={`${rowTestId}-${node.id}`}>
              <th scope="row" className="run-cell">
                {onChoose ? (
                  <button type="button" className="link-button" onClick={() => onChoose(node.id)}>
                    {nameOf(node)}
                  </button>
                ) : (
                  nameOf(node)
                )}
              </th>
              <td className="run-cell">{state ? t(`nodeStatus.${state.status}`) : missing}</td>
              <td className="run-cell">
                {duration === undefined ? '–' : formatDuration(duration, i18n.language)}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

/**
 * What one node did in a run: its status, attempts and timing, what went in (the output of the
 * nodes before it), what came out, and its error; a node waiting for a person links to its task.
 */
export function NodeRunDetails({
  run,
  graph,
  nodeId,
  state,
  heading,
}: {
  run: RunJson
  graph: Graph
  nodeId: string
  state: NodeRunStateJson
  heading: string
}) {
  const { t, i18n } = useTranslation()
  const duration = nodeDuration(state)
  return (
    <section aria-labelledby="node-run-heading" className="node-run">
      <h3 id="node-run-heading">{heading}</h3>
      <dl>
        <dt>{t('run.statusLabel')}</dt>
        <dd>{t(`nodeStatus.${state.status}`)}</dd>
        <dt>{t('run.attempts')}</dt>
        <dd>{state.attempts}</dd>
        {state.startedAt && (
          <>
            <dt>{t('run.startedAt')}</dt>
            <dd>{formatDateTime(state.startedAt, i18n.language)}</dd>
          </>
        )}
        {state.finishedAt && (
          <>
            <dt>{t('run.finishedAt')}</dt>
            <dd>{formatDateTime(state.finishedAt, i18n.language)}</dd>
          </>
        )}
        <dt>{t('run.duration')}</dt>
        <dd>{duration === undefined ? '–' : formatDuration(duration, i18n.language)}</dd>
      </dl>
      <h4>{t('run.input')}</h4>
      <p className="small-text">{t('run.inputFromUpstream')}</p>
      <pre>{JSON.stringify(upstreamOutputs(graph, nodeId, run), null, 2)}</pre>
      {state.status === 'waiting' && <OpenTask runId={run.id} nodeId={nodeId} />}
      <h4>{t('run.output')}</h4>
      <pre>{state.output === undefined ? '–' : JSON.stringify(state.output, null, 2)}</pre>
      {state.error && (
        <>
          <h4>{t('run.error')}</h4>
          <p className="field-error">
            {failureText(state.error, t, i18n.language)} <code>{state.error.code}</code>
          </p>
          {failureDetail(state.error, i18n.language) && (
            <p className="small-text">{failureDetail(state.error, i18n.language)}</p>
          )}
        </>
      )}
    </section>
  )
}

function upstreamOutputs(graph: Graph, nodeId: string, run: RunJson): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const edge of graph.edges) {
    if (edge.target === nodeId) result[edge.source] = run.nodes?.[edge.source]?.output
  }
  return result
}

/** For a node waiting for a person: opens its task in the inbox (for approvers). */
function OpenTask({ runId, nodeId }: { runId: string; nodeId: string }) {
  const { t } = useTranslation()
  const { user } = useAuth()
  const [error, setError] = useState<unknown>()
  if (!permissions(user?.roles ?? []).inbox) return <p className="muted">{t('run.taskForApprovers')}</p>
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          try {
            const page = await api.get('/api/v1/tasks', { query: { view: 'team', limit: 100 } })
            const task = page.items.find((item) => item.runId === runId && item.nodeId === nodeId)
            if (task) navigate(`/inbox/${task.id}`)
            else
              setError(
                new ApiProblem(404, 'editor.task_not_found', {
                  nl: t('run.taskMissing'),
                  en: t('run.taskMissing'),
                }),
              )
          } catch (failure) {
            setError(failure)
          }
        }}
      >
        {t('run.openTask')}
      </button>
      {error !== undefined && <ProblemMessage error={error} />}
    </>
  )
}
