import { Hono } from 'hono'
import { Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { createHttpMetrics, observeRequests, requestIdFrom } from './observe.js'

describe('request observation', () => {
  it("keeps a caller's short safe request id and replaces anything else", () => {
    expect(requestIdFrom('proxy-req-0001')).toBe('proxy-req-0001')
    for (const unsafe of ['short', '<script>alert(1)</script>', 'a'.repeat(65), 'naam Fatima', undefined]) {
      expect(requestIdFrom(unsafe)).toMatch(/^[0-9a-f-]{36}$/)
    }
  })

  it('logs and counts the route pattern, never the path with its ids', async () => {
    const lines: Record<string, unknown>[] = []
    const log = {
      info: (f: Record<string, unknown>) => lines.push(f),
      warn: () => {},
      error: (f: Record<string, unknown>) => lines.push(f),
    }
    const registry = new Registry()
    const app = new Hono()
    app.onError((_error, c) => c.text('failed', 500))
    app.use('*', observeRequests({ log, metrics: createHttpMetrics(registry) }))
    app.get('/api/v1/runs/:id', (c) => c.json({ id: c.req.param('id') }))
    app.get('/api/v1/boom', () => {
      throw new Error('boom')
    })
    // Last, like the editor's catch-all: a 404 from it is a path no route knows.
    app.get('/api/*', (c) => c.json({ code: 'route.not_found' }, 404))
    const id = '3b97731c-1312-4dc2-8392-d92982370000'
    const ok = await app.request(`/api/v1/runs/${id}`, { headers: { 'x-request-id': 'proxy-req-0001' } })
    expect(ok.headers.get('x-request-id')).toBe('proxy-req-0001')
    expect((await app.request('/api/v1/boom')).status).toBe(500)
    expect((await app.request(`/nowhere/${id}`)).status).toBe(404)
    expect((await app.request(`/api/v1/nope/${id}`)).status).toBe(404)
    expect(lines[0]).toMatchObject({
      reqId: 'proxy-req-0001',
      route: '/api/v1/runs/:id',
      runId: id,
      status: 200,
    })
    expect(lines[1]).toMatchObject({ route: '/api/v1/boom', status: 500 })
    expect(lines[2]).toMatchObject({ route: 'unmatched', status: 404 })
    expect(lines[3]).toMatchObject({ route: 'unmatched', status: 404 })
    const text = await registry.metrics()
    expect(text).toContain(
      'warmflow_http_requests_total{method="GET",route="/api/v1/runs/:id",status="200"} 1',
    )
    expect(text).toContain(
      'warmflow_http_request_errors_total{method="GET",route="/api/v1/boom",status="500"} 1',
    )
    expect(text).not.toContain(id)
  })
})
