import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useApi } from '../../api/useApi'
import { useBusy } from '../../api/useBusy'
import { formatDateTime, pick } from '../../i18n'
import { Loading, ProblemMessage } from '../../shell/Problem'
import type { SidePanelProps } from './props'

/** The publish tab: publish the draft with a note, and the published versions (compare, roll back). */
export function PublishTab({
  problems,
  warnings,
  credentialProblems,
  flowId,
  latestVersion,
  onPublish,
}: SidePanelProps) {
  const { t, i18n } = useTranslation()
  const [note, setNote] = useState('')
  const { busy, error, setError, run } = useBusy()
  const [done, setDone] = useState<number | undefined>()
  const [diff, setDiff] = useState<{ version: number; text: string[] } | undefined>()

  // Loaded again when a new version appears.
  const versions = useApi(
    async () =>
      flowId ? (await api.get('/api/v1/flows/{id}/versions', { path: { id: flowId } })).items : [],
    [flowId, latestVersion],
  )

  /** A version button's action on the saved flow; a failure shows above the list of versions. */
  const versionAction = (action: (id: string) => Promise<void>) => async () => {
    if (!flowId) return
    try {
      await action(flowId)
    } catch (failure) {
      setError(failure)
    }
  }

  const blocked = problems.length > 0
  return (
    <div>
      <h2>{t('publish.heading')}</h2>
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          setDone(undefined)
          await run(async () => {
            setDone(await onPublish(note))
            setNote('')
          })
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
        {credentialProblems.length > 0 && (
          <div className="warning-note" id="publish-credentials">
            <p>{t('publish.credentialWarnings', { count: credentialProblems.length })}</p>
            <ul>
              {credentialProblems.map((problem) => (
                <li key={`${problem.nodeId}-${problem.path?.join('.')}`}>
                  {pick(problem.message, i18n.language)}
                </li>
              ))}
            </ul>
          </div>
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
      {versions.state === 'error' && <ProblemMessage error={versions.error} onRetry={versions.reload} />}
      {versions.state === 'ready' && versions.data.length === 0 && <p>{t('versions.none')}</p>}
      {versions.state === 'ready' && versions.data.length > 0 && (
        <ol className="version-list">
          {versions.data.map((version) => (
            <li key={version.version}>
              <strong>{t('flows.version', { version: version.version })}</strong> ·{' '}
              {formatDateTime(version.createdAt, i18n.language)}
              {version.note ? <p>{version.note}</p> : null}
              <div className="button-row">
                <button
                  type="button"
                  className="small"
                  onClick={versionAction(async (id) => {
                    const result = await api.get('/api/v1/flows/{id}/diff', {
                      path: { id },
                      query: { from: version.version, to: 'draft' },
                    })
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
                  })}
                >
                  {t('versions.compare')}
                </button>
                <button
                  type="button"
                  className="small"
                  onClick={versionAction(async (id) => {
                    await api.post('/api/v1/flows/{id}/versions/{version}/rollback', {
                      path: { id, version: version.version },
                      body: {},
                    })
                    versions.reload()
                  })}
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
