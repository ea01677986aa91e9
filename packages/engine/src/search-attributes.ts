import { defineSearchAttributeKey, type SearchAttributePair, SearchAttributeType } from '@temporalio/common'

/** The flow a run belongs to, as a Temporal search attribute. */
export const flowIdSearchAttribute = defineSearchAttributeKey('WarmflowFlowId', SearchAttributeType.KEYWORD)
/** The flow version a run executes. */
export const flowVersionSearchAttribute = defineSearchAttributeKey(
  'WarmflowFlowVersion',
  SearchAttributeType.INT,
)
/** The team that owns the run. */
export const teamIdSearchAttribute = defineSearchAttributeKey('WarmflowTeamId', SearchAttributeType.KEYWORD)

export { warmflowSearchAttributes } from './search-attribute-names.js'

/**
 * The search attributes a run starts with, so runs can be found in Temporal by flow, version
 * and team (e.g. `WarmflowFlowId = '…' AND ExecutionStatus = 'Running'`).
 *
 * @example
 * await client.workflow.start('interpretFlow', { ..., typedSearchAttributes: runSearchAttributes(input) })
 */
export function runSearchAttributes(run: {
  flowId: string
  version: number
  teamId?: string | undefined
}): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: flowIdSearchAttribute, value: run.flowId },
    { key: flowVersionSearchAttribute, value: run.version },
  ]
  if (run.teamId) pairs.push({ key: teamIdSearchAttribute, value: run.teamId })
  return pairs
}
