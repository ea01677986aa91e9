import { memo, useCallback, useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import type {
  ApiAnswer,
  CatalogueNode,
  FlowVersionJson,
  NodeUpgradeJson,
  RunJson,
  RunSummaryJson,
} from '../api/types'
import { formatDateTime, pick } from '../i18n'
import { ImpactStrip } from '../impact/ImpactStrip'
import { Loading, ProblemMessage } from '../shell/Problem'
import { type FlowProblem, nodeDisplayName } from './catalogue'
import { credentialChoices } from './credentialChoice'
import type { FlowMeta } from './Designer'
import { ExpressionContext, type ExpressionHelp } from './expressions'
import { checkConnection, type Graph, portsOf, type WarmNode, type WarmNodeData } from './graph'
import { InputMapping } from './InputMapping'
import { fieldProblemText, problemText, warningText } from './problemText'
import { NodeRunDetails, RunNodeTable } from './RunView'
import { type FieldErrors, SchemaForm } from './SchemaForm'

/** The tabs of the side panel. */
export type SidePanelTab = 'settings' | 'problems' | 'publish' | 'test'

interface SidePanelProps {
  tab: SidePanelTab
  onTab(tab: SidePanelTab): void
  catalogue: ReadonlyMap<string, CatalogueNode>
  graph: Graph
  meta: FlowMeta
  onMeta(meta: FlowMeta): void
  selected: WarmNode[]
  problems: FlowProblem[]
  serverProblems: FlowProblem[] | undefined
  /** Privacy warnings of the saved draft: shown, never blocking publishing. */
  warnings: FlowProblem[]
  onFocusNode(id: string): void
  onNodeChange(id: string, update: Partial<WarmNodeData>): void
  onConnect(source: string, port: string, target: string): void
  onRemoveEdge(edgeId: string): void
  flowId: string | undefined
  /** The team that owns the flow (its credentials fill the nodes' secret slots). */
  teamId: string | undefined
  latestVersion: number | null
  onPublish(note: string): Promise<number>
  run: RunJson | undefined
  onStartRun(input: Record<string, unknown>): Promise<void>
  /** Opens an earlier run on the canvas of the flow as it ran. */
  onShowRun(runId: string): void
}

/** The panel beside the canvas: settings of the selected node, problems, publishing and test runs. */
export const SidePanel = memo(function SidePanel(props: SidePanelProps) {
  const { t } = useTranslation()
  const tabs: SidePanelTab[] = ['settings', 'problems', 'publish', 'test']
  const baseId = useId()
  return (
    <aside className="side-panel" aria-label={t('panel.label')}>
      <div role="tablist" aria-label={t('panel.label')} className="tabs">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${baseId}-${name}`}
            aria-selected={props.tab === name}
            aria-controls={`${baseId}-${name}-panel`}
            tabIndex={props.tab === name ? 0 : -1}
            onClick={() => props.onTab(name)}
            onKeyDown={(event) => {
              const at = tabs.indexOf(name)
              const next =
                event.key === 'ArrowRight'
                  ? tabs[(at + 1) % tabs.length]
                  : event.key === 'ArrowLeft'
                    ? tabs[(at + tabs.length - 1) % tabs.length]
                    : undefined
              if (next) {
                props.onTab(next)
                document.getElementById(`${baseId}-${next}`)?.focus()
              }
            }}
          >
            {t(`panel.tab.${name}`)}
            {name === 'problems' && props.problems.length > 0 && (
              <span className="badge badge-problem"> {props.problems.length}</span>
            )}
            {name === 'problems' && props.warnings.length > 0 && (
              <span className="badge badge-warning tab-badge">
                <span aria-hidden="true">{props.warnings.length}</span>
                <span className="visually-hidden">
                  {t('canvas.warningCount', { count: props.warnings.length })}
                </span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-${props.tab}-panel`}
        aria-labelledby={`${baseId}-${props.tab}`}
        className="tab-panel"
      >
        {props.tab === 'settings' && <SettingsTab {...props} />}
        {props.tab === 'problems' && <ProblemsTab {...props} />}
        {props.tab === 'publish' && <PublishTab {...props} />}
        {props.tab === 'test' && <TestTab {...props} />}
      </div>
    </aside>
  )
})

