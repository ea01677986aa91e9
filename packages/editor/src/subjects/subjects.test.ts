import { describe, expect, it } from 'vitest'
import { testI18n } from '../i18n/testing'
import {
  confirmWord,
  erasedCountKeys,
  erasureReasons,
  exportFileName,
  exportPolicy,
  heldCountKeys,
  holdsAnything,
  isConfirmed,
  referenceProblem,
  subjectQuery,
  withScriptsOff,
} from './subjects'

const i18n = testI18n()

describe('the search for one person', () => {
  it('sends trimmed values and leaves empty ones out', () => {
    expect(subjectQuery(' an@example.nl ', '')).toEqual({ ok: true, query: { email: 'an@example.nl' } })
    expect(subjectQuery('', ' 06 1234 5678 ')).toEqual({ ok: true, query: { phone: '06 1234 5678' } })
    expect(subjectQuery('an@example.nl', '+31 (6) 12-34-56-78')).toEqual({
      ok: true,
      query: { email: 'an@example.nl', phone: '+31 (6) 12-34-56-78' },
    })
  })

  it('asks for at least one of the two', () => {
    expect(subjectQuery('  ', '')).toEqual({ ok: false, field: 'both', problem: 'subjects.needOne' })
  })

  it('says which field is wrong: an address without @ or too long, a number with letters or too few digits', () => {
    expect(subjectQuery('an.example.nl', '')).toMatchObject({
      ok: false,
      field: 'email',
      problem: 'subjects.emailInvalid',
    })
    expect(subjectQuery('an @example.nl', '')).toMatchObject({ ok: false, field: 'email' })
    expect(subjectQuery(`${'a'.repeat(250)}@example.nl`, '')).toMatchObject({ ok: false, field: 'email' })
    expect(subjectQuery('', '06-CALL-ME')).toMatchObject({
      ok: false,
      field: 'phone',
      problem: 'subjects.phoneInvalid',
    })
    expect(subjectQuery('', '1234567')).toMatchObject({ ok: false, field: 'phone' })
    expect(subjectQuery('', '1'.repeat(16))).toMatchObject({ ok: false, field: 'phone' })
    expect(subjectQuery('an@example.nl', '0'.repeat(40))).toMatchObject({ ok: false, field: 'phone' })
  })
})

describe('the erasure', () => {
  it('offers the five grounds of AVG article 17(1) and "other", each in Dutch and English', () => {
    expect(erasureReasons).toEqual([
      'no_longer_needed',
      'consent_withdrawn',
      'objection',
      'unlawful',
      'legal_obligation',
      'other',
    ])
    for (const reason of erasureReasons) {
      const nl = i18n.getFixedT('nl')(`subjects.reason.${reason}`)
      const en = i18n.getFixedT('en')(`subjects.reason.${reason}`)
      expect(nl).not.toBe(`subjects.reason.${reason}`)
      expect(en).not.toBe(`subjects.reason.${reason}`)
      expect(nl).not.toBe(en)
    }
  })

  it('takes an empty case number or one of letters, digits and . / _ -, at most 40', () => {
    expect(referenceProblem('')).toBeUndefined()
    expect(referenceProblem('AVG-2026/014')).toBeUndefined()
    expect(referenceProblem('zaak 12.3_b')).toBeUndefined()
    expect(referenceProblem('x'.repeat(40))).toBeUndefined()
    expect(referenceProblem('x'.repeat(41))).toBe('subjects.erase.referenceTooLong')
    expect(referenceProblem('an@example.nl')).toBe('subjects.erase.referenceChars')
    expect(referenceProblem('Zaak <b>')).toBe('subjects.erase.referenceChars')
  })

  it('is confirmed by typing VERGETEN in Dutch and ERASE in English, and by nothing else', () => {
    expect(confirmWord('nl')).toBe('VERGETEN')
    expect(confirmWord('en')).toBe('ERASE')
    expect(isConfirmed(' vergeten ', 'nl')).toBe(true)
    expect(isConfirmed('VERGETEN', 'nl')).toBe(true)
    expect(isConfirmed('ERASE', 'en')).toBe(true)
    expect(isConfirmed('ERASE', 'nl')).toBe(false)
    expect(isConfirmed('VERGET', 'nl')).toBe(false)
    expect(isConfirmed('', 'en')).toBe(false)
    expect(isConfirmed('ja', 'nl')).toBe(false)
  })

  it('names each count it shows in both languages, and the confirmation with the word', () => {
    for (const [prefix, keys] of [
      ['count', heldCountKeys],
      ['erasedCount', erasedCountKeys],
    ] as const) {
      for (const key of keys) {
        for (const lang of ['nl', 'en']) {
          const text = i18n.getFixedT(lang)(`subjects.${prefix}.${key}`)
          expect(text).not.toBe(`subjects.${prefix}.${key}`)
        }
      }
    }
    expect(i18n.getFixedT('nl')('subjects.erase.confirm', { word: confirmWord('nl') })).toBe(
      'Typ VERGETEN om te bevestigen',
    )
    expect(i18n.getFixedT('en')('subjects.erase.confirm', { word: confirmWord('en') })).toBe(
      'Type ERASE to confirm',
    )
  })
})

describe('what a search found', () => {
  it('is something when there is a run or any count above zero', () => {
    const zero = {
      runs: 0,
      openRuns: 0,
      tasks: 0,
      intakes: 0,
      clients: 0,
      progressReports: 0,
      emails: 0,
      notifications: 0,
      outputs: 0,
    }
    expect(holdsAnything({ runs: [], counts: zero })).toBe(false)
    expect(holdsAnything({ runs: [], counts: { ...zero, intakes: 1 } })).toBe(true)
    expect(holdsAnything({ runs: [{ id: 'r' }], counts: zero })).toBe(true)
  })
})

describe('the access export', () => {
  it('is named inzage-YYYY-MM-DD with the reader’s date', () => {
    expect(exportFileName('json', new Date(2026, 0, 5, 23, 30))).toBe('inzage-2026-01-05.json')
    expect(exportFileName('html', new Date(2026, 11, 31, 0, 5))).toBe('inzage-2026-12-31.html')
  })

  it('opens as HTML that may run no script and load nothing', () => {
    const page =
      '<!doctype html><html lang="nl"><head><title>Inzage</title></head><body><p>&lt;script&gt;</p></body></html>'
    const safe = withScriptsOff(page)
    expect(safe).toBe(
      `<!doctype html><html lang="nl"><head><meta http-equiv="Content-Security-Policy" content="${exportPolicy}"><title>Inzage</title></head><body><p>&lt;script&gt;</p></body></html>`,
    )
    expect(exportPolicy).toContain("default-src 'none'")
    expect(exportPolicy).not.toContain('script-src')
    // A page without a head of its own gets one, before its content.
    const bare = withScriptsOff('<!DOCTYPE html><body><header>x</header></body>')
    expect(bare.indexOf('Content-Security-Policy')).toBeLessThan(bare.indexOf('<header>'))
    expect(bare.startsWith('<!doctype html><head><meta http-equiv="Content-Security-Policy"')).toBe(true)
    expect(bare.match(/doctype/gi)).toHaveLength(1)
  })
})
