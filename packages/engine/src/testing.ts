import { executeNode, type NodeLogEntry } from './activities.js'
import { createHttpClient, HttpError, type HttpRequestInit, httpAllowFromEnv, type NodeHttp } from './http.js'
import type { AnyNodeDefinition, NodeRunInfo } from './node.js'
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
          ...(init.body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body: init.body } : {}),
        }),
      )
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
  const logs: NodeLogEntry[] = []
  const heartbeats: unknown[] = []
  const requests: RecordedHttpRequest[] = []
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
      requests.push({
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
  const output = await executeNode(
    node,
    { config: options.config ?? {}, input: options.input ?? {} },
    {
      run,
      attempt: options.attempt ?? 1,
      idempotencyKey: options.idempotencyKey ?? `${run.runId}/${run.nodeId}`,
      signal: options.signal ?? new AbortController().signal,
      heartbeat: (details) => heartbeats.push(details),
      log: (entry) => logs.push(entry),
      secrets: async (name) => options.secrets?.[name],
      ...(options.records ? { records: options.records } : {}),
      http,
    },
  )
  return { output: output as Awaited<ReturnType<Node['output']['parse']>>, logs, heartbeats, requests }
}
