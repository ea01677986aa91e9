// Hand-written Temporal workflows the interpreter is measured against: N no-op activities in a
// row, as regular activities and as local activities. Bundled by Temporal (deterministic code).
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow'
import type { BaselineActivities } from './activities.js'

const regular = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
})
const local = proxyLocalActivities<BaselineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
})

/** Calls the no-op activity `count` times in a row, passing the value along. */
export async function baselineActivities(count: number, value: unknown): Promise<unknown> {
  let current = value
  for (let i = 0; i < count; i++) current = await regular.noop(current)
  return current
}

/** The same chain with local activities (no task queue round trip per activity). */
export async function baselineLocalActivities(count: number, value: unknown): Promise<unknown> {
  let current = value
  for (let i = 0; i < count; i++) current = await local.noop(current)
  return current
}
