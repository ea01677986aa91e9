import { describe, expect, it } from 'vitest'
import { credentialChoices, fitsSlot } from './credentialChoice'

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
