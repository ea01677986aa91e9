import { describe, expect, it } from 'vitest'
import { canRunInline, fitsInline, inlineOutputMaxChars, runInline } from './inline.js'

describe('inline operations', () => {
  it('passes the input on, or lays it over the configured start data', async () => {
    expect(runInline('passInput', {}, { a: 1 })).toEqual({ a: 1 })
    expect(runInline('mergeConfigInput', { input: { a: 1, b: 2 } }, { b: 3 })).toEqual({ a: 1, b: 3 })
    expect(runInline('mergeConfigInput', {}, { b: 3 })).toEqual({ b: 3 })
  })

  it('leaves inputs it cannot take to the activity', () => {
    expect(canRunInline({ a: { b: [1, 2] } })).toBe(true)
    expect(canRunInline([1, 2])).toBe(false)
    expect(canRunInline('tekst')).toBe(false)
    expect(canRunInline(null)).toBe(false)
    expect(canRunInline({ groot: { $ref: 'output:abc' } })).toBe(false)
    expect(canRunInline({ lijst: [{ $ref: 'output:abc' }] })).toBe(false)
  })

  it('keeps only small outputs in the workflow', () => {
    expect(fitsInline({ tekst: 'x'.repeat(100) })).toBe(true)
    expect(fitsInline({ tekst: 'x'.repeat(inlineOutputMaxChars) })).toBe(false)
  })
})
