import { describe, expect, it } from 'vitest'
import { findPersonalData, normaliseValue } from './detect.js'
import {
  findBareCountryCodePhones,
  findBracketedAreaPhones,
  findCountryNamedPhones,
  findCuedNationalPhones,
  findCuedNineDigitPhones,
  findHomeFormatPhones,
  findInternationalPhones,
  findNorthAmericanPhones,
  findRepeatedNationalPhones,
  findSevenDigitLocalPhones,
} from './phones-international.js'

describe('findInternationalPhones', () => {
  it('finds numbers with a foreign country prefix, written in the usual ways', () => {
    const cases: [string, string, string][] = [
      ['Moeder bellen op +48 601 223 947 vanavond', '+48 601 223 947', '+48601223947'],
      ['Haar zus in Londen belde mee (+44 20 7946 0318).', '+44 20 7946 0318', '+442079460318'],
      ['broer in Antwerpen: 0032 470 12 34 56.', '0032 470 12 34 56', '+32470123456'],
      ['tel. +212 (0)6 61 23 45 67 (Nador)', '+212 (0)6 61 23 45 67', '+212661234567'],
      ['oom: +90-532-123-4567', '+90-532-123-4567', '+905321234567'],
      ['whatsapp +251911234567 of mail', '+251911234567', '+251911234567'],
      ['UK: +44 7700 900123', '+44 7700 900123', '+447700900123'],
    ]
    for (const [text, number, key] of cases) {
      const found = findInternationalPhones(text)
      expect(
        found.map((f) => f.text),
        text,
      ).toEqual([number])
      expect(found[0]!.key).toBe(key)
      expect(text.slice(found[0]!.start, found[0]!.end)).toBe(number)
    }
  })

  it('leaves Dutch numbers to the Dutch detector, and text without a country prefix alone', () => {
    expect(findInternationalPhones('Bel +31 6 12345678 of 06-12345678')).toEqual([])
    expect(findInternationalPhones('dossier 123456789, bedrag 1.250,00, 2 + 2 = 4, score +3')).toEqual([])
    expect(findInternationalPhones('in 2024 +12 % meer aanvragen')).toEqual([])
  })

  it('stops where the number stops when other figures follow', () => {
    const found = findInternationalPhones('+48 601 223 947 2x gebeld')
    expect(found.map((f) => f.text)).toEqual(['+48 601 223 947'])
  })

  it('reads a long run of digits and separators as at most one number at its start', () => {
    // Each match holds at most 7 groups after the prefix, so the work stays linear in the text.
    const found = findInternationalPhones(`+4${' 1'.repeat(20_000)} 0044${'-2'.repeat(20_000)}`)
    expect(found.every((f) => f.text.replace(/\D/g, '').length <= 15)).toBe(true)
    expect(found.length).toBeLessThanOrEqual(2)
  })

  it('makes them personal data for the pseudonymiser: one key for one number however it is written', () => {
    const text = 'Zus in Gdańsk: +48 601 223 947, ook via whatsapp 0048601223947. Zelf: 06-12345678.'
    const phones = findPersonalData(text, { kinds: ['TELEFOON'] })
    expect(phones.map((p) => p.text)).toEqual(['+48 601 223 947', '0048601223947', '06-12345678'])
    expect(phones.map((p) => p.key)).toEqual(['+48601223947', '+48601223947', '0612345678'])
    // A known value from a form field gets the same key as the number found in the text.
    expect(normaliseValue('TELEFOON', '+48 (0)601-223-947')).toBe('+48601223947')
    expect(normaliseValue('TELEFOON', '+31 6 12345678')).toBe('0612345678')
  })

  it('finds numbers of other countries written as at home, without a country prefix', () => {
    const cases: [string, string][] = [
      ['broer belt vanuit Sivas (0532 418 2290).', '0532 418 2290'],
      ['husband works in Lagos (0803 555 1827)', '0803 555 1827'],
      ['tante in Londen: 07700-900-123, bellen na 18u', '07700-900-123'],
      ['neef in Duisburg: 0151 2345 6789', '0151 2345 6789'],
    ]
    for (const [text, number] of cases) {
      expect(
        findHomeFormatPhones(text).map((f) => f.text),
        text,
      ).toEqual([number])
      expect(
        findPersonalData(text, { kinds: ['TELEFOON'] }).map((f) => f.text),
        text,
      ).toEqual([number])
    }
  })

  it('leaves Dutch numbers, case numbers, amounts, dates and postcodes to their own detectors', () => {
    for (const text of [
      'Bel 06 1234 5678 of 020-123 4567',
      'dossier 123456789 en 0123 456 78',
      'schuld 1.250,00 en 12.500,50 euro',
      'afspraak 05-12-2026 om 10.30',
      'bedragen 0,50 0,75 en 01.02.2026',
      'IBAN NL91 ABNA 0417 1643 00',
      'postcode 1234 AB, klantnummer 00012345678',
    ]) {
      expect(findHomeFormatPhones(text), text).toEqual([])
    }
  })
})

