import type { z } from 'zod'
import {
  createNodeContext,
  executeNode,
  type NodeExecutionEnvironment,
  type NodeLogEntry,
} from './activities.js'
import { createHttpClient, HttpError, type HttpRequestInit, httpAllowFromEnv, type NodeHttp } from './http.js'
import type { AnyNodeDefinition, NodeContext, NodeRunInfo, SecretSlotsOf } from './node.js'
import type { RecordStore } from './records.js'

/** Options for {@link runNode}. */
export interface RunNodeOptions {
  config?: unknown
  input?: unknown
  /** Values for the secrets the node declared, by slot name. */
  secrets?: Record<string, string>
  attempt?: number
  run?: Partial<NodeRunInfo>
  /** Abort this to cancel the node mid-way. */
  signal?: AbortSignal
  /** Warmflow's own tables, for nodes that use `ctx.records`. */
  records?: RecordStore
  /** Overrides the idempotency key (default `runId/nodeId`), e.g. to simulate a retry. */
  idempotencyKey?: string
  /**
   * What `ctx.http` does: a handler that answers each request like a fake server
   * (`(request) => Response.json({...})`), or a real client such as
   * `createHttpClient({ allow: ['127.0.0.1'] })` for a local test server. Default: the guarded
   * client with the allow-list from `WARMFLOW_HTTP_ALLOW`. Every request is recorded either way.
   */
  http?: NodeHttp | HttpHandler
}

/** Answers a node's HTTP request in a test, in place of the outside world. */
export type HttpHandler = (request: Request) => Response | Promise<Response>

/** One request a node made through `ctx.http`, as {@link runNode} records it. */
export interface RecordedHttpRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** The body as text, when there was one. */
  body?: string
}

/** What {@link runNode} returns: the node's output and everything it reported on the way. */
export interface NodeTestResult<Output> {
  output: Output
  logs: NodeLogEntry[]
  heartbeats: unknown[]
  /** The HTTP requests the node made, in order. */
  requests: RecordedHttpRequest[]
}

function handlerClient(handler: HttpHandler): NodeHttp {
  return {
    async fetch(url, init: HttpRequestInit = {}) {
      if (init.signal?.aborted) {
        throw new HttpError('http.aborted', 'The request was cancelled', {
          text: { nl: 'Het verzoek is afgebroken.', en: 'The request was cancelled.' },
        })
      }
      const method = (init.method ?? 'GET').toUpperCase()
      return handler(
        new Request(String(url), {
          method,
          headers: init.headers ?? {},
          ...(init.body !== undefined && method !== 'GET' && method !== 'HEAD'
            ? { body: init.body as NonNullable<RequestInit['body']> }
            : {}),
        }),
      )
    },
  }
}

/** What a test environment recorded, shared by {@link runNode} and {@link createTestContext}. */
interface Recorders {
  logs: NodeLogEntry[]
  heartbeats: unknown[]
  requests: RecordedHttpRequest[]
}

function testEnvironment(
  options: RunNodeOptions,
  signal: AbortSignal,
): { env: NodeExecutionEnvironment; recorded: Recorders } {
  const recorded: Recorders = { logs: [], heartbeats: [], requests: [] }
  const transport =
    typeof options.http === 'function'
      ? handlerClient(options.http)
      : (options.http ?? createHttpClient({ allow: httpAllowFromEnv(process.env) }))
  const http: NodeHttp = {
    fetch(url, init = {}) {
      const body =
        init.body === undefined
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : new TextDecoder().decode(init.body)
      recorded.requests.push({
        method: (init.method ?? 'GET').toUpperCase(),
        url: String(url),
        headers: { ...init.headers },
        ...(body === undefined ? {} : { body }),
      })
      return transport.fetch(url, init)
    },
  }
  const run: NodeRunInfo = {
    flowId: 'test-flow',
    flowVersion: 1,
    runId: 'test-run',
    nodeId: 'node',
    ...options.run,
  }
  return {
    recorded,
    env: {
      run,
      attempt: options.attempt ?? 1,
      idempotencyKey: options.idempotencyKey ?? `${run.runId}/${run.nodeId}`,
      signal,
      heartbeat: (details) => recorded.heartbeats.push(details),
      log: (entry) => recorded.logs.push(entry),
      secrets: async (name) => options.secrets?.[name],
      ...(options.records ? { records: options.records } : {}),
      http,
    },
  }
}

/**
 * Runs one node in isolation, exactly as the worker would (same validation of input, config and
 * output), and records its logs, heartbeats and HTTP requests.
 *
 * @example
 * const { output } = await runNode(transformNode, { config: { fields: { x: '1 + 1' } }, input: {} })
 */
export async function runNode<Node extends AnyNodeDefinition>(
  node: Node,
  options: RunNodeOptions = {},
): Promise<NodeTestResult<Awaited<ReturnType<Node['output']['parse']>>>> {
  const { env, recorded } = testEnvironment(options, options.signal ?? new AbortController().signal)
  const output = await executeNode(node, { config: options.config ?? {}, input: options.input ?? {} }, env)
  return { output: output as Awaited<ReturnType<Node['output']['parse']>>, ...recorded }
}

/** A node context for calling `execute` yourself, with what it recorded and a way to cancel. */
export interface TestContext<Input, Config, Slot extends string = string> {
  ctx: NodeContext<Input, Config, Slot>
  logs: NodeLogEntry[]
  heartbeats: unknown[]
  requests: RecordedHttpRequest[]
  /** Aborts `ctx.signal`, as a cancelled run or a timed-out attempt would. */
  cancel(reason?: unknown): void
}

/**
 * Builds the `ctx` a node's `execute` receives (input and config validated and typed by the
 * node's schemas), for tests that call `execute` step by step or cancel it half-way.
 *
 * @example
 * const test = createTestContext(slowNode, { input: { id: 1 } })
 * const running = slowNode.execute(test.ctx)
 * test.cancel()
 * await expect(running).rejects.toThrow()
 */
export function createTestContext<Node extends AnyNodeDefinition>(
  node: Node,
  options: RunNodeOptions = {},
): TestContext<z.output<Node['input']>, z.output<Node['config']>, SecretSlotsOf<Node>> {
  const controller = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal
  const { env, recorded } = testEnvironment(options, signal)
  const ctx = createNodeContext(node, { config: options.config ?? {}, input: options.input ?? {} }, env)
  return {
    ctx: ctx as NodeContext<z.output<Node['input']>, z.output<Node['config']>, SecretSlotsOf<Node>>,
    ...recorded,
    cancel: (reason) => controller.abort(reason),
  }
}
