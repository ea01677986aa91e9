import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common'
import type { LogEntry } from '@temporalio/worker'
import { describe, expect, it } from 'vitest'
import { createLog, createWorkerLogger, logFormatFromEnv, redactError, temporalLoggerTo } from './logger.js'

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

describe('structured logs', () => {
  it('chooses JSON for the role commands in production, and text otherwise unless told', () => {
    expect(logFormatFromEnv({ NODE_ENV: 'production' }, { role: true })).toBe('json')
    expect(logFormatFromEnv({ WARMFLOW_ENV: 'production' }, { role: true })).toBe('json')
    expect(logFormatFromEnv({ WARMFLOW_ENV: 'production' })).toBe('text')
    expect(logFormatFromEnv({}, { role: true })).toBe('text')
    expect(logFormatFromEnv({ WARMFLOW_LOG_FORMAT: 'json' })).toBe('json')
    expect(logFormatFromEnv({ WARMFLOW_LOG_FORMAT: 'text', NODE_ENV: 'production' }, { role: true })).toBe(
      'text',
    )
    expect(() => logFormatFromEnv({ WARMFLOW_LOG_FORMAT: 'xml' })).toThrow(/WARMFLOW_LOG_FORMAT/)
  })

  it("routes Temporal's lines as one JSON object each, with the Warmflow run id and no error message", () => {
    const lines: string[] = []
    const log = createLog({ format: 'json', service: 'worker', write: (line) => lines.push(line) })
    const logger = temporalLoggerTo(log)
    logger.warn('Activity failed', {
      workflowId: 'run-3b97731c-1312-4dc2-8392-d92982370000',
      workflowRunId: 'temporal-run',
      taskToken: 'opaque',
      flowId: 'flow-1',
      error: new TypeError(`not a number: "${clientName}"`),
    })
    expect(lines).toHaveLength(1)
    const line = JSON.parse(lines[0]!)
    expect(line).toMatchObject({
      level: 'warn',
      service: 'worker',
      msg: 'Activity failed',
      runId: '3b97731c-1312-4dc2-8392-d92982370000',
      temporalRunId: 'temporal-run',
      flowId: 'flow-1',
      error: { name: 'TypeError' },
    })
    expect(line.taskToken).toBeUndefined()
    expect(lines[0]).not.toContain('Fatima')
  })

  it('writes the same fields as readable text', () => {
    const lines: string[] = []
    createLog({ format: 'text', service: 'api', write: (line) => lines.push(line) }).info(
      { reqId: 'r-1' },
      'request',
    )
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ \[info\] request reqId=r-1\n$/)
  })
})
