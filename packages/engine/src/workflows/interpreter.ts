import { msToNumber } from '@temporalio/common/lib/time.js'
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  defineQuery,
  defineUpdate,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  TemporalFailure,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow'
import {
  awaitResponseUpdateName,
  checkCompleteTaskArgs,
  checkFormValues,
  completeTaskUpdateName,
  controlNodeTypes,
  durationToMs,
  type RunResponse,
  type TaskCompletionProblem,
  type TaskOutcome,
  truthy,
} from '../control/runtime.js'
import type {
  CompleteTaskArgs,
  ConditionConfig,
  HumanTaskConfig,
  SwitchConfig,
  TaskForm,
  WaitConfig,
} from '../control/schemas.js'
import { evaluateExpression } from '../expressions.js'
import { canRunInline, fitsInline, runInline } from '../inline.js'
import type { FlowEdge, FlowNode } from '../model.js'
import type {
  EngineActivities,
  NewTask,
  NodeRunState,
  RunFlowInput,
  RunFlowResult,
  RunNodesResult,
  RunProgress,
  RunRecordActivities,
  RunRecordEnd,
  TaskActivities,
} from './types.js'

/** Returns the live progress of a run: per node status, timings, attempts and outputs. */
export const progressQuery = defineQuery<RunProgress>('progress')

/**
 * Completes an open human task of the run. The validator refuses (without touching history)
 * unknown or already closed tasks, a bad decision, fields that do not fit the form, and — with
 * four eyes — the user who started the run. Returns the task's outcome.
 */
export const completeTaskUpdate = defineUpdate<TaskOutcome, [CompleteTaskArgs]>(completeTaskUpdateName)

/**
 * Waits for the run's answer to whoever started it (a webhook or form in respond mode): the
 * input of the first `respond` node the run reaches, or else how the run ended.
 */
export const awaitResponseUpdate = defineUpdate<RunResponse>(awaitResponseUpdateName)

/** Human-task activities: writes to the task store are retried until they succeed. */
const tasks = proxyActivities<TaskActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
})

/**
 * The run's row in the store. Local activities: a few milliseconds, no task-queue round trip. A
 * store that stays down does not fail the run: the API then takes the status from Temporal.
 */
const runRecords = proxyLocalActivities<RunRecordActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumAttempts: 8 },
})

/** Marks workflow code that writes the run's final status (runs started before it do not). */
export const runRecordPatch = 'warmflow-run-record'

/**
 * Marks workflow code that runs a chain of pure nodes in one local activity (`runNodes`): one
 * activation and one marker in the history instead of one per node. A chain that ends the run
 * also writes the run's final status, which saves the run its last local activity. (One patch
 * for both: every patch costs a marker and a search-attribute update in Temporal.)
 */
export const nodeChainPatch = 'warmflow-node-chain'

interface OpenTask {
  id: string
  nodeId: string
  form: Partial<TaskForm>
  fourEyes: boolean
  /** What was (or is being) written to the store; the store has it once `created` is true. */
  record: NewTask
  created: boolean
  /** open → closing (a completion is being written) → closed. */
  state: 'open' | 'closing' | 'closed'
  outcome?: TaskOutcome
}

interface NodeResult {
  output: unknown
  port: string
  attempts: number
}

type EdgeState = 'active' | 'dead'

/** Same test as `isOutputReference` in outputs.ts (kept here: the workflow bundle imports no more). */
function isReference(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { $ref?: unknown }).$ref === 'string'
  )
}

/**
 * The default input of a node with several active inputs: their outputs merged. A large output
 * that travels as a reference cannot be spread, so it lands under its node id (the activity
 * resolves nested references before the node runs).
 */
function mergeOutputs(outputs: [string, unknown][]): unknown {
  if (outputs.length === 1) return outputs[0]![1]
  return Object.assign(
    {},
    ...outputs.map(([source, o]) =>
      isReference(o) ? { [source]: o } : o !== null && typeof o === 'object' ? o : { value: o },
    ),
  )
}

function describeFailure(error: unknown): { code: string; message: string } {
  const cause = error instanceof ActivityFailure ? error.cause : error
  if (cause instanceof ApplicationFailure)
    return { code: cause.type ?? 'node.failed', message: cause.message }
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code
    return { code: typeof code === 'string' ? code : 'node.failed', message: cause.message }
  }
  return { code: 'node.failed', message: String(cause) }
}

