import { describe, expect, it } from 'vitest'
import { decodeCursor, pageOf } from './pagination.js'

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('cursors', () => {
  it('round-trips the cursor of the last row on a full page', () => {
    const rows = [
      { id: 'a', cursor_at: '2026-11-28 19:40:01.123456+00' },
      { id: 'b', cursor_at: '2026-11-28 19:40:00.5+01' },
      { id: 'c', cursor_at: '2026-11-28 19:39:00+00' },
    ]
    const page = pageOf(rows, 2)
    expect(page.rows.map((r) => r.id)).toEqual(['a', 'b'])
    expect(decodeCursor(page.nextCursor as string)).toEqual({ at: '2026-11-28 19:40:00.5+01', id: 'b' })
    expect(pageOf(rows, 3).nextCursor).toBeNull()
  })

  it('refuses cursors it did not make with a 400, before they reach SQL', () => {
    for (const bad of [
      'bogus',
      encode({ at: 'x' }),
      encode(['2026-02-30 10:00:00+00', 'a']),
      encode(['2026-13-01 10:00:00+00', 'a']),
      encode(['yesterday', 'a']),
      encode(['2026-11-28 19:40:01+00', 'x'.repeat(200)]),
    ]) {
      expect(() => decodeCursor(bad), bad).toThrow(
        expect.objectContaining({ status: 400, code: 'request.invalid_cursor' }),
      )
    }
    expect(decodeCursor(undefined)).toBeUndefined()
  })
})