describe('findBracketedAreaPhones', () => {
  it('finds numbers written with the area code in brackets and no country prefix', () => {
    const cases: [string, string][] = [
      ['tante in São Paulo, whatsapp (11) 98734-5521 na 22u', '(11) 98734-5521'],
      ['neef in New York: (212) 555-0147.', '(212) 555-0147'],
      ['kantoor (020) 612 3456 of mobiel', '(020) 612 3456'],
      ['Bogotá (601) 345 6789', '(601) 345 6789'],
    ]
    for (const [text, number] of cases) {
      const found = findBracketedAreaPhones(text)
      expect(
        found.map((f) => f.text),
        text,
      ).toEqual([number])
      expect(text.slice(found[0]!.start, found[0]!.end)).toBe(number)
    }
    // And through the detector, as a phone number.
    const spans = findPersonalData('Zus Ana belt uit Brazilië: (11) 98734-5521.')
    expect(spans.filter((s) => s.kind === 'TELEFOON').map((s) => s.text)).toEqual(['(11) 98734-5521'])
  })

  it('leaves years, counts, amounts and short numbers in brackets alone', () => {
    for (const text of [
      'geboren (1998) 12-05',
      'kinderen (3) 12 en 14 jaar',
      'schuld (2024) 1.250,00',
      'dossier (12) 3456',
      'zie bijlage (2) 123456789',
    ]) {
      expect(findBracketedAreaPhones(text), text).toEqual([])
    }
  })
})

describe('findCuedNineDigitPhones', () => {
  it('finds nine digits in three groups after a phone word on the same line', () => {
    for (const [text, number] of [
      ['Ze heeft nog een Pools nummer: 512 334 871 en een NL nummer.', '512 334 871'],
      ['tel. zus (Polen) 601-223-947', '601-223-947'],
      ['Mobile Portugal 912 345 678, after six.', '912 345 678'],
      ['bel haar broer in Madrid op 612.345.678', '612.345.678'],
      ['Nummers: zus 601 228 417 (Pools).', '601 228 417'],
    ] as const) {
      expect(
        findCuedNineDigitPhones(text).map((p) => p.text),
        text,
      ).toEqual([number])
    }
    // And through the detector, as a phone number that never reaches the text.
    const spans = findPersonalData('Pools nummer: 512 334 871.')
    expect(spans.filter((s) => s.kind === 'TELEFOON').map((s) => s.key)).toEqual(['512334871'])
    const both = findPersonalData('Nummers: +48 512 334 901 en Grażyna: 601 228 417 (Pools).')
    expect(both.filter((s) => s.kind === 'TELEFOON').map((s) => s.key)).toEqual(['+48512334901', '601228417'])
  })

  it('leaves case numbers, amounts and numbers without a phone word alone', () => {
    for (const text of [
      'dossiernummer 204 511 873',
      'Zaak nr: 204 511 873, gebeld met de rechtbank',
      'klantnummer 512 334 871',
      'klantnummers 512 334 871',
      'bedrag 512 334 871',
      'Telefoon besproken.\nKenmerk 512 334 871',
      'nummer 5123 34 871',
      'bel 012 334 871',
    ]) {
      expect(findCuedNineDigitPhones(text), text).toEqual([])
    }
  })
})

