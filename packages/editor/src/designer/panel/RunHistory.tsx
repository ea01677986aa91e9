import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { RunJson } from '../../api/types'
import { useApi } from '../../api/useApi'
import { formatDateTime } from '../../i18n'
import { Loading, ProblemMessage } from '../../shell/Problem'
import { runStatusText } from '../runStatus'

/** The run statuses the history can be filtered by. */
const statusFilters = ['running', 'completed', 'failed', 'removed', 'erased'] as const
type StatusFilter = (typeof statusFilters)[number]

/** The flow's last runs (test runs and runs of published versions), filterable by status. */
export function RunHistory({
  flowId,
  run,
  onShowRun,
}: {
  flowId: string
  /** The run shown now: the list reloads when it starts or ends. */
  run: RunJson | undefined
  onShowRun(runId: string): void
}) {
  const { t, i18n } = useTranslation()
  const [status, setStatus] = useState<StatusFilter | ''>('')
  // Loaded again when a run starts or ends.
  const runs = useApi(
    async () =>
      (await api.get('/api/v1/runs', { query: { flowId, limit: 10, ...(status ? { status } : {}) } })).items,
    [flowId, status, run?.id, run?.status],
  )
  return (
    <section aria-labelledby="runs-heading">
      {/* Not under the test run's heading: the history also holds runs of published versions. */}
      <h2 id="runs-heading">{t('runs.heading')}</h2>
      <label htmlFor="runs-status">{t('runs.filter')}</label>
      <select
        id="runs-status"
        value={status}
        onChange={(event) => setStatus(statusFilters.find((value) => value === event.target.value) ?? '')}
      >
        <option value="">{t('runs.all')}</option>
        {statusFilters.map((value) => (
          <option key={value} value={value}>
            {t(`run.status.${value}`)}
          </option>
        ))}
      </select>
      {runs.state === 'loading' && <Loading />}
      {runs.state === 'error' && <ProblemMessage error={runs.error} onRetry={runs.reload} />}
      {runs.state === 'ready' && runs.data.length === 0 && <p>{t('runs.none')}</p>}
      {runs.state === 'ready' && runs.data.length > 0 && (
        <ul className="edge-list">
          {runs.data.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="link-button"
                aria-current={item.id === run?.id ? 'true' : undefined}
                onClick={() => onShowRun(item.id)}
              >
                {formatDateTime(item.createdAt, i18n.language)} · {runStatusText(item, t)} ·{' '}
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
