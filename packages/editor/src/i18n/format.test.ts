import { describe, expect, it } from 'vitest'
import { formatDateTime, formatDecimal, formatDuration, formatKm, formatNumber } from './index'

describe('numbers and dates follow the chosen language', () => {
  it('writes decimals with a point in English and a comma in Dutch', () => {
    expect(formatDecimal(98.5, 'en')).toBe('98.5')
    expect(formatDecimal(98.5, 'nl')).toBe('98,5')
    expect(formatDecimal(91, 'en')).toBe('91')
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5')
    expect(formatNumber(1234.5, 'nl', 1)).toBe('1.234,5')
    expect(formatDuration(1200, 'en')).toBe('1.2 s')
    expect(formatDuration(1200, 'nl')).toBe('1,2 s')
  })

  it('writes distances with their unit in each language', () => {
    expect(formatKm(1, 'en')).toBe('1.0 km')
    expect(formatKm(1, 'nl')).toBe('1,0 km')
    expect(formatKm(12.4, 'en')).toBe('12 km')
  })

  it('writes dates the way each language reads them', () => {
    const at = '2026-11-28T13:05:00Z'
    expect(formatDateTime(at, 'en')).toMatch(/^28 Nov 2026, \d\d:05$/)
    expect(formatDateTime(at, 'nl')).toMatch(/^28 nov 2026,? \d\d:05$/)
  })
})