describe('findHomeFormatPhones with the leading 0 on its own', () => {
  it('finds a Turkish mobile written "0 5xx …"', () => {
    expect(findHomeFormatPhones('Zus belt vanuit Turkije: 0 541 772 30 19.').map((p) => p.key)).toEqual([
      '05417723019',
    ])
  })
})

describe('findBareCountryCodePhones', () => {
  it('finds a foreign number written with its country code but no + or 00', () => {
    expect(findBareCountryCodePhones('zus in Poznań stuurt geld (48 601 223 904, zonder plus)')).toEqual([
      { start: 27, end: 41, text: '48 601 223 904', key: '+48601223904' },
    ])
    expect(findBareCountryCodePhones('broer in Leeds: 44 7911 123456').map((p) => p.key)).toEqual([
      '+447911123456',
    ])
  })
  it('finds a North American or Caribbean number with its one-digit code only after a phone word', () => {
    expect(
      findBareCountryCodePhones('Phone aunt in Sint Maarten: 1 721 586 2291.').map((p) => p.key),
    ).toEqual(['+17215862291'])
    expect(findBareCountryCodePhones('Inkomen 1 721 586 2291 volgens de opgave.')).toEqual([])
    // In a note that gives another +1 number, a code 1 needs no phone word.
    expect(
      findBareCountryCodePhones('Broer hier 1-721-553-0926', { northAmerican: true }).map((p) => p.key),
    ).toEqual(['+17215530926'])
    expect(findBareCountryCodePhones('You can call me at 1 721 586 2291.').map((p) => p.key)).toEqual([
      '+17215862291',
    ])
  })
  it('leaves Dutch numbers, amounts, case numbers and numbers no country has alone', () => {
    for (const text of [
      '31 6 1234 5678',
      'bedrag 48 601 223',
      'dossier 12 345 678 901',
      'ref 20 2026 0415 77',
      'zaak 99 123 456 789',
    ]) {
      expect(findBareCountryCodePhones(text), text).toEqual([])
    }
  })
})

