import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBusy } from '../../api/useBusy'
import { ProblemMessage } from '../../shell/Problem'
import { nodeDisplayName } from '../catalogue'
import { failureText } from '../failureText'
import { NodeRunDetails, RunNodeTable } from '../RunView'
import type { SidePanelProps } from './props'
import { RunHistory } from './RunHistory'

const terminal = new Set(['completed', 'failed', 'cancelled', 'terminated', 'timed_out'])

/** The test tab: start a test run of the draft with sample input, follow it, and the run history. */
export function TestTab(props: SidePanelProps) {
  const { flowId, problems, run, onStartRun, onStartPublishedRun, latestVersion, graph, catalogue } = props
  const { t, i18n } = useTranslation()
  const [input, setInput] = useState('{\n  "voornaam": "Fatima"\n}')
  const { busy, error, run: attempt } = useBusy()
  const [chosen, setChosen] = useState<string | undefined>()
  const chosenState = chosen ? run?.nodes?.[chosen] : undefined
  const running = run !== undefined && !terminal.has(run.status)
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
          // The button pressed says which: the draft, or the newest published version.
          const published =
            (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'published'
          setChosen(undefined)
          const values = parsed
          await attempt(() => (published ? onStartPublishedRun(values) : onStartRun(values)))
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
        <div className="button-row">
          <button
            type="submit"
            className="primary"
            value="draft"
            disabled={!parsed || busy || blocked || running}
          >
            {t('test.start')}
          </button>
          {latestVersion ? (
            <button type="submit" value="published" disabled={!parsed || busy || running}>
              {t('test.startPublished', { version: latestVersion })}
            </button>
          ) : null}
        </div>
        {latestVersion ? <p className="field-help">{t('test.publishedHelp')}</p> : null}
      </form>
      {error !== undefined && <ProblemMessage error={error} />}
      {run && (
        <section aria-labelledby="run-heading">
          <h3 id="run-heading">
            {t('test.runStatus')}:{' '}
            <span className={`badge run-badge-${run.status}`}>{t(`run.status.${run.status}`)}</span>
          </h3>
          <p className="small-text">
            {run.flowVersion ? t('test.ranVersion', { version: run.flowVersion }) : t('test.ranDraft')}
          </p>
          {run.error && <p className="field-error">{failureText(run.error, t, i18n.language)}</p>}
          <RunNodeTable
            graph={graph}
            states={run.nodes}
            nameOf={(node) => nodeDisplayName(node, catalogue, i18n.language)}
            missing={t('nodeStatus.pending')}
            rowTestId="run-row"
            onChoose={setChosen}
          />
          {chosen && chosenState ? (
            <NodeRunDetails
              run={run}
              graph={graph}
              nodeId={chosen}
              state={chosenState}
              heading={t('test.nodeHeading', {
                node: nodeDisplayName(
                  graph.nodes.find((node) => node.id === chosen) ?? graph.nodes[0]!,
                  catalogue,
                  i18n.language,
                ),
              })}
            />
          ) : chosen ? (
            <p>{t('runView.notRunHelp')}</p>
          ) : (
            <p className="muted small-text">{t('test.clickNode')}</p>
          )}
        </section>
      )}
      <RunHistory flowId={flowId} run={run} onShowRun={props.onShowRun} />
    </div>
  )
}
