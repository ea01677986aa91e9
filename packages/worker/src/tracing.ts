// OpenTelemetry traces for the API and worker processes: on only when an OTLP endpoint is set
// (the standard `OTEL_EXPORTER_OTLP_*` variables); nothing is registered or exported otherwise.
import { createRequire } from 'node:module'
import { type Attributes, context, SpanKind, trace } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { Resource } from '@opentelemetry/resources'
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node'
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry'
import type { ActivityInterceptorsFactory } from '@temporalio/worker'

/**
 * The OTLP/HTTP URL traces go to, from the standard variables: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`
 * as it is, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`. `undefined` (tracing off) when
 * neither is set, when the value is not an http(s) URL, or when `OTEL_TRACES_EXPORTER` or
 * `OTEL_SDK_DISABLED` turns traces off.
 *
 * @example
 * tracesEndpointFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })
 * // 'http://collector:4318/v1/traces'
 */
export function tracesEndpointFromEnv(env: Record<string, string | undefined>): string | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined
  const specific = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()
  const general = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()
  const url = specific || (general ? `${general.replace(/\/+$/, '')}/v1/traces` : undefined)
  if (!url || !URL.canParse(url)) return undefined
  const protocol = new URL(url).protocol
  return protocol === 'http:' || protocol === 'https:' ? url : undefined
}

/** Tracing of one process, made by {@link startTracing}. */
export interface Tracing {
  /** Where spans go (OTLP/HTTP, JSON). */
  endpoint: string
  /** The `service.name` of this process's spans. */
  serviceName: string
  /** The processor every span of this process goes through (the workflow sink's as well). */
  spanProcessor: SpanProcessor
  /** The attributes of this process (`service.name`). */
  resource: Resource
  /** Sends what is still buffered and stops; call it before the process exits. */
  shutdown(): Promise<void>
}

/**
 * The span attributes that leave the process: ids, names and HTTP facts. Everything else is
 * dropped: Temporal's workflow spans carry the whole workflow info (memo, search attributes),
 * and an error event its message and stack, which may quote a client's data.
 */
const exportedAttributes = new Set([
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'temporalWorkflowId',
  'temporalActivityId',
  'temporalUpdateId',
  'run_id',
  'workflowId',
  'runId',
  'workflowType',
  'taskQueue',
  'namespace',
  'attempt',
  'historyLength',
  'exception.type',
])

function allowed(attributes: Attributes): Attributes {
  const kept: Attributes = {}
  for (const [key, value] of Object.entries(attributes)) {
    const primitive = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    if (primitive && (exportedAttributes.has(key) || key.startsWith('warmflow.'))) kept[key] = value
  }
  return kept
}

/**
 * A span as it leaves the process: only {@link exportedAttributes} (and `warmflow.*`), and an
 * error status without its message.
 */
function exportable(span: ReadableSpan): ReadableSpan {
  const events = span.events.map((event) =>
    event.attributes ? { ...event, attributes: allowed(event.attributes) } : event,
  )
  const status = span.status.message === undefined ? span.status : { code: span.status.code }
  // The span's own methods (spanContext()) stay reachable through the prototype.
  return Object.create(span, {
    attributes: { value: allowed(span.attributes) },
    events: { value: events },
    status: { value: status },
  }) as ReadableSpan
}

/** An exporter that sends spans through {@link exportable}. */
function redactingExporter(inner: SpanExporter): SpanExporter {
  return {
    export: (spans, done) => inner.export(spans.map(exportable), done),
    shutdown: () => inner.shutdown(),
    ...(inner.forceFlush ? { forceFlush: () => inner.forceFlush!() } : {}),
  }
}

/**
 * Registers OpenTelemetry for this process when an OTLP endpoint is configured
 * ({@link tracesEndpointFromEnv}), else returns `undefined` and changes nothing. Spans are
 * batched (`OTEL_BSP_*` tune the batch) and sent as OTLP/HTTP JSON; `OTEL_EXPORTER_OTLP_HEADERS`
 * and `OTEL_EXPORTER_OTLP_TIMEOUT` are read by the exporter. Spans leave with ids, names and
 * HTTP facts only: no memo, search attributes, error message or stack, which may quote a
 * client's data.
 *
 * @example
 * const tracing = startTracing(process.env, 'warmflow-worker')
 * // ...
 * await tracing?.shutdown()
 */
