import { describe, expect, it } from 'vitest'
import { credentialChoices, fitsSlot, missingCredentials } from './credentialChoice'

describe('credential choices for a secret slot', () => {
  it('counts a credential as fitting by the slot name, alone or with a suffix', () => {
    expect(fitsSlot('smtp', 'smtp')).toBe(true)
    expect(fitsSlot('smtp.office', 'smtp')).toBe(true)
    expect(fitsSlot('ai-mistral', 'ai')).toBe(true)
    expect(fitsSlot('pseudonymkey_2026', 'pseudonymKey')).toBe(true)
    expect(fitsSlot('airtable', 'ai')).toBe(false)
    expect(fitsSlot('postgres', 'smtp')).toBe(false)
  })

  it('puts fitting credentials first, keeps the others, and flags a chosen name that does not exist', () => {
    expect(credentialChoices('smtp', ['postgres', 'smtp.office', 'smtp', 'ai'], 'smtp-oud')).toEqual({
      fitting: ['smtp', 'smtp.office'],
      others: ['ai', 'postgres'],
      missing: 'smtp-oud',
      hasDefault: true,
    })
    expect(credentialChoices('ai', ['postgres'], 'postgres')).toEqual({
      fitting: [],
      others: ['postgres'],
      missing: undefined,
      hasDefault: false,
    })
    expect(credentialChoices('ai', [], undefined)).toEqual({
      fitting: [],
      others: [],
      missing: undefined,
      hasDefault: false,
    })
  })
})

describe('missingCredentials', () => {
  const mail = (chosen: Record<string, string> = {}) => ({ id: 'mail', slots: ['smtp'], chosen })
  const ai = (chosen: Record<string, string> = {}) => ({ id: 'sum', slots: ['ai'], chosen })

  it('names a slot that finds no credential, in the picker’s terms', () => {
    expect(missingCredentials([mail()], [], new Set())).toEqual([
      { nodeId: 'mail', slot: 'smtp', kind: 'none' },
    ])
    expect(missingCredentials([mail()], ['smtp-kantoor'], new Set())).toEqual([
      { nodeId: 'mail', slot: 'smtp', kind: 'choose' },
    ])
    expect(missingCredentials([mail({ smtp: 'smtp-oud' })], ['smtp'], new Set())).toEqual([
      { nodeId: 'mail', slot: 'smtp', kind: 'missing', name: 'smtp-oud' },
    ])
  })

  it('is quiet when the default or the chosen credential exists', () => {
    expect(missingCredentials([mail()], ['smtp'], new Set())).toEqual([])
    expect(missingCredentials([mail({ smtp: 'smtp-kantoor' })], ['smtp-kantoor'], new Set())).toEqual([])
  })

  it('does not ask for an optional slot unless a missing name was chosen', () => {
    expect(missingCredentials([ai()], [], new Set(['ai']))).toEqual([])
    expect(missingCredentials([ai({ ai: 'ai-eu' })], [], new Set(['ai']))).toEqual([
      { nodeId: 'sum', slot: 'ai', kind: 'missing', name: 'ai-eu' },
    ])
  })
})
