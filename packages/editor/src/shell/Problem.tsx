import { useTranslation } from 'react-i18next'
import { type ApiProblem, asProblem } from '../api/client'
import { pick } from '../i18n'

/** The advice key for what a person can do about an error. */
export function adviceKey(problem: ApiProblem): string {
  if (problem.code === 'network') return 'error.advice.network'
  if (problem.status === 401) return 'error.advice.login'
  if (problem.status === 403) return 'error.advice.forbidden'
  if (problem.status === 404) return 'error.advice.notFound'
  if (problem.status === 409) return 'error.advice.conflict'
  if (problem.status === 400 || problem.status === 422) return 'error.advice.fix'
  if (problem.status === 429) return 'error.advice.wait'
  if (problem.status >= 500) return 'error.advice.later'
  return 'error.advice.other'
}

/**
 * An error in the user's language with what to do next, and a retry button when it can help.
 * `advice` replaces the general advice when the screen knows better (e.g. it already reloaded).
 * Never a stack trace.
 */
export function ProblemMessage({
  error,
  onRetry,
  advice,
}: {
  error: unknown
  onRetry?: () => void
  advice?: string
}) {
  const { t, i18n } = useTranslation()
  const problem = asProblem(error)
  return (
    <div className="problem" role="alert">
      <p>
        <strong>{pick(problem.text, i18n.language)}</strong> {advice ?? t(adviceKey(problem))}
      </p>
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id of their own
            <li key={index}>{pick(item.message, i18n.language)}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  )
}

/** A calm loading line that screen readers announce. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  )
}
