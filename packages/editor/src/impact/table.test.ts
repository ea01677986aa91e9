import { describe, expect, it } from 'vitest'
import { toCsv } from './table'

describe('toCsv', () => {
  it('writes a header and rows, with empty cells for hidden figures', () => {
    expect(
      toCsv({
        columns: ['Week', 'Cases'],
        rows: [
          ['2026-03-02', 7],
          ['2026-03-09', null],
        ],
      }),
    ).toBe('Week,Cases\r\n2026-03-02,7\r\n2026-03-09,\r\n')
  })

  it('quotes separators and quotes, and defuses spreadsheet formulas', () => {
    expect(toCsv({ columns: ['Flow'], rows: [['Intake, "snel"'], ['=HYPERLINK("x")'], [-3]] })).toBe(
      'Flow\r\n"Intake, ""snel"""\r\n"\'=HYPERLINK(""x"")"\r\n-3\r\n',
    )
  })
})
