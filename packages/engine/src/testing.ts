import { executeNode, type NodeLogEntry } from './activities.js'
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
}

/** What {@link runNode} returns: the node's output and everything it reported on the way. */
export interface NodeTestResult<Output> {
  output: Output
  logs: NodeLogEntry[]
  heartbeats: unknown[]
}

/**
 * Runs one node in isolation, exactly as the worker would (same validation of input, config and
 * output), and records its logs and heartbeats.
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
    },
  )
  return { output: output as Awaited<ReturnType<Node['output']['parse']>>, logs, heartbeats }
}
