import { Hono } from 'hono'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { handleError } from './problems.js'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('an error no handler expected', () => {
  it('is answered 500 and logged by class, route and frames, never by its message', async () => {
    const lines: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk))
      return true
    })
    const app = new Hono()
    app.onError(handleError)
    app.get('/api/v1/runs/:id', () => {
      throw new TypeError('not a number: "Fatima el Amrani"')
    })
    const response = await app.request('/api/v1/runs/42')
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('Fatima')
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain('Fatima')
    const logged = JSON.parse(lines[0] ?? '{}')
    expect(logged).toMatchObject({
      level: 'error',
      msg: 'unhandled',
      error: 'TypeError',
      route: '/api/v1/runs/:id',
    })
    expect(logged.at.length).toBeGreaterThan(0)
    expect(logged.at[0]).toMatch(/^at /)
  })
})