function SettingsTab(props: SidePanelProps) {
  const { t } = useTranslation()
  if (props.selected.length > 1) {
    return (
      <div>
        <h2>{t('panel.multiSelected', { count: props.selected.length })}</h2>
        <p>{t('panel.multiHint')}</p>
      </div>
    )
  }
  const node = props.selected[0]
  if (!node) return <FlowSettings {...props} />
  return <NodeSettings key={node.id} node={node} {...props} />
}

function FlowSettings({ meta, onMeta, graph, catalogue, flowId }: SidePanelProps) {
  const { t, i18n } = useTranslation()
  const privacy = useMemo(() => {
    const reads: string[] = []
    const outside: string[] = []
    for (const node of graph.nodes) {
      const type = catalogue.get(`${node.data.type}@${node.data.version}`)
      const name = node.data.label || pick(type?.title, i18n.language) || node.id
      if (type?.personalData?.reads?.length) reads.push(name)
      if (type?.personalData?.sendsOutside && type.personalData.sendsOutside !== 'never') outside.push(name)
    }
    return { reads, outside }
  }, [graph.nodes, catalogue, i18n.language])
  return (
    <div>
      <h2>{t('panel.flowSettings')}</h2>
      <div className="field">
        <label htmlFor="flow-description">{t('panel.description')}</label>
        <textarea
          id="flow-description"
          rows={3}
          value={meta.description ?? ''}
          onChange={(event) => onMeta({ ...meta, description: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="flow-retention">{t('panel.retention')}</label>
        <input
          id="flow-retention"
          type="number"
          min={1}
          max={3650}
          value={meta.retentionDays ?? 90}
          onChange={(event) => onMeta({ ...meta, retentionDays: Number(event.target.value) || 90 })}
        />
      </div>
      <div className="field">
        <label htmlFor="flow-minutes-by-hand">{t('impact.baselineLabel')}</label>
        <input
          id="flow-minutes-by-hand"
          type="number"
          min={0}
          max={100000}
          step={1}
          aria-describedby="flow-minutes-by-hand-help"
          value={meta.impact?.minutesByHand ?? ''}
          onChange={(event) => {
            const minutes = event.target.value === '' ? undefined : Number(event.target.value)
            const { impact: _previous, ...rest } = meta
            onMeta(
              minutes === undefined || !Number.isFinite(minutes) || minutes < 0
                ? rest
                : { ...rest, impact: { minutesByHand: Math.min(minutes, 100000) } },
            )
          }}
        />
        <p id="flow-minutes-by-hand-help" className="small-text">
          {t('impact.baselineHelp')}
        </p>
      </div>
      <ImpactStrip flowId={flowId} />
      <section className="privacy" aria-labelledby="privacy-heading">
        <h3 id="privacy-heading">{t('privacy.heading')}</h3>
        <p>
          {privacy.reads.length
            ? t('privacy.reads', { nodes: privacy.reads.join(', ') })
            : t('privacy.readsNone')}
        </p>
        <p>
          {privacy.outside.length
            ? t('privacy.outside', { nodes: privacy.outside.join(', ') })
            : t('privacy.outsideNone')}
        </p>
      </section>
      <p className="muted">{t('panel.selectHint')}</p>
    </div>
  )
}

function NodeSettings({
  node,
  catalogue,
  graph,
  problems,
  warnings,
  onNodeChange,
  onConnect,
  onRemoveEdge,
  run,
  teamId,
}: SidePanelProps & { node: WarmNode }) {
  const { t, i18n } = useTranslation()
  const type = catalogue.get(`${node.data.type}@${node.data.version}`)
  const nodeProblems = problems.filter((problem) => problem.nodeId === node.id)
  const fieldErrors: FieldErrors = useMemo(() => {
    const map = new Map<string, string>()
    for (const problem of nodeProblems) {
      if (problem.code === 'node.invalid_config' && problem.path?.length) {
        map.set(problem.path.join('.'), fieldProblemText(problem, t, i18n.language))
      }
    }
    return map
  }, [nodeProblems, i18n.language, t])
  const general = nodeProblems.filter(
    (problem) => !(problem.code === 'node.invalid_config' && problem.path?.length),
  )
  const name = node.data.label || pick(type?.title, i18n.language) || node.id
  const nodeWarnings = warnings.filter((warning) => warning.nodeId === node.id)
  const state = run?.nodes?.[node.id]
  const expressionHelp = useMemo(() => expressionHelpFor(graph, node.id, run), [graph, node.id, run])
  return (
    <div>
      <h2>{pick(type?.title, i18n.language) || node.data.type}</h2>
      {type?.description && <p className="muted">{pick(type.description, i18n.language)}</p>}
      <p className="small-text">
        {t('panel.nodeId')}: <code>{node.id}</code>
      </p>
      {nodeWarnings.length > 0 && (
        <ul className="warning-list" aria-label={t('panel.nodeWarnings')}>
          {nodeWarnings.map((warning, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id
            <li key={index}>{warningText(warning, t, i18n.language, () => name)}</li>
          ))}
        </ul>
      )}
      {general.length > 0 && (
        <ul className="problem-list" aria-label={t('panel.nodeProblems')}>
          {general.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id
            <li key={index}>{pick(problem.message, i18n.language)}</li>
          ))}
        </ul>
      )}
      <NodeUpgradeOffer
        node={node}
        catalogue={catalogue}
        onApply={(version, config) => onNodeChange(node.id, { version, config })}
      />
      <div className="field">
        <label htmlFor="node-label">{t('panel.nodeLabel')}</label>
        <input
          id="node-label"
          value={node.data.label ?? ''}
          maxLength={200}
          onChange={(event) => onNodeChange(node.id, { label: event.target.value || undefined })}
        />
      </div>
      <section aria-labelledby="config-heading">
        <h3 id="config-heading">{t('panel.settings')}</h3>
        <ExpressionContext.Provider value={expressionHelp}>
          <SchemaForm
            schema={type?.configSchema}
            nodeType={node.data.type}
            value={node.data.config}
            errors={fieldErrors}
            onChange={(config) => onNodeChange(node.id, { config })}
          />
        </ExpressionContext.Provider>
      </section>
      {type?.category !== 'trigger' && (
        <ExpressionContext.Provider value={expressionHelp}>
          <InputMapping
            value={node.data.input}
            problems={nodeProblems}
            onChange={(input) => onNodeChange(node.id, { input })}
          />
        </ExpressionContext.Provider>
      )}
      {(type?.secrets?.length ?? 0) > 0 && (
        <CredentialPicker
          slots={type?.secrets ?? []}
          teamId={teamId}
          value={node.data.credentials ?? {}}
          onChange={(credentials) => onNodeChange(node.id, { credentials })}
        />
      )}
      <Connections
        node={node}
        name={name}
        graph={graph}
        catalogue={catalogue}
        onConnect={onConnect}
        onRemoveEdge={onRemoveEdge}
      />
      {type?.personalData?.reads?.length ? (
        <p className="privacy-note">
          {t('privacy.nodeReads', { fields: type.personalData.reads.join(', ') })}
        </p>
      ) : null}
      {state && run && (
        <NodeRunDetails
          run={run}
          graph={graph}
          nodeId={node.id}
          state={state}
          heading={t('run.nodeHeading')}
        />
      )}
    </div>
  )
}

/** Suggestions and sample data for the expressions of one node, from the graph and the last run. */
function expressionHelpFor(graph: Graph, nodeId: string, run: RunJson | undefined): ExpressionHelp {
  const direct = graph.edges.filter((edge) => edge.target === nodeId).map((edge) => edge.source)
  const upstream = new Set<string>()
  const queue = [...direct]
  while (queue.length > 0) {
    const id = queue.shift()!
    if (upstream.has(id)) continue
    upstream.add(id)
    for (const edge of graph.edges) if (edge.target === id) queue.push(edge.source)
  }
  const outputs: Record<string, unknown> = {}
  for (const [id, state] of Object.entries(run?.nodes ?? {})) outputs[id] = state.output
  const keysOf = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : []
  const data: Record<string, unknown> = {}
  for (const id of direct) Object.assign(data, outputs[id])
  const trigger = graph.nodes.find((candidate) => !graph.edges.some((edge) => edge.target === candidate.id))
  const input = trigger ? outputs[trigger.id] : undefined
  const suggestions = [
    ...Object.keys(data),
    ...[...upstream].flatMap((id) => [
      `$nodes.${id}`,
      ...keysOf(outputs[id]).map((key) => `$nodes.${id}.${key}`),
    ]),
    ...keysOf(input).map((key) => `$input.${key}`),
  ]
  return {
    suggestions: [...new Set(suggestions)],
    ...(run?.nodes ? { sample: { data, bindings: { nodes: outputs, input: input ?? {} } } } : {}),
  }
}

/** Every credential of the team, by name (the API never sends a secret's value). */
async function teamCredentials(teamId: string | undefined): Promise<string[]> {
  const names: string[] = []
  let cursor: string | null = null
  do {
    const query = new URLSearchParams({ limit: '200' })
    if (teamId) query.set('teamId', teamId)
    if (cursor) query.set('cursor', cursor)
    const page: ApiAnswer<'/api/v1/credentials', 'get'> = await api('GET', `/api/v1/credentials?${query}`)
    names.push(...page.items.map((item) => item.name))
    cursor = page.nextCursor
  } while (cursor && names.length < 5000)
  return names
}

/**
 * The secret slots of a node: for each, a select of the flow team's stored credentials (those
 * named for the slot first). A chosen name the team does not have stays visible, with a warning.
 */
function CredentialPicker({
  slots,
  teamId,
  value,
  onChange,
}: {
  slots: readonly string[]
  teamId: string | undefined
  value: Record<string, string>
  onChange(value: Record<string, string>): void
}) {
  const { t } = useTranslation()
  const [names, setNames] = useState<
    { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; items: string[] }
  >({ state: 'loading' })
  const load = useCallback(() => {
    setNames({ state: 'loading' })
    teamCredentials(teamId).then(
      (items) => setNames({ state: 'ready', items }),
      (error) => setNames({ state: 'error', error }),
    )
  }, [teamId])
  useEffect(load, [load])
  const baseId = useId()
  return (
    <fieldset className="field-group">
      <legend>{t('credentials.heading')}</legend>
      <p className="field-help">{t('credentials.help')}</p>
      {names.state === 'error' && <ProblemMessage error={names.error} onRetry={load} />}
      {slots.map((slot) => {
        const id = `${baseId}-${slot}`
        const chosen = value[slot]
        const choices = credentialChoices(slot, names.state === 'ready' ? names.items : [], chosen)
        const ready = names.state === 'ready'
        const missing = ready ? choices.missing : undefined
        const noneYet = ready && choices.fitting.length === 0 && (!chosen || choices.others.length === 0)
        const describedBy = [missing ? `${id}-missing` : '', noneYet ? `${id}-none` : '']
          .filter(Boolean)
          .join(' ')
        return (
          <div className="field" key={slot}>
            <label htmlFor={id}>{t('credentials.slot', { slot })}</label>
            <select
              id={id}
              value={chosen ?? ''}
              aria-describedby={describedBy || undefined}
              onChange={(event) => {
                const next = { ...value }
                if (event.target.value) next[slot] = event.target.value
                else delete next[slot]
                onChange(next)
              }}
            >
              <option value="">
                {choices.hasDefault
                  ? t('credentials.useDefault', { name: slot.toLowerCase() })
                  : t('credentials.none')}
              </option>
              {chosen && (!ready || missing) && (
                <option value={chosen}>
                  {ready ? t('credentials.missingOption', { name: chosen }) : chosen}
                </option>
              )}
              {choices.fitting.length > 0 && (
                <optgroup label={t('credentials.fitting', { slot })}>
                  {choices.fitting.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </optgroup>
              )}
              {choices.others.length > 0 && (
                <optgroup label={t('credentials.others')}>
                  {choices.others.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
            {missing && (
              <p className="field-error" id={`${id}-missing`}>
                {t('credentials.missing', { name: missing })}
              </p>
            )}
            {noneYet && (
              <p className="field-help" id={`${id}-none`}>
                {t('credentials.noneYet', { slot })}
              </p>
            )}
          </div>
        )
      })}
    </fieldset>
  )
}

/** The keyboard way to connect ports: pick an output port and a target node. */
function Connections({
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

function ProblemsTab({ problems, serverProblems, warnings, onFocusNode, graph, catalogue }: SidePanelProps) {
  const { t, i18n } = useTranslation()
  const nodeName = (id: string) => {
    const node = graph.nodes.find((candidate) => candidate.id === id)
    if (!node) return id
    return nodeDisplayName(node, catalogue, i18n.language)
  }
  return (
    <div>
      <h2>{t('problems.heading')}</h2>
      {problems.length === 0 ? (
        <p>{t('problems.none')}</p>
      ) : (
        <ul className="problem-list">
          {problems.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id
            <li key={index}>
              {problem.nodeId ? (
                <button type="button" className="link-button" onClick={() => onFocusNode(problem.nodeId!)}>
                  {problemText(problem, t, i18n.language, nodeName)}
                </button>
              ) : (
                pick(problem.message, i18n.language)
              )}
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <section aria-labelledby="warnings-heading">
          <h3 id="warnings-heading">{t('problems.warningsHeading')}</h3>
          <p className="field-help">{t('problems.warningsHelp')}</p>
          <ul className="warning-list">
            {warnings.map((warning, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no id
              <li key={index}>
                {warning.nodeId ? (
                  <button type="button" className="link-button" onClick={() => onFocusNode(warning.nodeId!)}>
                    {warningText(warning, t, i18n.language, nodeName)}
                  </button>
                ) : (
                  warningText(warning, t, i18n.language, nodeName)
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {serverProblems && serverProblems.length > 0 && (
        <>
          <h3>{t('problems.server')}</h3>
          <ul className="problem-list">
            {serverProblems.map((problem, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id
              <li key={index}>{pick(problem.message, i18n.language)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

function PublishTab({ problems, warnings, flowId, latestVersion, onPublish }: SidePanelProps) {
  const { t, i18n } = useTranslation()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [done, setDone] = useState<number | undefined>()
  const [versions, setVersions] = useState<
    { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; items: FlowVersionJson[] }
  >({ state: 'loading' })
  const [diff, setDiff] = useState<{ version: number; text: string[] } | undefined>()

  const loadVersions = useCallback(() => {
    if (!flowId) {
      setVersions({ state: 'ready', items: [] })
      return
    }
    setVersions({ state: 'loading' })
    api<ApiAnswer<'/api/v1/flows/{id}/versions', 'get'>>('GET', `/api/v1/flows/${flowId}/versions`).then(
      (page) => setVersions({ state: 'ready', items: page.items }),
      (failure) => setVersions({ state: 'error', error: failure }),
    )
  }, [flowId])
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a new version appears
  useEffect(loadVersions, [loadVersions, latestVersion])

  const blocked = problems.length > 0
  return (
    <div>
      <h2>{t('publish.heading')}</h2>
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          setBusy(true)
          setError(undefined)
          setDone(undefined)
          try {
            setDone(await onPublish(note))
            setNote('')
          } catch (failure) {
            setError(failure)
          } finally {
            setBusy(false)
          }
        }}
      >
        <div className="field">
          <label htmlFor="publish-note">{t('publish.note')}</label>
          <textarea
            id="publish-note"
            rows={2}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        {blocked && <p className="field-error">{t('publish.blocked', { count: problems.length })}</p>}
        {warnings.length > 0 && (
          <p className="warning-note">{t('publish.warnings', { count: warnings.length })}</p>
        )}
        <button type="submit" className="primary" disabled={busy || blocked}>
          {busy ? t('publish.busy') : t('publish.submit')}
        </button>
      </form>
      {done !== undefined && (
        <p role="status" className="success">
          {t('publish.done', { version: done })}
        </p>
      )}
      {error !== undefined && <ProblemMessage error={error} />}
      <h3>{t('versions.heading')}</h3>
      {versions.state === 'loading' && <Loading />}
      {versions.state === 'error' && <ProblemMessage error={versions.error} onRetry={loadVersions} />}
      {versions.state === 'ready' && versions.items.length === 0 && <p>{t('versions.none')}</p>}
      {versions.state === 'ready' && versions.items.length > 0 && (
        <ol className="version-list">
          {versions.items.map((version) => (
            <li key={version.version}>
              <strong>{t('flows.version', { version: version.version })}</strong> ·{' '}
              {formatDateTime(version.createdAt, i18n.language)}
              {version.note ? <p>{version.note}</p> : null}
              <div className="button-row">
                <button
                  type="button"
                  className="small"
                  onClick={async () => {
                    try {
                      const result = await api<ApiAnswer<'/api/v1/flows/{id}/diff', 'get'>>(
                        'GET',
                        `/api/v1/flows/${flowId}/diff?from=${version.version}&to=draft`,
                      )
                      setDiff({
                        version: version.version,
                        text: [
                          t('versions.diffAdded', { nodes: result.nodes.added.join(', ') || '–' }),
                          t('versions.diffRemoved', { nodes: result.nodes.removed.join(', ') || '–' }),
                          t('versions.diffChanged', {
                            nodes: result.nodes.changed.map((item) => item.id).join(', ') || '–',
                          }),
                          t('versions.diffEdges', {
                            added: result.edges.added.length,
                            removed: result.edges.removed.length,
                          }),
                        ],
                      })
                    } catch (failure) {
                      setError(failure)
                    }
                  }}
                >
                  {t('versions.compare')}
                </button>
                <button
                  type="button"
                  className="small"
                  onClick={async () => {
                    try {
                      await api('POST', `/api/v1/flows/${flowId}/versions/${version.version}/rollback`, {})
                      loadVersions()
                    } catch (failure) {
                      setError(failure)
                    }
                  }}
                >
                  {t('versions.rollback')}
                </button>
              </div>
              {diff?.version === version.version && (
                <ul className="small-text" aria-label={t('versions.diffLabel', { version: version.version })}>
                  {diff.text.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

const terminal = new Set(['completed', 'failed', 'cancelled', 'terminated', 'timed_out'])

function RunHistory({ flowId, run, onShowRun }: SidePanelProps) {
  const { t, i18n } = useTranslation()
  const [status, setStatus] = useState('')
  const [runs, setRuns] = useState<
    { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; items: RunSummaryJson[] }
  >({ state: 'loading' })
  const load = useCallback(() => {
    setRuns({ state: 'loading' })
    api<ApiAnswer<'/api/v1/runs', 'get'>>(
      'GET',
      `/api/v1/runs?flowId=${flowId}&limit=10${status ? `&status=${status}` : ''}`,
    ).then(
      (page) => setRuns({ state: 'ready', items: page.items }),
      (error) => setRuns({ state: 'error', error }),
    )
  }, [flowId, status])
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a run starts or ends
  useEffect(load, [load, run?.id, run?.status])
  return (
    <section aria-labelledby="runs-heading">
      {/* Not under the test run's heading: the history also holds runs of published versions. */}
      <h2 id="runs-heading">{t('runs.heading')}</h2>
      <label htmlFor="runs-status">{t('runs.filter')}</label>
      <select id="runs-status" value={status} onChange={(event) => setStatus(event.target.value)}>
        <option value="">{t('runs.all')}</option>
        {['running', 'completed', 'failed'].map((value) => (
          <option key={value} value={value}>
            {t(`run.status.${value}`)}
          </option>
        ))}
      </select>
      {runs.state === 'loading' && <Loading />}
      {runs.state === 'error' && <ProblemMessage error={runs.error} onRetry={load} />}
      {runs.state === 'ready' && runs.items.length === 0 && <p>{t('runs.none')}</p>}
      {runs.state === 'ready' && runs.items.length > 0 && (
        <ul className="edge-list">
          {runs.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="link-button"
                aria-current={item.id === run?.id ? 'true' : undefined}
                onClick={() => onShowRun(item.id)}
              >
                {formatDateTime(item.createdAt, i18n.language)} · {t(`run.status.${item.status}`)} ·{' '}
                {item.flowVersion === null
                  ? t('runs.draft')
                  : t('flows.version', { version: item.flowVersion })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function TestTab(props: SidePanelProps) {
  const { flowId, problems, run, onStartRun, graph, catalogue } = props
  const { t, i18n } = useTranslation()
  const [input, setInput] = useState('{\n  "voornaam": "Fatima"\n}')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  let parsed: Record<string, unknown> | undefined
  try {
    const value = JSON.parse(input) as unknown
    parsed =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined
  } catch {
    parsed = undefined
  }
  if (!flowId) return <p>{t('test.saveFirst')}</p>
  const blocked = problems.length > 0
  return (
    <div>
      <h2>{t('test.heading')}</h2>
      <p className="muted">{t('test.usesDraft')}</p>
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          if (!parsed) return
          setBusy(true)
          setError(undefined)
          try {
            await onStartRun(parsed)
          } catch (failure) {
            setError(failure)
          } finally {
            setBusy(false)
          }
        }}
      >
        <div className="field">
          <label htmlFor="test-input">{t('test.input')}</label>
          <textarea
            id="test-input"
            rows={5}
            className="code"
            value={input}
            aria-invalid={parsed ? undefined : true}
            aria-describedby={parsed ? undefined : 'test-input-error'}
            onChange={(event) => setInput(event.target.value)}
          />
          {!parsed && (
            <p id="test-input-error" className="field-error">
              {t('test.inputInvalid')}
            </p>
          )}
        </div>
        {blocked && <p className="field-error">{t('test.blocked', { count: problems.length })}</p>}
        <button
          type="submit"
          className="primary"
          disabled={!parsed || busy || blocked || (run !== undefined && !terminal.has(run.status))}
        >
          {t('test.start')}
        </button>
      </form>
      {error !== undefined && <ProblemMessage error={error} />}
      {run && (
        <section aria-labelledby="run-heading">
          <h3 id="run-heading">
            {t('test.runStatus')}:{' '}
            <span className={`badge run-badge-${run.status}`}>{t(`run.status.${run.status}`)}</span>
          </h3>
          {run.error && <p className="field-error">{run.error.message}</p>}
          <RunNodeTable
            graph={graph}
            states={run.nodes}
            nameOf={(node) => nodeDisplayName(node, catalogue, i18n.language)}
            missing={t('nodeStatus.pending')}
            rowTestId="run-row"
          />
          <p className="muted small-text">{t('test.clickNode')}</p>
        </section>
      )}
      <RunHistory {...props} />
    </div>
  )
}

/** The newest version of a node type in the catalogue. */
function newestVersion(catalogue: ReadonlyMap<string, CatalogueNode>, type: string): number {
  let newest = 0
  for (const entry of catalogue.values())
    if (entry.type === type && entry.version > newest) newest = entry.version
  return newest
}

function shown(value: unknown, empty: string): string {
  if (value === undefined || value === null || value === '') return empty
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * Offers to upgrade a node to the newest version of its type: first shows what the upgrade
 * changes in its settings (asked from the API, which runs the node type's own upgrade), then
 * applies it as one undoable step.
 */
function NodeUpgradeOffer({
  node,
  catalogue,
  onApply,
}: {
  node: WarmNode
  catalogue: ReadonlyMap<string, CatalogueNode>
  onApply(version: number, config: Record<string, unknown>): void
}) {
  const { t, i18n } = useTranslation()
  const [preview, setPreview] = useState<NodeUpgradeJson | undefined>()
  const [problem, setProblem] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<number | undefined>()
  const to = newestVersion(catalogue, node.data.type)
  if (done !== undefined && node.data.version === done) {
    return (
      <p role="status" className="small-text">
        {t('upgrade.done', { to: done })}
      </p>
    )
  }
  if (to <= node.data.version) return null
  const load = async () => {
    setBusy(true)
    setProblem(undefined)
    try {
      setPreview(
        await api<NodeUpgradeJson>('POST', '/api/v1/node-upgrades', {
          type: node.data.type,
          version: node.data.version,
          config: node.data.config,
          toVersion: to,
        }),
      )
    } catch (error) {
      setProblem(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="node-upgrade" aria-labelledby="node-upgrade-heading">
      <h3 id="node-upgrade-heading">{t('upgrade.heading')}</h3>
      <p>{t('upgrade.available', { from: node.data.version, to })}</p>
      {problem !== undefined && <ProblemMessage error={problem} onRetry={load} />}
      {!preview && (
        <button type="button" onClick={load} disabled={busy}>
          {t('upgrade.preview')}
        </button>
      )}
      {preview && (
        <>
          {preview.changes.length === 0 ? (
            <p>{t('upgrade.noChanges')}</p>
          ) : (
            <ul aria-label={t('upgrade.preview')}>
              {preview.changes.map((change) => (
                <li key={change.path}>
                  <code>{change.path}</code> ({t(`upgrade.${change.kind}`)}):{' '}
                  {change.kind !== 'added' && <span>{shown(change.before, t('upgrade.empty'))}</span>}
                  {change.kind === 'changed' && ' → '}
                  {change.kind !== 'removed' && <span>{shown(change.after, t('upgrade.empty'))}</span>}
                </li>
              ))}
            </ul>
          )}
          {preview.problems.length > 0 && (
            <>
              <p>{t('upgrade.problems')}</p>
              <ul>
                {preview.problems.map((text, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id
                  <li key={index}>{pick(text, i18n.language)}</li>
                ))}
              </ul>
            </>
          )}
          <button
            type="button"
            onClick={() => {
              setDone(preview.to)
              onApply(preview.to, preview.config)
            }}
          >
            {t('upgrade.apply', { to: preview.to })}
          </button>
        </>
      )}
    </section>
  )
}
