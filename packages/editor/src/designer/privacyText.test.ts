import { describe, expect, it } from 'vitest'
import { testI18n } from '../i18n/testing'
import { personalDataSentence } from './privacyText'

const i18n = testI18n()

describe("a node's personal data, in words", () => {
  it('says "everything it is given" instead of a star', () => {
    const sentence = personalDataSentence(['*'], i18n.getFixedT('nl'))
    expect(sentence).toBe('Dit blok kan alle gegevens lezen die het krijgt, ook persoonsgegevens.')
    expect(personalDataSentence(['*'], i18n.getFixedT('en'))).toBe(
      'This node can read all the data it is given, personal data included.',
    )
  })

  it('names fields, and says nothing for a node that reads none', () => {
    expect(personalDataSentence(['onbekend_veld'], i18n.getFixedT('nl'))).toBe(
      'Dit blok leest persoonsgegevens: onbekend_veld.',
    )
    expect(personalDataSentence([], i18n.getFixedT('nl'))).toBeUndefined()
  })
})
