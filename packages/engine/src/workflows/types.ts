import type { Duration } from '@temporalio/common'
import type { FlowNode, FlowSnapshot } from '../model.js'

/** Temporal activity options for one node, fixed when the run starts. */
export interface PlannedNodeActivity {
  startToCloseTimeout: Duration
  heartbeatTimeout?: Duration
  retry: {
    maximumAttempts: number
    initialInterval: Duration
    backoffCoefficient: number
    maximumInterval: Duration
  }
}

/** The workflow input: an immutable snapshot of the flow version plus how to run each node. */
export interface RunFlowInput {
  runId: string
  flow: FlowSnapshot
  /** The data the trigger received. */
  input: unknown
  /** Activity options per node id, resolved from the node types and instance overrides. */
  plan: Record<string, PlannedNodeActivity>
}

/** Status of one node within a run. */
export type NodeRunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'waiting'

/** What a run knows about one of its nodes. */
export interface NodeRunState {
  status: NodeRunStatus
  startedAt?: string
  finishedAt?: string
  attempts: number
  output?: unknown
  error?: { code: string; message: string }
}

/** Progress of a whole run, as the progress query and the result report it. */
export interface RunProgress {
  status: 'running' | 'completed' | 'failed'
  nodes: Record<string, NodeRunState>
}

/** What the interpreter workflow returns. */
export interface RunFlowResult extends RunProgress {
  status: 'completed'
  /** The output of the last node, or of each last node by id when the flow ends in several. */
  output: unknown
}

/** Input of the generic `runNode` activity. */
export interface RunNodeInput {
  runId: string
  flowId: string
  flowVersion: number
  node: FlowNode
  input: unknown
}

/** Output of the generic `runNode` activity. */
export interface RunNodeResult {
  output: unknown
  attempt: number
}

/** The activities the interpreter calls. Implemented by `createActivities`. */
export interface EngineActivities {
  runNode(input: RunNodeInput): Promise<RunNodeResult>
}

/** Name of the interpreter workflow type, as registered with Temporal. */
export const interpreterWorkflowType = 'interpretFlow'
/** Name of the query that returns {@link RunProgress}. */
export const progressQueryName = 'progress'
