import { describe, expect, it } from 'vitest'
import { containsValidBsn, findPersonalData, isValidBsn, isValidIban } from './detect.js'

const kindsIn = (text: string) =>
  findPersonalData(text, { now: new Date('2026-11-28') }).map((s) => [s.kind, s.text])

describe('checks', () => {
  it('applies the BSN 11-check', () => {
    expect(isValidBsn('111222333')).toBe(true)
    expect(isValidBsn('123456782')).toBe(true)
    expect(isValidBsn('123456789')).toBe(false)
    expect(isValidBsn('000000000')).toBe(false)
  })
  it('applies the IBAN mod-97 check', () => {
    expect(isValidIban('NL91 ABNA 0417 1643 00')).toBe(true)
    expect(isValidIban('NL91ABNA0417164301')).toBe(false)
  })
})

describe('findPersonalData', () => {
  it('finds BSNs with dots and spaces, and only when the 11-check passes unless announced', () => {
    expect(kindsIn('nummer 1112.22.333 en 111 222 333 en 123456789')).toEqual([
      ['BSN', '1112.22.333'],
      ['BSN', '111 222 333'],
    ])
    expect(kindsIn('BSN: 123456789')).toEqual([['BSN', '123456789']])
  })
  it('finds Dutch phone numbers in many forms', () => {
    for (const phone of [
      '06-12345678',
      '06 1234 5678',
      '06 12 34 56 78',
      '+31 6 12345678',
      '+31 (0)6 1234 5678',
      '0031 6 12345678',
      '(+31) 6-12345678',
      '020-1234567',
      '(030) 123 4567',
      '0348-123456',
      '06.12.34.56.78',
    ]) {
      expect(kindsIn(`bel ${phone} graag`)).toEqual([['TELEFOON', phone]])
    }
  })
  it('gives the same key to the same phone number written differently', () => {
    const keys = findPersonalData('06-12345678 of +31 6 1234 5678').map((s) => s.key)
    expect(new Set(keys).size).toBe(1)
  })
  it('finds e-mail, IBAN, postcodes, addresses and dates of birth', () => {
    expect(
      kindsIn(
        'Mail a.b@example.nl, rekening NL91ABNA0417164300. Woont aan de Lange Nieuwstraat 12a, 3512 PN Utrecht. Geboren 3 maart 1957.',
      ),
    ).toEqual([
      ['EMAIL', 'a.b@example.nl'],
      ['IBAN', 'NL91ABNA0417164300'],
      ['ADRES', 'Lange Nieuwstraat 12a'],
      ['POSTCODE', '3512 PN'],
      ['GEBOORTEDATUM', '3 maart 1957'],
    ])
  })
  it('reads a recent date as an appointment unless the text says it is a date of birth', () => {
    expect(kindsIn('afspraak op 12-05-2026')).toEqual([])
    expect(kindsIn('geboren op 12-05-2020')).toEqual([['GEBOORTEDATUM', '12-05-2020']])
    expect(kindsIn('sinds 04/11/1948')).toEqual([['GEBOORTEDATUM', '04/11/1948']])
  })
  it('finds names after a title, a family word or initials', () => {
    expect(kindsIn('Gesprek met mevrouw De Vries en haar zoon Peter; t.n.v. J. van den Berg.')).toEqual([
      ['NAAM', 'De Vries'],
      ['NAAM', 'Peter'],
      ['NAAM', 'J. van den Berg'],
    ])
  })
  it('finds known values case-insensitively', () => {
    expect(findPersonalData('FATIMA belt', { known: [{ kind: 'NAAM', text: 'Fatima' }] })[0]?.text).toBe(
      'FATIMA',
    )
  })
  it('tells whether a text holds a valid BSN', () => {
    expect(containsValidBsn('BSN 1112.22.333')).toBe(true)
    expect(containsValidBsn('order 123456789, tel 0612345678')).toBe(false)
  })
})