/** A failure the workflow can end with: Temporal failures as they are, anything else non-retryable. */
function asWorkflowFailure(error: unknown): Error {
  if (error instanceof TemporalFailure) return error
  const { code, message } = describeFailure(error)
  return ApplicationFailure.create({ type: code, message, nonRetryable: true })
}

function refuse(problem: TaskCompletionProblem, details?: string[]): never {
  throw ApplicationFailure.create({
    type: problem.code,
    message: `${problem.message.en}${details?.length ? ` ${details.join('; ')}` : ''}`,
    nonRetryable: true,
    details: [{ text: problem.message, problems: details ?? [] }],
  })
}

const now = () => new Date().toISOString()

/**
 * The one workflow type that runs every flow. It walks the graph of an immutable flow
 * snapshot: a node starts when every edge into it is decided; edges leave a node through the
 * port it chose, the others are dead, and a node whose inputs are dead is skipped (a `merge`
 * continues with whatever arrived). Plugin nodes run through the generic `runNode` activity;
 * control nodes (condition, switch, merge, wait, human task) run here, deterministically.
 */
export async function interpretFlow(args: RunFlowInput): Promise<RunFlowResult> {
  const { definition } = args.flow
  const workflowId = workflowInfo().workflowId
  // A run without a row of its own (started by a schedule) is known by Temporal's run id.
  const runId = args.createRecord ? workflowInfo().runId : args.runId
  const recordEnd = (end: RunRecordEnd['status']) =>
    patched(runRecordPatch)
      ? CancellationScope.nonCancellable(() => runRecords.recordRunEnd({ runId, status: end })).catch(
          () => undefined,
        )
      : Promise.resolve()
  const nodes: Record<string, NodeRunState> = {}
  const byId = new Map<string, FlowNode>()
  const incoming = new Map<string, FlowEdge[]>()
  const outgoing = new Map<string, FlowEdge[]>()
  for (const node of definition.nodes) {
    nodes[node.id] = { status: 'pending', attempts: 0 }
    byId.set(node.id, node)
  }
  for (const edge of definition.edges) {
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge])
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge])
  }
  let status: RunProgress['status'] = 'running'
  setHandler(progressQuery, () => ({ status, nodes }))
  let response: RunResponse | undefined
  setHandler(awaitResponseUpdate, async () => {
    await condition(() => response !== undefined)
    return response!
  })

  const openTasks = new Map<string, OpenTask>()
  setHandler(
    completeTaskUpdate,
    async (request) => {
      const task = openTasks.get(request.taskId)!
      task.state = 'closing'
      // The task id is known before the store confirms the task; write the completion after it.
      await condition(() => task.created)
      const decision = request.decision === 'approve' ? 'approved' : 'rejected'
      const fields = request.fields ?? {}
      await tasks.applyTaskChange({
        kind: 'completed',
        taskId: task.id,
        eventKey: 'completed',
        decision,
        fields,
        ...(request.reason === undefined ? {} : { reason: request.reason }),
        userId: request.userId,
      })
      task.outcome = {
        taskId: task.id,
        decision,
        fields,
        ...(request.reason === undefined ? {} : { reason: request.reason }),
        userId: request.userId,
        decidedAt: now(),
      }
      task.state = 'closed'
      return task.outcome
    },
    {
      validator: (request) => {
        const invalid = checkCompleteTaskArgs(request)
        if (invalid) refuse(invalid)
        const task = openTasks.get(request.taskId)
        if (!task) {
          refuse({
            code: 'task.unknown',
            message: {
              nl: 'Deze taak hoort niet bij deze run.',
              en: 'This task does not belong to this run.',
            },
          })
        }
        if (task.state !== 'open') {
          refuse({
            code: 'task.not_open',
            message: {
              nl: 'Deze taak is al afgerond, verlopen of gestopt.',
              en: 'This task is already completed, expired or cancelled.',
            },
          })
        }
        if (task.fourEyes && args.startedBy !== undefined && request.userId === args.startedBy) {
          refuse({
            code: 'task.four_eyes',
            message: {
              nl: 'Vier ogen: iemand anders dan wie de flow startte moet deze taak afronden.',
              en: 'Four eyes: someone other than the person who started the flow must decide this task.',
            },
          })
        }
        const problems = checkFormValues(task.form, request.fields ?? {}, {
          requireRequired: request.decision === 'approve',
        })
        if (problems.length > 0) {
          refuse(
            {
              code: 'task.invalid_fields',
              message: { nl: 'Niet alle velden kloppen.', en: 'Some fields are not valid.' },
            },
            problems,
          )
        }
      },
    },
  )

  const outputs: Record<string, unknown> = {}
  const edgeState = new Map<string, EdgeState>()
  const started = new Set<string>()
  const decided = new Set<string>()
  let fatal: unknown

  const evaluate = (source: string, data: unknown) =>
    evaluateExpression(source, data, { nodes: outputs, input: args.input })

  const decide = (nodeId: string, port: string | undefined) => {
    decided.add(nodeId)
    const edges = outgoing.get(nodeId) ?? []
    for (const edge of edges) {
      edgeState.set(edge.id, port !== undefined && edge.sourcePort === port ? 'active' : 'dead')
    }
    for (const edge of edges) consider(edge.target)
  }

  const consider = (nodeId: string): void => {
    if (started.has(nodeId) || decided.has(nodeId)) return
    const node = byId.get(nodeId)!
    const edges = incoming.get(nodeId) ?? []
    const states = edges.map((edge) => edgeState.get(edge.id))
    const anyActive = states.includes('active')
    const allDecided = states.every((state) => state !== undefined)
    const mode =
      node.type === controlNodeTypes.merge ? (node.config.mode === 'first' ? 'first' : 'all') : 'every'
    let run: boolean
    if (edges.length === 0) run = true
    else if (mode === 'first' && anyActive) run = true
    else if (!allDecided) return
    else run = mode === 'every' ? !states.includes('dead') : anyActive
    if (!run) {
      nodes[nodeId]!.status = 'skipped'
      decide(nodeId, undefined)
      return
    }
    started.add(nodeId)
    const sources = [
      ...new Set(edges.filter((edge) => edgeState.get(edge.id) === 'active').map((e) => e.source)),
    ]
    void runNode(node, mode === 'first' ? sources.slice(0, 1) : sources)
  }

  /** A node that may run in a chain: a plugin node planned as a local activity, not inline. */
  const chainable = (node: FlowNode): boolean => {
    const plan = args.plan[node.id]
    return (
      plan?.local === true &&
      plan.inline === undefined &&
      !(node.version === 1 && (Object.values(controlNodeTypes) as string[]).includes(node.type))
    )
  }

  /** The run's final status is in the store already: the chain that ended the run wrote it. */
  let endRecorded = false

  /**
   * Whether these nodes (a chain, or one node) end the run when they complete: the last one
   * leads nowhere, and every other node is decided. Their activity then also writes the run's
   * final status, which saves the run a local activity of its own.
   */
  const endsRun = (line: FlowNode[]): boolean =>
    (outgoing.get(line.at(-1)!.id) ?? []).length === 0 &&
    definition.nodes.every((node) => decided.has(node.id) || line.includes(node))

  /** Nodes that stopped a chain once: they run on their own from then on. */
  const notInChain = new Set<string>()

  /**
   * The nodes that can run together with `head` in one local activity: a straight line of
   * chainable nodes, each the only one after the one before, reached through `out` only, with
   * no input mapping of its own (its input is simply the output before it). Just `head` when
   * there is no such line.
   */
  const chainFrom = (head: FlowNode): FlowNode[] => {
    const chain = [head]
    if (!chainable(head) || notInChain.has(head.id)) return chain
    for (let last = head; ; ) {
      const edges = outgoing.get(last.id) ?? []
      if (edges.length !== 1 || edges[0]!.sourcePort !== 'out') break
      const next = byId.get(edges[0]!.target)!
      if ((incoming.get(next.id) ?? []).length !== 1 || next.input || !chainable(next)) break
      chain.push(next)
      last = next
    }
    return chain.length > 1 && patched(nodeChainPatch) ? chain : [head]
  }

  /**
   * Runs a chain in one local activity; true when it got past its first node. Each node that
   * completed is recorded as if it ran on its own. The first node that did not complete (and
   * the rest after it) runs again one by one, with its own retries and error port, so a chain
   * never changes what a failure does.
   */
  const runChain = async (chain: FlowNode[], input: unknown): Promise<boolean> => {
    for (const node of chain.slice(1)) {
      started.add(node.id)
      nodes[node.id]!.status = 'running'
      nodes[node.id]!.startedAt = now()
    }
    let result: RunNodesResult
    try {
      result = await proxyLocalActivities<EngineActivities>({
        startToCloseTimeout: chain.reduce(
          (total, node) => total + msToNumber(args.plan[node.id]!.startToCloseTimeout),
          0,
        ),
        retry: { maximumAttempts: 1 },
      }).runNodes({
        runId,
        flowId: args.flow.flowId,
        flowVersion: args.flow.version,
        nodes: chain,
        input,
        ...(args.teamId ? { teamId: args.teamId } : {}),
        ...(endsRun(chain) ? { finishRun: { runId, status: 'completed' } } : {}),
      })
    } catch (error) {
      if (isCancellation(error)) throw error
      result = { completed: [], stoppedAt: chain[0]!.id }
    }
    endRecorded = result.finished === true
    for (const done of result.completed) {
      outputs[done.nodeId] = done.output
      nodes[done.nodeId] = {
        status: 'completed',
        startedAt: done.startedAt,
        finishedAt: done.finishedAt,
        attempts: 1,
        output: done.output,
        port: 'out',
      }
    }
    if (result.stoppedAt !== undefined) {
      notInChain.add(result.stoppedAt)
      for (const node of chain.slice(result.completed.length)) {
        started.delete(node.id)
        nodes[node.id] = { status: 'pending', attempts: 0 }
      }
    }
    // Deciding the last completed node starts the one that stopped the chain, on its own.
    for (const done of result.completed) decide(done.nodeId, 'out')
    return result.completed.length > 0
  }

  const runNode = async (node: FlowNode, sources: string[]): Promise<void> => {
    const state = nodes[node.id]!
    state.status = 'running'
    state.startedAt = now()
    try {
      const defaultInput =
        sources.length === 0 ? args.input : mergeOutputs(sources.map((s) => [s, outputs[s]]))
      let input = defaultInput
      if (node.input) {
        const mapped: Record<string, unknown> = {}
        for (const [field, source] of Object.entries(node.input)) {
          mapped[field] = await evaluate(source, defaultInput)
        }
        input = mapped
      }
      const chain = chainFrom(node)
      if (chain.length > 1) {
        // The first node of the chain did not complete: it runs again, now on its own.
        if (!(await runChain(chain, input))) await runNode(node, sources)
        return
      }
      const result = await execute(node, input, state)
      outputs[node.id] = result.output
      state.status = 'completed'
      state.output = result.output
      state.port = result.port
      state.attempts = result.attempts
      state.finishedAt = now()
      decide(node.id, result.port)
    } catch (error) {
      state.finishedAt = now()
      state.status = 'failed'
      if (isCancellation(error)) {
        state.error = { code: 'run.cancelled', message: 'The run was cancelled' }
        return
      }
      state.error = describeFailure(error)
      const plan = args.plan[node.id]
      if (error instanceof ActivityFailure && error.retryState === 'MAXIMUM_ATTEMPTS_REACHED') {
        state.attempts = plan?.retry.maximumAttempts ?? state.attempts
      } else if (plan?.local && error instanceof ApplicationFailure) {
        // A local activity fails with the node's own error, which does not say how often it
        // ran: out of retries, unless the node said its error was not worth retrying.
        state.attempts = error.nonRetryable ? Math.max(state.attempts, 1) : plan.retry.maximumAttempts
      }
      if ((outgoing.get(node.id) ?? []).some((edge) => edge.sourcePort === 'error')) {
        outputs[node.id] = state.error
        state.output = state.error
        state.port = 'error'
        decide(node.id, 'error')
      } else {
        fatal ??= error
      }
    }
  }

  const execute = async (node: FlowNode, input: unknown, state: NodeRunState): Promise<NodeResult> => {
    if (node.version === 1) {
      switch (node.type) {
        case controlNodeTypes.condition: {
          const config = node.config as ConditionConfig
          return {
            output: input,
            port: truthy(await evaluate(config.expression, input)) ? 'true' : 'false',
            attempts: 1,
          }
        }
        case controlNodeTypes.switch: {
          const config = node.config as SwitchConfig
          for (const option of config.cases) {
            if (truthy(await evaluate(option.when, input)))
              return { output: input, port: option.id, attempts: 1 }
          }
          return { output: input, port: 'default', attempts: 1 }
        }
        case controlNodeTypes.merge:
          return { output: input, port: 'out', attempts: 1 }
        case controlNodeTypes.respond:
          response ??= { status: 'responded', output: input }
          return { output: input, port: 'out', attempts: 1 }
        case controlNodeTypes.wait:
          await waitFor(node.config as WaitConfig, input, state)
          return { output: input, port: 'out', attempts: 1 }
        case controlNodeTypes.humanTask: {
          const outcome = await humanTask(node, node.config as HumanTaskConfig, input, state)
          return { output: outcome, port: outcome.decision, attempts: 1 }
        }
      }
    }
    const plan = args.plan[node.id]
    if (!plan) throw ApplicationFailure.nonRetryable(`No plan for node ${node.id}`, 'flow.missing_plan')
    if (plan.inline && canRunInline(input)) {
      const output = runInline(plan.inline, node.config, input as Record<string, unknown>)
      // A large output is made again by the activity, which keeps it out of the history.
      if (fitsInline(output)) return { output, port: 'out', attempts: 1 }
    }
    // Pure, fast node types run as local activities (`activity.local`): the plan comes from the
    // run's input, so a run never changes its mind on replay.
    const activities = plan.local
      ? proxyLocalActivities<EngineActivities>({
          startToCloseTimeout: plan.startToCloseTimeout,
          retry: plan.retry,
        })
      : proxyActivities<EngineActivities>({
          startToCloseTimeout: plan.startToCloseTimeout,
          heartbeatTimeout: plan.heartbeatTimeout,
          retry: plan.retry,
        })
    const result = await activities.runNode({
      runId,
      flowId: args.flow.flowId,
      flowVersion: args.flow.version,
      node,
      input,
      ...(args.teamId ? { teamId: args.teamId } : {}),
      ...(endsRun([node]) ? { finishRun: { runId, status: 'completed' } } : {}),
    })
    // The activity wrote the run's final status. Decided by the recorded result, not by this
    // code's version, so runs whose results never say so replay as they ran.
    if (result.finished === true) endRecorded = true
    return { output: result.output, port: 'out', attempts: result.attempt }
  }

  const waitFor = async (config: WaitConfig, input: unknown, state: NodeRunState) => {
    let ms: number
    if (config.duration) {
      ms = durationToMs(config.duration)
    } else {
      const until = await evaluate(config.until ?? '', input)
      const at =
        typeof until === 'number' ? until : typeof until === 'string' ? Date.parse(until) : Number.NaN
      if (Number.isNaN(at)) {
        throw ApplicationFailure.nonRetryable(
          // The kind of value only: the value itself may be personal data.
          `The wait expression gave ${until === null ? 'null' : Array.isArray(until) ? 'a list' : typeof until}, not a date and time`,
          'wait.invalid_until',
        )
      }
      ms = at - Date.now()
    }
    state.status = 'waiting'
    if (ms > 0) await sleep(ms)
  }

  const humanTask = async (
    node: FlowNode,
    config: HumanTaskConfig,
    input: unknown,
    state: NodeRunState,
  ): Promise<TaskOutcome> => {
    const data: Record<string, unknown> = {}
    for (const [name, source] of Object.entries(config.data ?? {})) data[name] = await evaluate(source, input)
    let deadlineAt = config.deadline ? Date.now() + durationToMs(config.deadline) : undefined
    let teamId = config.teamId ?? args.teamId ?? null
    let role = config.role
    const form: TaskForm = { fields: config.form?.fields ?? {} }
    const record: NewTask = {
      id: uuid4(),
      workflowId,
      runId,
      flowId: args.flow.flowId,
      flowVersion: args.flow.version,
      nodeId: node.id,
      teamId,
      role,
      title: config.title,
      form,
      data,
      deadline: deadlineAt === undefined ? null : new Date(deadlineAt).toISOString(),
      fourEyes: config.fourEyes === true,
      startedBy: args.startedBy ?? null,
    }
    // Registered before the store write: an update may arrive in the same workflow task as the
    // write's result (e.g. after a worker restart), and its validator must know the task.
    const task: OpenTask = {
      id: record.id,
      nodeId: node.id,
      form,
      fourEyes: record.fourEyes,
      record,
      created: false,
      state: 'open',
    }
    openTasks.set(task.id, task)
    state.taskId = task.id
    await tasks.createHumanTask(record)
    task.created = true
    state.status = 'waiting'
    const decidedOrClosing = () => task.outcome !== undefined || task.state !== 'open'
    const finish = async () => {
      await condition(() => task.outcome !== undefined)
      return task.outcome!
    }

    for (let phase = 0; ; phase++) {
      if (deadlineAt === undefined) return finish()
      const reminderMs = config.reminderBefore ? durationToMs(config.reminderBefore) : undefined
      if (reminderMs !== undefined && deadlineAt - reminderMs > Date.now()) {
        if (await condition(decidedOrClosing, deadlineAt - reminderMs - Date.now())) return finish()
        await tasks.applyTaskChange({
          kind: 'reminded',
          taskId: task.id,
          eventKey: `reminded:${phase}`,
          deadline: new Date(deadlineAt).toISOString(),
        })
      }
      if (await condition(decidedOrClosing, Math.max(deadlineAt - Date.now(), 1))) return finish()
      if (phase === 0 && config.escalation) {
        teamId = config.escalation.teamId ?? teamId
        role = config.escalation.role ?? role
        deadlineAt = Date.now() + durationToMs(config.escalation.deadline)
        await tasks.applyTaskChange({
          kind: 'escalated',
          taskId: task.id,
          eventKey: 'escalated:1',
          teamId,
          role,
          deadline: new Date(deadlineAt).toISOString(),
        })
        continue
      }
      // Closed before the store write, so a completion arriving now is refused by the validator.
      task.state = 'closed'
      await tasks.applyTaskChange({ kind: 'expired', taskId: task.id, eventKey: 'expired' })
      task.outcome = { taskId: task.id, decision: 'expired', fields: {}, decidedAt: now() }
      return task.outcome
    }
  }

  /** Marks tasks still open as cancelled in the store, even while the run itself is being cancelled. */
  const closeOpenTasks = () =>
    CancellationScope.nonCancellable(async () => {
      for (const task of openTasks.values()) {
        if (task.outcome !== undefined) continue
        task.state = 'closed'
        // Creation is idempotent: make sure the store has the task before marking it cancelled.
        if (!task.created) await tasks.createHumanTask(task.record)
        await tasks.applyTaskChange({ kind: 'cancelled', taskId: task.id, eventKey: 'cancelled' })
      }
    })

  /** The output of the last node, or of each last node by id when the flow ends in several. */
  const runOutput = () => {
    const sinks = definition.nodes.filter(
      (node) => (outgoing.get(node.id) ?? []).length === 0 && nodes[node.id]!.status !== 'skipped',
    )
    return sinks.length === 1
      ? outputs[sinks[0]!.id]
      : Object.fromEntries(sinks.map((s) => [s.id, outputs[s.id]]))
  }

  let output: unknown
  try {
    if (args.createRecord && args.teamId) {
      await runRecords
        .recordRunStart({
          runId,
          workflowId,
          flowId: args.flow.flowId,
          flowVersion: args.flow.version,
          teamId: args.teamId,
          trigger: args.createRecord.trigger,
        })
        .catch(() => undefined)
    }
    for (const node of definition.nodes) consider(node.id)
    await condition(() => decided.size === definition.nodes.length || fatal !== undefined)
    if (fatal !== undefined) throw asWorkflowFailure(fatal)
    output = runOutput()
    response ??= { status: 'completed', output }
    await condition(allHandlersFinished)
  } catch (error) {
    status = isCancellation(error) ? 'cancelled' : 'failed'
    response ??= { status, error: describeFailure(error) }
    for (const state of Object.values(nodes)) {
      if (state.status === 'pending') state.status = 'skipped'
      if (state.status === 'running' || state.status === 'waiting') {
        state.status = 'failed'
        state.finishedAt = now()
        state.error = isCancellation(error)
          ? { code: 'run.cancelled', message: 'The run was cancelled' }
          : { code: 'run.failed', message: 'Another node failed, so the run stopped' }
      }
    }
    await closeOpenTasks()
    await recordEnd(status)
    throw isCancellation(error) ? error : asWorkflowFailure(error)
  }

  status = 'completed'
  if (!endRecorded) await recordEnd(status)
  return { status: 'completed', output, nodes }
}
