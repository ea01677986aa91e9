import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSubjectHasher, normaliseIdentifier } from './identifiers.js'

describe('normaliseIdentifier', () => {
  it('finds one person however the e-mail address is written', () => {
    expect(normaliseIdentifier({ kind: 'email', value: ' Jan.Jansen@Example.NL ' })).toBe(
      'jan.jansen@example.nl',
    )
    expect(normaliseIdentifier({ kind: 'email', value: 'not an address' })).toBeUndefined()
    expect(normaliseIdentifier({ kind: 'email', value: `${'a'.repeat(250)}@x.nl` })).toBeUndefined()
  })

  it('writes Dutch phone numbers in one international form', () => {
    const forms = ['06-12345678', '06 1234 5678', '+31 6 12345678', '0031612345678', '+31 (0)6 1234 5678']
    for (const value of forms)
      expect(normaliseIdentifier({ kind: 'phone', value }), value).toBe('31612345678')
    expect(normaliseIdentifier({ kind: 'phone', value: '020-5551234' })).toBe('31205551234')
    expect(normaliseIdentifier({ kind: 'phone', value: '+32 470 12 34 56' })).toBe('32470123456')
    expect(normaliseIdentifier({ kind: 'phone', value: '12345' })).toBeUndefined()
    expect(normaliseIdentifier({ kind: 'phone', value: 'bel 06-12345678' })).toBeUndefined()
  })
})

describe('createSubjectHasher', () => {
  it('gives equal identifiers the same keyed hash, and another key another hash', () => {
    const key = randomBytes(32)
    const hash = createSubjectHasher(key)
    const a = hash({ kind: 'phone', value: '06-12345678' })
    expect(a).toMatch(/^s1:[0-9a-f]{64}$/)
    expect(hash({ kind: 'phone', value: '+31612345678' })).toBe(a)
    // The same digits as an e-mail kind, or under another installation's key, are someone else.
    expect(createSubjectHasher(randomBytes(32))({ kind: 'phone', value: '06-12345678' })).not.toBe(a)
    expect(hash({ kind: 'email', value: 'x' })).toBeUndefined()
  })
})
