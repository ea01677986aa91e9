import { describe, expect, it } from 'vitest'
import { apiTemporalInterceptors } from './temporal-client.js'

type Interceptor = ReturnType<typeof apiTemporalInterceptors>[number]
type CallOptions = Parameters<Interceptor>[0]

/** The deadline the API's outermost interceptor gives a call of `method`, in ms from now. */
function deadlineOf(method: string, given?: number): number | undefined {
  const [deadline] = apiTemporalInterceptors({ callTimeoutMs: 2_000, scheduleCallTimeoutMs: 10_000 })
  let seen: CallOptions | undefined
  const options = {
    method_definition: { path: `/temporal.api.workflowservice.v1.WorkflowService/${method}` },
    ...(given === undefined ? {} : { deadline: given }),
  } as unknown as CallOptions
  deadline!(options, (next) => {
    seen = next
    return {} as ReturnType<Parameters<Interceptor>[1]>
  })
  const value = seen?.deadline
  return typeof value === 'number' ? value - Date.now() : undefined
}

describe('apiTemporalInterceptors', () => {
  it('bounds short calls by the call timeout and schedule descriptions by the longer one', () => {
    expect(deadlineOf('StartWorkflowExecution')).toBeGreaterThan(1_500)
    expect(deadlineOf('StartWorkflowExecution')).toBeLessThanOrEqual(2_000)
    // Temporal answers DescribeSchedule (and so every schedule update) by querying the schedule's
    // workflow: under load that outlasts a 2 s read.
    expect(deadlineOf('DescribeSchedule')).toBeGreaterThan(9_500)
    expect(deadlineOf('DescribeSchedule')).toBeLessThanOrEqual(10_000)
  })

  it('leaves waiting calls and calls with their own deadline alone', () => {
    expect(deadlineOf('PollWorkflowExecutionUpdate')).toBeUndefined()
    const own = Date.now() + 60_000
    expect(deadlineOf('DescribeSchedule', own)).toBeGreaterThan(59_000)
  })
})
