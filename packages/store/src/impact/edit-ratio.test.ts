import { describe, expect, it } from 'vitest'
import { editRatio, maxComparedChars } from './edit-ratio.js'

describe('editRatio', () => {
  it('is 0 for an unchanged draft, whitespace around it and line endings aside', () => {
    expect(editRatio('Goed gesprek.\r\nVervolg volgt.', '  Goed gesprek.\nVervolg volgt.\n')).toBe(0)
    expect(editRatio('', '')).toBe(0)
  })

  it('divides the character edits by the longer text', () => {
    expect(editRatio('abcd', 'abxd')).toBe(0.25)
    expect(editRatio('kitten', 'sitting')).toBeCloseTo(3 / 7, 10)
    expect(editRatio('abc', '')).toBe(1)
    expect(editRatio('', 'nieuw')).toBe(1)
  })

  it('stays bounded for long texts and counts a long changed middle as rewritten', () => {
    const start = 'a'.repeat(50_000)
    const started = performance.now()
    expect(editRatio(`${start}x`, `${start}y`)).toBeCloseTo(1 / 50_001, 10)
    const long = 'b'.repeat(maxComparedChars + 1)
    expect(editRatio(long, 'c'.repeat(maxComparedChars + 1))).toBe(1)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
