import type { TFunction } from 'i18next'
import type { RunSummaryJson } from '../api/types'

/**
 * A run's status in words. A run whose retention period ended says after how many days it was
 * removed: that is what the organisation chose, not an error. A run erased on the request of the
 * person it was about (AVG art. 17) says so.
 *
 * @example
 * runStatusText({ status: 'removed', removedAfterDays: 30 }, t) // 'verwijderd na 30 dagen'
 * runStatusText({ status: 'erased' }, t) // 'Gewist op verzoek (AVG)'
 * runStatusText({ status: 'completed' }, t) // 'Klaar'
 */
export function runStatusText(
  run: Pick<RunSummaryJson, 'status' | 'removedAfterDays'>,
  t: TFunction,
): string {
  if (run.status === 'removed') {
    return run.removedAfterDays === undefined
      ? t('run.status.removed')
      : t('run.removedAfter', { count: run.removedAfterDays })
  }
  return t(`run.status.${run.status}`)
}
