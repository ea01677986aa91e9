import { describe, expect, it } from 'vitest'
import { onlyPresentHumanTasks, parseBaselineMinutes, withFlowBaseline, withNodeBaseline } from './baseline'

describe('flow baselines', () => {
  it('sets and clears the per-case and per-node minutes without losing the other', () => {
    const perCase = withFlowBaseline(undefined, 30)
    expect(perCase).toEqual({ minutesByHand: 30 })
    const both = withNodeBaseline(perCase, 'check', 12)
    expect(both).toEqual({ minutesByHand: 30, minutesByHandPerNode: { check: 12 } })
    expect(withFlowBaseline(both, 45)).toEqual({ minutesByHand: 45, minutesByHandPerNode: { check: 12 } })
    expect(withFlowBaseline(both, undefined)).toEqual({ minutesByHandPerNode: { check: 12 } })
    expect(withNodeBaseline(both, 'check', undefined)).toEqual({ minutesByHand: 30 })
    expect(withNodeBaseline(withNodeBaseline(undefined, 'check', 5), 'check', undefined)).toBeUndefined()
  })

  it('reads a typed number, leaving empty or negative input out and capping large ones', () => {
    expect(parseBaselineMinutes('12.5')).toBe(12.5)
    expect(parseBaselineMinutes('')).toBeUndefined()
    expect(parseBaselineMinutes('-3')).toBeUndefined()
    expect(parseBaselineMinutes('abc')).toBeUndefined()
    expect(parseBaselineMinutes('1e9')).toBe(100_000)
  })

  it('keeps per-node minutes only for human tasks still on the canvas', () => {
    const baseline = { minutesByHand: 30, minutesByHandPerNode: { check: 12, gone: 5, start: 1 } }
    const nodes = [
      { id: 'start', type: 'manual' },
      { id: 'check', type: 'human.task' },
    ]
    expect(onlyPresentHumanTasks(baseline, nodes)).toEqual({
      minutesByHand: 30,
      minutesByHandPerNode: { check: 12 },
    })
    expect(onlyPresentHumanTasks({ minutesByHandPerNode: { gone: 5 } }, nodes)).toBeUndefined()
    const untouched = { minutesByHandPerNode: { check: 12 } }
    expect(onlyPresentHumanTasks(untouched, nodes)).toBe(untouched)
  })
})
