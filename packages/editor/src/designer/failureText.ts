import type { TFunction } from 'i18next'

/** Temporal's own English failure messages, and the text key that says them in the reader's language. */
const temporalMessages: [RegExp, string][] = [
  [/^Activity task failed$/i, 'failure.activityFailed'],
  [/^Activity task timed out$/i, 'failure.activityTimedOut'],
  [/^Activity task cancel+ed$/i, 'failure.activityCancelled'],
  [/^Workflow execution timed out$/i, 'failure.workflowTimedOut'],
  [/^Workflow execution (cancel+ed|was cancel+ed)$/i, 'failure.workflowCancelled'],
  [/terminated/i, 'failure.workflowTerminated'],
]

/**
 * A run's or a node's failure for the person reading it: Temporal's own messages ("Activity task
 * failed") in Dutch or English, anything else as the node said it.
 *
 * @example
 * failureText({ message: 'Activity task failed' }, t) // 'Deze stap is mislukt, ook na opnieuw proberen.'
 */
export function failureText(error: { message: string }, t: TFunction): string {
  const message = error.message.trim()
  const known = temporalMessages.find(([pattern]) => pattern.test(message))
  return known ? t(known[1]) : message
}
