import { describe, expect, it } from 'vitest'
import { defaultMaxCachedWorkflows, maxCachedWorkflowsFrom } from './start.js'

describe('the worker cache of warmflow start', () => {
  it('is bounded by default and takes a sensible WARMFLOW_MAX_CACHED_WORKFLOWS', () => {
    expect(maxCachedWorkflowsFrom({})).toBe(defaultMaxCachedWorkflows)
    expect(defaultMaxCachedWorkflows).toBeLessThanOrEqual(1_000)
    expect(maxCachedWorkflowsFrom({ WARMFLOW_MAX_CACHED_WORKFLOWS: '40' })).toBe(40)
    for (const unusable of ['0', '1', '-5', '2.5', 'veel', '', '1e9']) {
      expect(maxCachedWorkflowsFrom({ WARMFLOW_MAX_CACHED_WORKFLOWS: unusable }), unusable).toBe(
        defaultMaxCachedWorkflows,
      )
    }
  })
})
