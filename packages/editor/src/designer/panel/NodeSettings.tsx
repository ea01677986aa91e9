import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { pick } from '../../i18n'
import { useAuth } from '../../shell/auth'
import { ExpressionContext } from '../expressions'
import type { WarmNode } from '../graph'
import { InputMapping } from '../InputMapping'
import { personalDataSentence } from '../privacyText'
import { fieldProblemText, warningText } from '../problemText'
import { NodeRunDetails } from '../RunView'
import { type FieldErrors, SchemaForm } from '../SchemaForm'
import { Connections } from './Connections'
import { CredentialPicker } from './CredentialPicker'
import { expressionHelpFor } from './expressionHelp'
import { NodeUpgradeOffer } from './NodeUpgradeOffer'
import type { SidePanelProps } from './props'

/** The settings of one node: its config form, input mapping, credentials, connections and last run. */
export function NodeSettings({
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
  const teams = useAuth().user?.teams
  const type = catalogue.get(`${node.data.type}@${node.data.version}`)
  const nodeProblems = problems.filter((problem) => problem.nodeId === node.id)
  const fieldErrors: FieldErrors = useMemo(() => {
    const map = new Map<string, string>()
    for (const problem of nodeProblems) {
      if (problem.code === 'node.invalid_config' && problem.path?.length) {
        // The first problem of a field says most (an e-mail check fails before its pattern does).
        const key = problem.path.join('.')
        if (!map.has(key)) map.set(key, fieldProblemText(problem, t, i18n.language))
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
            teams={teams}
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
        <p className="privacy-note">{personalDataSentence(type.personalData.reads, t)}</p>
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