export function startTracing(
  env: Record<string, string | undefined>,
  serviceName: string,
): Tracing | undefined {
  const endpoint = tracesEndpointFromEnv(env)
  if (!endpoint) return undefined
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || serviceName })
  const exporter = new OTLPTraceExporter({ url: endpoint })
  const spanProcessor = new BatchSpanProcessor(redactingExporter(exporter))
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] })
  // W3C trace context and an AsyncLocalStorage context manager, for this whole process.
  provider.register()
  return {
    endpoint,
    serviceName,
    spanProcessor,
    resource,
    shutdown: () => provider.shutdown(),
  }
}

/**
 * The workflow interceptor module of `@temporalio/interceptors-opentelemetry`, for the workflow
 * bundle (`workflowInterceptorModules`) of a worker that traces. A bundle without it runs the
 * same workflows, without workflow spans.
 */
export const tracingWorkflowModules: readonly string[] = [
  createRequire(import.meta.url).resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
]

/** What the activity interceptor reads of a node activity's argument. */
interface NodeActivityArgs {
  runId: string
  flowId: string
  node?: { id: string; type: string }
  nodes?: { id: string; type: string }[]
}
interface ChainResult {
  completed?: { nodeId: string; startedAt: string; finishedAt: string }[]
}

function nodeActivityArgs(value: unknown): NodeActivityArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const args = value as Record<string, unknown>
  return typeof args.runId === 'string' && typeof args.flowId === 'string' ? (args as never) : undefined
}

/** The ids a node's span carries: never its input, output or configuration. */
function nodeAttributes(args: NodeActivityArgs, node?: { id: string; type: string }): Attributes {
  return {
    'warmflow.flow_id': args.flowId,
    'warmflow.run_id': args.runId,
    ...(node ? { 'warmflow.node_id': node.id, 'warmflow.node_type': node.type } : {}),
  }
}

/**
 * Activity interceptors for a worker that traces: Temporal's OpenTelemetry activity span
 * (`RunActivity:runNode`, a child of the workflow's span through the activity's headers), with
 * the run's flow id, run id, node id and node type as attributes, and under it one span per node
 * (`node <type>`). A chain of pure nodes (`runNodes`) gets a span per node it completed, timed as
 * the node ran. Log lines of activities get the trace and span ids.
 *
 * @example
 * createWarmflowWorker({ ..., activityInterceptors: [traceActivities()] })
 */
export function traceActivities(): ActivityInterceptorsFactory {
  const tracer = trace.getTracer('@warmflow/worker')
  return (ctx) => {
    const otel = new OpenTelemetryActivityInboundInterceptor(ctx)
    return {
      inbound: {
        execute(input, next) {
          return otel.execute(input, async (given) => {
            const args = nodeActivityArgs(given.args[0])
            const activitySpan = trace.getActiveSpan()
            if (!args || !activitySpan) return next(given)
            activitySpan.setAttributes(nodeAttributes(args, args.node))
            if (args.node) {
              const node = args.node
              return tracer.startActiveSpan(
                `node ${node.type}`,
                { kind: SpanKind.INTERNAL, attributes: nodeAttributes(args, node) },
                async (span) => {
                  try {
                    return await next(given)
                  } catch (error) {
                    span.setStatus({ code: 2 })
                    span.setAttribute('warmflow.error_code', codeOf(error))
                    throw error
                  } finally {
                    span.end()
                  }
                },
              )
            }
            const result = (await next(given)) as ChainResult
            const types = new Map((args.nodes ?? []).map((node) => [node.id, node.type]))
            const parent = context.active()
            for (const done of result?.completed ?? []) {
              const node = { id: done.nodeId, type: types.get(done.nodeId) ?? 'other' }
              const span = tracer.startSpan(
                `node ${node.type}`,
                {
                  kind: SpanKind.INTERNAL,
                  attributes: nodeAttributes(args, node),
                  startTime: new Date(done.startedAt),
                },
                parent,
              )
              span.end(new Date(done.finishedAt))
            }
            return result
          })
        },
      },
      outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
    }
  }
}

/** A failure's stable code (`code` or Temporal's `type`), never its message. */
function codeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown'
  const { code, type } = error as { code?: unknown; type?: unknown }
  if (typeof code === 'string' && /^[\w.:-]{1,80}$/.test(code)) return code
  if (typeof type === 'string' && /^[\w.:-]{1,80}$/.test(type)) return type
  return 'unknown'
}

/**
 * The sink the OpenTelemetry workflow interceptors send workflow spans to (`exporter`): this
 * process's span processor, so workflow and activity spans leave together.
 */
export function tracingSinks(tracing: Tracing): { exporter: ReturnType<typeof makeWorkflowExporter> } {
  return { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) }
}
