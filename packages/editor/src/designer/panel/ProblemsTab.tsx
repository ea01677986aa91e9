import { useTranslation } from 'react-i18next'
import { pick } from '../../i18n'
import { nodeDisplayName } from '../catalogue'
import { problemText, warningText } from '../problemText'
import type { SidePanelProps } from './props'

/** The problems tab: what blocks publishing (the editor's checks and the server's) and privacy warnings. */
export function ProblemsTab({
  problems,
  serverProblems,
  warnings,
  credentialProblems,
  onFocusNode,
  graph,
  catalogue,
}: SidePanelProps) {
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
      {credentialProblems.length > 0 && (
        <section aria-labelledby="credential-problems-heading">
          <h3 id="credential-problems-heading">{t('problems.credentialsHeading')}</h3>
          <p className="field-help">{t('problems.credentialsHelp')}</p>
          <ul className="warning-list">
            {credentialProblems.map((problem) => (
              <li key={`${problem.nodeId}-${problem.path?.join('.')}`}>
                <button type="button" className="link-button" onClick={() => onFocusNode(problem.nodeId!)}>
                  {pick(problem.message, i18n.language)}
                </button>
              </li>
            ))}
          </ul>
          <p>
            <a href="/credentials" target="_blank" rel="noreferrer">
              {t('credentials.pageLink')}
            </a>
          </p>
        </section>
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
