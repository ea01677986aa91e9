import type { Duration } from '@temporalio/common'
import type { TaskForm } from '../control/schemas.js'
import type { LocalizedText } from '../i18n.js'
import type { InlineOperation } from '../inline.js'
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
  /** Run as a local activity (the node type declared `activity.local`). */
  local?: boolean
  /** Run inside the workflow as this pure operation (the node type declared `activity.inline`). */
  inline?: InlineOperation
}

/** The workflow input: an immutable snapshot of the flow version plus how to run each node. */
export interface RunFlowInput {
  runId: string
  flow: FlowSnapshot
  /** The data the trigger received. */
  input: unknown
  /** Activity options per node id, resolved from the node types and instance overrides. */
  plan: Record<string, PlannedNodeActivity>
  /** The team the run belongs to: human tasks without a team of their own go to it. */
  teamId?: string
  /** The user who started the run; with four eyes this user may not decide its human tasks. */
  startedBy?: string
  /**
   * The run has no row in the store yet (a schedule started it): the workflow creates one, with
   * Temporal's run id as its id, and records how it was started.
   */
  createRecord?: { trigger: string }
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
  /** The output port the node left through (`out`, `true`, `approved`, `error`, …). */
  port?: string
  error?: { code: string; message: string }
  /** For a human task: the task's id once it is created. */
  taskId?: string
}

/** Progress of a whole run, as the progress query and the result report it. */
export interface RunProgress {
  status: 'running' | 'completed' | 'failed' | 'cancelled'
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
  /** The team the run belongs to, when known. */
  teamId?: string
  /** The node ends the run: once it completed, write this final status to the store. */
  finishRun?: RunRecordEnd
}

/** Output of the generic `runNode` activity. */
export interface RunNodeResult {
  output: unknown
  attempt: number
  /** `finishRun` was written. */
  finished?: boolean
}

/** Input of the `runNodes` local activity: a chain of pure nodes, each fed the one before. */
export interface RunNodesInput {
  runId: string
  flowId: string
  flowVersion: number
  /** In order; the first gets `input`, each next one the output of the one before. */
  nodes: FlowNode[]
  input: unknown
  teamId?: string
  /** The chain ends the run: once every node completed, write this final status to the store. */
  finishRun?: RunRecordEnd
}

/** One node of a chain that completed, with when it ran. */
export interface ChainedNodeResult {
  nodeId: string
  output: unknown
  startedAt: string
  finishedAt: string
}

/** Output of `runNodes`: the nodes that completed, and the first that did not. */
export interface RunNodesResult {
  completed: ChainedNodeResult[]
  /** The node that failed (it and the rest did not run); the interpreter runs it again on its own. */
  stoppedAt?: string
  /** `finishRun` was written. */
  finished?: boolean
}

/** The activities the interpreter calls. Implemented by `createActivities`. */
export interface EngineActivities {
  runNode(input: RunNodeInput): Promise<RunNodeResult>
  runNodes(input: RunNodesInput): Promise<RunNodesResult>
}

/** A human task as the interpreter creates it. */
export interface NewTask {
  /** Chosen by the workflow (deterministic uuid); the store keeps the first one per workflow + node. */
  id: string
  workflowId: string
  runId: string
  flowId: string
  flowVersion: number
  nodeId: string
  teamId: string | null
  role: string
  title: LocalizedText
  form: TaskForm
  data: Record<string, unknown>
  /** ISO time. */
  deadline: string | null
  fourEyes: boolean
  startedBy: string | null
}

/**
 * One change to a human task, written through the `applyTaskChange` activity. `eventKey` makes
 * it idempotent: the store records each key once.
 */
export type TaskChange =
  | {
      kind: 'completed'
      taskId: string
      eventKey: string
      decision: 'approved' | 'rejected'
      fields: Record<string, unknown>
      reason?: string
      userId: string
    }
  | { kind: 'reminded'; taskId: string; eventKey: string; deadline: string }
  | {
      kind: 'escalated'
      taskId: string
      eventKey: string
      teamId: string | null
      role: string
      /** ISO time of the new deadline. */
      deadline: string
    }
  | { kind: 'expired'; taskId: string; eventKey: string }
  | { kind: 'cancelled'; taskId: string; eventKey: string }

/** The activities for human tasks. Implemented by `createTaskActivities`. */
export interface TaskActivities {
  createHumanTask(task: NewTask): Promise<{ id: string }>
  applyTaskChange(change: TaskChange): Promise<void>
}

/** A run's row for lists and searches, created by a run that started without one (schedules). */
export interface NewRunRecord {
  runId: string
  workflowId: string
  flowId: string
  flowVersion: number
  teamId: string
  trigger: string
}

/** A run's final status, written by the workflow when it ends. */
export interface RunRecordEnd {
  runId: string
  status: 'completed' | 'failed' | 'cancelled'
}

/** The activities through which a run keeps its row in the store up to date. */
export interface RunRecordActivities {
  recordRunStart(run: NewRunRecord): Promise<void>
  recordRunEnd(end: RunRecordEnd): Promise<void>
}

/** Name of the interpreter workflow type, as registered with Temporal. */
export const interpreterWorkflowType = 'interpretFlow'
/** Name of the query that returns {@link RunProgress}. */
export const progressQueryName = 'progress'
