import { describe, expect, it } from 'vitest'
import {
  assertCleanJson,
  assertCleanJsonText,
  JsonInputError,
  jsonDepth,
  maxJsonDepth,
  textRejection,
} from './json-input.js'

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

describe('JSON edge checks', () => {
  it('measures depth without recursion, skipping brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3)
    expect(jsonDepth('{"a":"[[[[\\"{{{{"}')).toBe(1)
    expect(jsonDepth('"\\\\"')).toBe(0)
    expect(jsonDepth(nested(1_000_000))).toBe(maxJsonDepth + 1)
  })

  it('allows nesting up to the limit and refuses one level more', () => {
    expect(() => assertCleanJsonText(nested(maxJsonDepth))).not.toThrow()
    expect(() => assertCleanJsonText(nested(maxJsonDepth + 1))).toThrow(JsonInputError)
    expect(() => assertCleanJsonText(`[${'['.repeat(100_000)}`)).toThrow(/nested too deeply/)
  })

  it('refuses \\u0000 and unpaired surrogates in keys and values, and keeps pairs', () => {
    expect(textRejection('a\u0000b')).toBe('nul_character')
    expect(textRejection('\ud800')).toBe('unpaired_surrogate')
    expect(textRejection('x\udc00')).toBe('unpaired_surrogate')
    expect(textRejection('😀 ë')).toBeUndefined()
    const refused = (value: unknown) => {
      try {
        assertCleanJson(value)
      } catch (error) {
        return error instanceof JsonInputError ? { code: error.code, path: error.errors[0]?.path } : error
      }
      return undefined
    }
    expect(refused({ naam: ['ok', 'x\u0000'] })).toEqual({ code: 'request.nul_character', path: ['naam', 1] })
    expect(refused({ 'sleu\ud800tel': 1 })).toEqual({ code: 'request.unpaired_surrogate', path: [] })
    expect(refused({ naam: 'Zoë 😀', lijst: [1, null, true] })).toBeUndefined()
  })

  it('leaves text that is not JSON to the route (its own 400)', () => {
    expect(() => assertCleanJsonText('{"half": ')).not.toThrow()
    expect(() => assertCleanJsonText('')).not.toThrow()
  })
})
