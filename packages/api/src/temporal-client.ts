import {
  Client,
  Connection,
  type ConnectionOptions,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
} from '@temporalio/client'
import type { PayloadCodec } from '@temporalio/common'
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry'
import { warmflowDataConverter } from '@warmflow/engine'

/** One gRPC interceptor, as Temporal's connection takes them. */
type Interceptor = NonNullable<ConnectionOptions['interceptors']>[number]

/** How long the API waits for Temporal, in total, before it answers 503. */
export interface TemporalCallLimits {
  /**
   * Deadline of one short call (start, describe, signal, cancel, …), retries included. Calls
   * that wait on purpose (a run's result, a task's update) are bounded by their caller instead.
   * Default 2000 ms.
   */
  callTimeoutMs?: number
  /** Attempts for a call that finds Temporal unreachable (UNAVAILABLE); default 4 (about 0.6 s). */
  unavailableAttempts?: number
  /**
   * Deadline of a call that Temporal answers by asking a workflow of its own (describing a
   * schedule, which updating one does first). Default 10000 ms.
   */
  scheduleCallTimeoutMs?: number
}

/**
 * The calls that wait for something on purpose (long polls): a run's result or history events,
 * an update's outcome, a query answered by a worker. They get no default deadline.
 */
const waitingMethods = new Set([
  'GetWorkflowExecutionHistory',
  'UpdateWorkflowExecution',
  'PollWorkflowExecutionUpdate',
  'ExecuteMultiOperation',
  'QueryWorkflow',
])

/**
 * Calls that Temporal answers by querying the schedule's own workflow on its internal worker: on
 * a busy server that takes longer than a plain read, so they get a longer (still finite) deadline.
 */
const scheduleQueryMethods = new Set(['DescribeSchedule'])

function methodName(path: string | undefined): string {
  return path?.slice(path.lastIndexOf('/') + 1) ?? ''
}

/**
 * gRPC interceptors for the API's Temporal connection. Outermost, a default deadline for short
 * calls; then Temporal's retry interceptor, but with few attempts when Temporal is unreachable,
 * so an outage answers in about a second (and the route answers 503) instead of after ~20 s of
 * retries.
 *
 * @example
 * const connection = await Connection.connect({ address, interceptors: apiTemporalInterceptors() })
 */
export function apiTemporalInterceptors(limits: TemporalCallLimits = {}): Interceptor[] {
  const callTimeoutMs = limits.callTimeoutMs ?? 2_000
  const scheduleCallTimeoutMs = limits.scheduleCallTimeoutMs ?? 10_000
  const unavailableAttempts = limits.unavailableAttempts ?? 4
  const defaults = defaultGrpcRetryOptions()
  const deadline: Interceptor = (options, nextCall) => {
    const method = methodName(options.method_definition?.path)
    const timeoutMs = scheduleQueryMethods.has(method) ? scheduleCallTimeoutMs : callTimeoutMs
    const bounded =
      options.deadline !== undefined || waitingMethods.has(method)
        ? options
        : { ...options, deadline: Date.now() + timeoutMs }
    // gRPC chains interceptors by the calls they return; the next one's call is the whole answer.
    return nextCall(bounded) as ReturnType<Interceptor>
  }
  const retry = makeGrpcRetryInterceptor({
    delayFunction: defaults.delayFunction,
    retryableDecider(attempt, status) {
      // grpc status 14: the server is not reachable (refused, dropped, reconnecting).
      if (status.code === 14) return attempt < unavailableAttempts
      return defaults.retryableDecider(attempt, status)
    },
  })
  return [deadline, retry]
}

/**
 * Connection options for the API's Temporal client: {@link apiTemporalInterceptors}, a short
 * connect timeout, and a reconnect backoff of at most 2 s, so the API notices a restarted
 * Temporal within seconds (gRPC's default backoff grows to 2 minutes).
 *
 * @example
 * const connection = await Connection.connect(apiTemporalConnectionOptions('127.0.0.1:7233'))
 */
export function apiTemporalConnectionOptions(
  address: string,
  limits: TemporalCallLimits = {},
): ConnectionOptions {
  return {
    address,
    connectTimeout: 5_000,
    interceptors: apiTemporalInterceptors(limits),
    channelArgs: {
      'grpc.initial_reconnect_backoff_ms': 250,
      'grpc.max_reconnect_backoff_ms': 2_000,
    },
  }
}

/** Options for {@link connectApiTemporal}. */
export interface ApiTemporalOptions extends TemporalCallLimits {
  address: string
  namespace?: string
  payloadCodecs?: PayloadCodec[]
  /**
   * Carry the current OpenTelemetry span into workflow starts, signals and updates (Temporal's
   * OpenTelemetry client interceptor), so a run's trace continues in the worker. Off by default:
   * then no trace header is added.
   */
  tracing?: boolean
}

/**
 * Connects the API's Temporal client with the limits of {@link apiTemporalConnectionOptions}:
 * while Temporal is down, a call that needs it fails within about 2 s and the API answers `503`
 * (`service.temporal_unavailable`) with `Retry-After`.
 *
 * @example
 * const client = await connectApiTemporal({ address: '127.0.0.1:7233', payloadCodecs })
 * // ...
 * await client.connection.close()
 */
export async function connectApiTemporal(options: ApiTemporalOptions): Promise<Client> {
  const connection = await Connection.connect(apiTemporalConnectionOptions(options.address, options))
  return new Client({
    connection,
    namespace: options.namespace ?? 'default',
    // The same converter as the workers': payloads and failure messages are encrypted.
    dataConverter: warmflowDataConverter(options.payloadCodecs ?? []),
    ...(options.tracing
      ? { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } }
      : {}),
  })
}
