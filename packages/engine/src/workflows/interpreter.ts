import {
  ActivityFailure,
  ApplicationFailure,
  defineQuery,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow'
import type { EngineActivities, NodeRunState, RunFlowInput, RunFlowResult, RunProgress } from './types.js'

/** Returns the live progress of a run: per node status, timings, attempts and outputs. */
export const progressQuery = defineQuery<RunProgress>('progress')

function merge(outputs: unknown[]): unknown {
  if (outputs.length === 1) return outputs[0]
  return Object.assign({}, ...outputs.map((o) => (o !== null && typeof o === 'object' ? o : { value: o })))
}

/**
 * The one workflow type that runs every flow. It walks the graph of an immutable flow
 * snapshot: a node starts when all nodes that lead into it are done, independent branches run
 * in parallel, and every plugin node runs through the generic `runNode` activity.
 */
export async function interpretFlow(args: RunFlowInput): Promise<RunFlowResult> {
  const { definition } = args.flow
  const nodes: Record<string, NodeRunState> = {}
  for (const node of definition.nodes) nodes[node.id] = { status: 'pending', attempts: 0 }
  let status: RunProgress['status'] = 'running'
  setHandler(progressQuery, () => ({ status, nodes }))

  const incoming = new Map<string, string[]>()
  const hasOutgoing = new Set<string>()
  for (const edge of definition.edges) {
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source])
    hasOutgoing.add(edge.source)
  }

  const running = new Map<string, Promise<unknown>>()
  const execute = (nodeId: string): Promise<unknown> => {
    const existing = running.get(nodeId)
    if (existing) return existing
    const promise = (async () => {
      const node = definition.nodes.find((n) => n.id === nodeId)
      if (!node) throw ApplicationFailure.nonRetryable(`Unknown node ${nodeId}`, 'flow.unknown_node')
      const sources = incoming.get(nodeId) ?? []
      const upstream = await Promise.all(sources.map(execute))
      const input = sources.length === 0 ? args.input : merge(upstream)
      const plan = args.plan[nodeId]
      if (!plan) throw ApplicationFailure.nonRetryable(`No plan for node ${nodeId}`, 'flow.missing_plan')
      const { runNode } = proxyActivities<EngineActivities>({
        startToCloseTimeout: plan.startToCloseTimeout,
        heartbeatTimeout: plan.heartbeatTimeout,
        retry: plan.retry,
      })
      const state = nodes[nodeId]!
      state.status = 'running'
      state.startedAt = new Date().toISOString()
      try {
        const result = await runNode({
          runId: args.runId,
          flowId: args.flow.flowId,
          flowVersion: args.flow.version,
          node,
          input,
        })
        state.status = 'completed'
        state.attempts = result.attempt
        state.output = result.output
        return result.output
      } catch (error) {
        state.status = 'failed'
        const cause = error instanceof ActivityFailure ? error.cause : error
        state.error = {
          code: cause instanceof ApplicationFailure && cause.type ? cause.type : 'node.failed',
          message: cause instanceof Error ? cause.message : String(cause),
        }
        throw error
      } finally {
        state.finishedAt = new Date().toISOString()
      }
    })()
    running.set(nodeId, promise)
    return promise
  }

  try {
    const outputs = await Promise.all(definition.nodes.map((node) => execute(node.id)))
    const sinks = definition.nodes
      .map((node, index) => ({ node, output: outputs[index] }))
      .filter(({ node }) => !hasOutgoing.has(node.id))
    status = 'completed'
    const output =
      sinks.length === 1 ? sinks[0]!.output : Object.fromEntries(sinks.map((s) => [s.node.id, s.output]))
    return { status: 'completed', output, nodes }
  } catch (error) {
    status = 'failed'
    throw error
  }
}
