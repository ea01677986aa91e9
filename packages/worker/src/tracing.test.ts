import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { trace } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { startTracing, tracesEndpointFromEnv } from './tracing.js'

describe('tracesEndpointFromEnv', () => {
  it('is off without an endpoint, and reads the standard variables', () => {
    expect(tracesEndpointFromEnv({})).toBeUndefined()
    expect(tracesEndpointFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe(
      'http://collector:4318/v1/traces',
    )
    expect(
      tracesEndpointFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
      }),
    ).toBe('https://traces.example/otlp')
    expect(
      tracesEndpointFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }),
    ).toBeUndefined()
    expect(
      tracesEndpointFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined()
    expect(tracesEndpointFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toBeUndefined()
    expect(tracesEndpointFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'file:///tmp/x' })).toBeUndefined()
  })

  it('registers nothing when no endpoint is set', () => {
    expect(startTracing({}, 'warmflow-worker')).toBeUndefined()
  })
})

describe('startTracing', () => {
  it('exports spans as OTLP JSON without error messages, stacks or unknown attributes', async () => {
    const bodies: string[] = []
    const server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      request.on('end', () => {
        bodies.push(body)
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` }, 'warmflow-test')
    expect(tracing?.endpoint).toBe(`http://127.0.0.1:${port}/v1/traces`)

    const marker = `MARKER${randomUUID()}`
    const span = trace.getTracer('test').startSpan('node transform', {
      attributes: { 'warmflow.node_id': 'groet', input: marker, memo: marker },
    })
    const failure = new TypeError(`bad value ${marker}`)
    span.recordException(failure)
    span.setStatus({ code: 2, message: failure.message })
    span.end()
    await tracing?.shutdown()
    await new Promise((resolve) => server.close(resolve))

    const body = bodies.join('\n')
    expect(body).toContain('"warmflow.node_id"')
    expect(body).toContain('TypeError')
    expect(body).not.toContain(marker)
  })
})