describe('numbers a note writes again, or as written where it is written', () => {
  it('finds a number written again without its country code, with the same key', () => {
    const text = 'mobile +44 7911 123456, at home dialled as 07911 123456'
    const found = findInternationalPhones(text)
    expect(findRepeatedNationalPhones(text, found).map((p) => [p.text, p.key])).toEqual([
      ['07911 123456', '+447911123456'],
    ])
    const sranan = 'nomru +597 765 4321 ofu 765-4321, dossier 765-4329'
    expect(findRepeatedNationalPhones(sranan, findInternationalPhones(sranan)).map((p) => p.text)).toEqual([
      '765-4321',
    ])
    // No number with a country code in the note: nothing.
    expect(findRepeatedNationalPhones('ofu 765-4321', [])).toEqual([])
    // Written again in one run of digits.
    const run = 'bereikbaar op +597 765 4321 en 7654321'
    expect(findRepeatedNationalPhones(run, findInternationalPhones(run)).map((p) => p.text)).toEqual([
      '7654321',
    ])
  })
  it('finds a number written again with its country code but without the plus, in any grouping', () => {
    const text = 'App me: +297 560 1234, of bel 297-5601234 (werk 297 5 60 12 35).'
    expect(
      findRepeatedNationalPhones(text, findInternationalPhones(text)).map((p) => [p.text, p.key]),
    ).toEqual([['297-5601234', '+2975601234']])
  })
  it('finds a number written again with a trunk prefix of one digit before it', () => {
    const text = 'Bel +7 912 345 67 89 of thuis 8 912 345 67 89.'
    expect(
      findRepeatedNationalPhones(text, findInternationalPhones(text)).map((p) => [p.text, p.key]),
    ).toEqual([['8 912 345 67 89', '+79123456789']])
  })
  it('finds a number with the calling code of the country named right before it', () => {
    expect(findCountryNamedPhones('Nomer Suriname 597 8 712 406, ok?').map((p) => [p.text, p.key])).toEqual([
      ['597 8 712 406', '+5978712406'],
    ])
    expect(findCountryNamedPhones('broer in Curaçao: 599 9 461 2345').map((p) => p.key)).toEqual([
      '+59994612345',
    ])
    // The code must be that country's, and the number valid there; no country, no number.
    expect(findCountryNamedPhones('Nomer Suriname 599 9 461 2345')).toEqual([])
    expect(findCountryNamedPhones('Nomer Suriname 597 0 000 000')).toEqual([])
    expect(findCountryNamedPhones('kamer 597 8 712 406')).toEqual([])
  })
  it('finds seven digits as local numbers in a note that gives a number of such a place', () => {
    const text = 'Son in Aruba +297 593 1122. Neighbour Mrs. Hassell: 416-2287.'
    expect(findSevenDigitLocalPhones(text, findInternationalPhones(text)).map((p) => p.text)).toEqual([
      '416-2287',
    ])
    const polish = 'Zaak 416-2287, tel. +48 601 223 947'
    expect(findSevenDigitLocalPhones(polish, findInternationalPhones(polish))).toEqual([])
  })
  it('finds a North American number without its country code after a phone word, or beside a +1 number', () => {
    expect(findNorthAmericanPhones('broer in Toronto (tel. 416 555 0147)', []).map((p) => p.text)).toEqual([
      '416 555 0147',
    ])
    expect(findNorthAmericanPhones('factuur 416 555 0147', [])).toEqual([])
    expect(findNorthAmericanPhones('tel. 061 555 0147', [])).toEqual([])
    const text = 'Uncle in Boston +1 617 555 0110; the shop 617-555-0133.'
    expect(findNorthAmericanPhones(text, findInternationalPhones(text)).map((p) => p.text)).toEqual([
      '617-555-0133',
    ])
    const dutch = 'Nummer zus +31 6 1234 5678; factuur 617-555-0133.'
    expect(findNorthAmericanPhones(dutch, findInternationalPhones(dutch))).toEqual([])
  })
})

describe('findCuedNationalPhones', () => {
  it('finds a number of another country without its code or its leading 0, after a phone word', () => {
    expect(findCuedNationalPhones('Dochter woont in Izmir, haar nummer 544 203 71 86.')).toEqual([
      { start: 36, end: 49, text: '544 203 71 86', key: '5442037186' },
    ])
    expect(findCuedNationalPhones('Broer in Leeds, mobile 7700 900 123').map((p) => p.key)).toEqual([
      '7700900123',
    ])
  })
  it('also finds such a number right before a phone word', () => {
    expect(findCuedNationalPhones('Broer in Sivas: 542 318 90 17 (Turks mobiel).').map((p) => p.key)).toEqual(
      ['5423189017'],
    )
    expect(findCuedNationalPhones('Broer in Sivas: 542 318 90 17 (dossier, mobiel).')).toEqual([])
  })
  it('leaves numbers without a phone word, case numbers, Dutch numbers and other lengths', () => {
    for (const text of [
      'Dochter in Izmir: 544 203 71 86',
      'dossiernummer 544 203 71 86',
      'tel 06 1234 5678',
      'nummer 544 203 718',
      'nummer 544 203 71 86 12',
      'nummer 5442037186',
    ]) {
      expect(findCuedNationalPhones(text), text).toEqual([])
    }
  })
})
