import { WarmflowError } from './errors.js'
import { contentHash } from './hash.js'
import type { InlineOperation } from './inline.js'
import type { FlowDefinition, FlowSnapshot } from './model.js'
import type { NodeActivityDefaults } from './node.js'
import type { NodeRegistry } from './registry.js'
import type { PlannedNodeActivity, RunFlowInput } from './workflows/types.js'

/** Used when a node type declares no timeout or retry policy of its own. */
export const defaultNodeActivity: PlannedNodeActivity = {
  startToCloseTimeout: '1 minute',
  retry: {
    maximumAttempts: 3,
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
  },
}

function inlineOf(
  defaults: NodeActivityDefaults,
  config: Record<string, unknown>,
): { inline?: InlineOperation } {
  const operation = typeof defaults.inline === 'function' ? defaults.inline(config) : defaults.inline
  return operation ? { inline: operation } : {}
}

/**
 * Works out each node's activity options: the node type's defaults, then the instance's
 * overrides from the flow. Fixed at run start, so the workflow never needs the registry.
 *
 * @example
 * const plan = planFlow(definition, registry)
 * plan.summarise.startToCloseTimeout // '2m'
 */
export function planFlow(
  definition: FlowDefinition,
  registry: NodeRegistry,
): Record<string, PlannedNodeActivity> {
  const plan: Record<string, PlannedNodeActivity> = {}
  for (const node of definition.nodes) {
    const type = registry.get(node.type, node.version)
    if (!type) {
      throw new WarmflowError('node.unknown_type', `Unknown node type ${node.type}@${node.version}`, {
        text: {
          nl: `Het bloktype ${node.type} versie ${node.version} is niet geladen.`,
          en: `Node type ${node.type} version ${node.version} is not loaded.`,
        },
      })
    }
    const defaults = type.activity ?? {}
    const override = node.options ?? {}
    const seconds = (value: number | undefined) => (value === undefined ? undefined : `${value} seconds`)
    plan[node.id] = {
      startToCloseTimeout:
        seconds(override.timeoutSeconds) ??
        defaults.startToCloseTimeout ??
        defaultNodeActivity.startToCloseTimeout,
      ...(defaults.heartbeatTimeout === undefined ? {} : { heartbeatTimeout: defaults.heartbeatTimeout }),
      ...(defaults.local ? { local: true } : {}),
      ...inlineOf(defaults, node.config),
      retry: {
        maximumAttempts:
          override.retry?.maximumAttempts ??
          defaults.retry?.maximumAttempts ??
          defaultNodeActivity.retry.maximumAttempts,
        initialInterval:
          seconds(override.retry?.initialIntervalSeconds) ??
          defaults.retry?.initialInterval ??
          defaultNodeActivity.retry.initialInterval,
        backoffCoefficient:
          override.retry?.backoffCoefficient ??
          defaults.retry?.backoffCoefficient ??
          defaultNodeActivity.retry.backoffCoefficient,
        maximumInterval:
          seconds(override.retry?.maximumIntervalSeconds) ??
          defaults.retry?.maximumInterval ??
          defaultNodeActivity.retry.maximumInterval,
      },
    }
  }
  return plan
}

/**
 * Freezes a flow definition into a snapshot with its content hash.
 *
 * @example
 * const snapshot = snapshotFlow('flow-id', 3, definition)
 */
export function snapshotFlow(flowId: string, version: number, definition: FlowDefinition): FlowSnapshot {
  return { flowId, version, hash: contentHash(definition), definition }
}

/**
 * Builds the interpreter workflow's input for one run.
 *
 * @example
 * const input = buildRunInput({ runId, snapshot, input: { name: 'Test' }, registry })
 */
export function buildRunInput(args: {
  runId: string
  snapshot: FlowSnapshot
  input: unknown
  registry: NodeRegistry
  /** The team the run belongs to (human tasks without their own team go there). */
  teamId?: string
  /** The user who starts the run (for the four-eyes rule of human tasks). */
  startedBy?: string
}): RunFlowInput {
  return {
    runId: args.runId,
    flow: args.snapshot,
    input: args.input,
    plan: planFlow(args.snapshot.definition, args.registry),
    ...(args.teamId === undefined ? {} : { teamId: args.teamId }),
    ...(args.startedBy === undefined ? {} : { startedBy: args.startedBy }),
  }
}
