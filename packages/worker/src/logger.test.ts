import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common'
import type { LogEntry } from '@temporalio/worker'
import { describe, expect, it } from 'vitest'
import { createWorkerLogger, redactError } from './logger.js'

const clientName = 'Fatima El Amrani'

describe('the worker logger', () => {
  it("keeps an error's kind and code but never its message, down the cause chain", () => {
    const failure = ApplicationFailure.create({
      type: 'expression.evaluation',
      message: `Unable to cast value to a number: "${clientName}"`,
      nonRetryable: true,
    })
    const wrapped = new ActivityFailure(
      `Activity failed: ${clientName}`,
      'runNode',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      undefined,
      failure,
    )
    const logged = redactError(wrapped as never)
    expect(logged).toEqual({
      name: 'ActivityFailure',
      cause: { name: 'ApplicationFailure', code: 'expression.evaluation', retryable: false },
    })
    expect(JSON.stringify(logged)).not.toContain('Fatima')
  })

  it('writes Temporal\'s "Activity failed" line with the ids, not the client\'s data', () => {
    const lines: LogEntry[] = []
    const logger = createWorkerLogger('INFO', (entry) => lines.push(entry))
    const error = new TypeError(`not a number: "${clientName}"`)
    logger.warn('Activity failed', { activityType: 'runNode', workflowId: 'run-1', attempt: 2, error })
    logger.debug('ignored below the level', { error })
    expect(lines).toHaveLength(1)
    expect(lines[0]!.meta).toEqual({
      activityType: 'runNode',
      workflowId: 'run-1',
      attempt: 2,
      error: { name: 'TypeError' },
    })
    expect(JSON.stringify(lines[0]!.meta)).not.toContain('Fatima')
  })
})
