import { describe, expect, it } from 'vitest'
import { startupBanner } from './banner.js'

describe('startupBanner', () => {
  it('frames the URL and ends with the first administrator’s e-mail and password', () => {
    const lines = startupBanner({
      url: 'http://127.0.0.1:3000',
      logFile: '.data/logs/warmflow.log',
      outboxUrl: 'http://127.0.0.1:3000/outbox',
      firstAdmin: { email: 'admin@warmflow.local', password: 'geheim-123' },
    })
    expect(lines[0]).toMatch(/^╭─+╮$/)
    expect(lines.at(-1)).toMatch(/^╰─+╯$/)
    // Every line of the frame is as wide as the first.
    expect(new Set(lines.map((l) => l.length)).size).toBe(1)
    const inner = lines.slice(1, -1).map((l) => l.slice(2, -2).trimEnd())
    expect(inner[0]).toBe('Warmflow is running / Warmflow draait: http://127.0.0.1:3000')
    expect(inner).toContain('Testpostvak / test outbox: http://127.0.0.1:3000/outbox')
    expect(inner.slice(-2)).toEqual(['  e-mail:   admin@warmflow.local', '  password: geheim-123'])
  })

  it('shows no administrator block on a later start', () => {
    const text = startupBanner({ url: 'http://127.0.0.1:3000' }).join('\n')
    expect(text).toContain('Warmflow is running')
    expect(text).not.toMatch(/password|outbox/)
  })
})
