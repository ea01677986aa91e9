import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import type { MiddlewareHandler } from 'hono'
import { routePatternOf } from './observe.js'

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/**
 * A server span per HTTP request, when the process registered an OpenTelemetry tracer provider
 * (`warmflow api` with `OTEL_EXPORTER_OTLP_ENDPOINT`); without one the span records nothing and
 * the request goes on as before. The span is named after the method and the route pattern
 * (`POST /api/v1/flows/:id/runs`), never the path with its ids; its attributes are the method,
 * the route pattern and the status code: never a query, a body or a header. A caller's W3C
 * `traceparent` makes the span its child. Workflow starts made while the request runs carry the
 * span (the Temporal client's OpenTelemetry interceptor), so a run's trace begins here.
 *
 * @example
 * app.use('*', traceRequests())
 */
export function traceRequests(): MiddlewareHandler {
  const tracer = trace.getTracer('@warmflow/api')
  return async (c, next) => {
    const method = knownMethods.has(c.req.method) ? c.req.method : 'OTHER'
    const carrier: Record<string, string> = {}
    const parent = c.req.header('traceparent')
    if (parent) carrier.traceparent = parent
    const state = c.req.header('tracestate')
    if (parent && state) carrier.tracestate = state
    const parentContext = propagation.extract(context.active(), carrier)
    const span = tracer.startSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } },
      parentContext,
    )
    if (!span.isRecording()) {
      span.end()
      return next()
    }
    try {
      await context.with(trace.setSpan(parentContext, span), () => next())
    } finally {
      const route = routePatternOf(c)
      const status = c.res.status
      span.updateName(`${method} ${route}`)
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status })
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR })
      span.end()
    }
  }
}
