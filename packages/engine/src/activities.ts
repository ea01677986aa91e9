import { Context } from '@temporalio/activity'
import { ApplicationFailure } from '@temporalio/common'
import type { z } from 'zod'
import { NodeError, WarmflowError } from './errors.js'
import { createHttpClient, httpAllowFromEnv, type NodeHttp } from './http.js'
import { createFileInFlightLedger, type InFlightLedger } from './in-flight.js'
import type { FlowNode } from './model.js'
import type { AnyNodeDefinition, NodeContext, NodeLogger, NodeRunInfo } from './node.js'
import {
  defaultLargeOutputBytes,
  type OutputStore,
  resolveOutputReferences,
  storeLargeOutput,
} from './outputs.js'
import type { RecordStore } from './records.js'
import type { NodeRegistry } from './registry.js'
import { createRunRecordActivities, type RunStore } from './run-records.js'
import { createTaskActivities, type TaskStore } from './tasks.js'
import type {
  ChainedNodeResult,
  EngineActivities,
  RunNodeInput,
  RunNodeResult,
  RunNodesInput,
  RunNodesResult,
  RunRecordActivities,
  RunRecordEnd,
  TaskActivities,
} from './workflows/types.js'

/** A log line from a node, bound to its run. */
export interface NodeLogEntry {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
  fields?: Record<string, unknown>
  run: NodeRunInfo
  attempt: number
}

/**
 * Looks up a stored credential by name for a run. Returns undefined when it does not exist.
 * `slot` is the secret slot the node declared and asks for (`smtp`, `ai`, …): the kind of
 * credential, whatever name the flow gave it (`node.credentials.smtp = 'office365'`).
 */
export type SecretResolver = (
  credentialName: string,
  run: NodeRunInfo,
  slot: string,
) => Promise<string | undefined>

/** What the engine's activities need from the outside world. */
export interface ActivityDeps {
  registry: NodeRegistry
  /**
   * Notes of the local activities in progress, so a node that took its worker process down is
   * failed (`node.crashed_worker`) after {@link maxCrashedStarts} such starts instead of being run
   * into a crash loop. Default: files in the system's temporary folder; `false` to keep none.
   */
  inFlight?: InFlightLedger | false
  /** Where node logs go; defaults to JSON lines on stderr. */
  log?: (entry: NodeLogEntry) => void
  secrets?: SecretResolver
  /** Warmflow's own tables, for nodes such as `records.*` and `match.volunteers`. */
  records?: RecordStore
  /** The client behind `ctx.http`; defaults to one allowing what `WARMFLOW_HTTP_ALLOW` lists. */
  http?: NodeHttp
  /**
   * Where outputs larger than `largeOutputBytes` go; the workflow then carries a reference.
   * Without it, such outputs fail the node with `output.store_missing`.
   */
  outputs?: OutputStore
  /** Outputs whose JSON exceeds this many bytes are stored in `outputs`. Default 256 KB. */
  largeOutputBytes?: number
  /** Where human tasks are written; without it a human-task node waits and retries. */
  tasks?: TaskStore
  /** Where each run writes its final status; without it the API asks Temporal when a run is read. */
  runs?: RunStore
}

const stderrLog = (entry: NodeLogEntry) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`)
}

/** Starts of one local activity that never ended (the process died) before it is refused. */
export const maxCrashedStarts = 2

function crashedWorker(): NodeError {
  return new NodeError(
    'node.crashed_worker',
    `The node stopped its worker process ${maxCrashedStarts} times; it is not started again`,
    {
      text: {
        nl: `Deze stap liet de worker ${maxCrashedStarts} keer vastlopen en wordt niet opnieuw gestart.`,
        en: `This step took the worker down ${maxCrashedStarts} times and is not started again.`,
      },
    },
  )
}

function failure(error: WarmflowError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: !error.retryable,
    details: [{ text: error.text }],
    cause: error.cause instanceof Error ? error.cause : undefined,
  })
}

const describedIssues = 5
const fieldName = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/

/**
 * What is wrong with a value, without the value: each problem as `path: kind`, the kind being
 * zod's own text (which names what was expected and the type received, never the value).
 * Path parts that do not look like field names (keys made from data) and the names of
 * unexpected keys are left out; at most five problems are listed.
 *
 * @example
 * describeIssues(z.object({ age: z.number() }).safeParse({ age: 'Jan' }).error!)
 * // 'age: Invalid input: expected number, received string'
 */
export function describeIssues(error: { issues: readonly z.core.$ZodIssue[] }): string {
  const described = error.issues.slice(0, describedIssues).map((issue) => {
    const path = issue.path
      .map((part) =>
        typeof part === 'number' || (typeof part === 'string' && fieldName.test(part)) ? String(part) : '…',
      )
      .join('.')
    const kind =
      issue.code === 'unrecognized_keys'
        ? 'Unrecognized key'
        : issue.code === 'invalid_key'
          ? 'Invalid key'
          : issue.message
    return path ? `${path}: ${kind}` : kind
  })
  const more = error.issues.length - described.length
  return `${described.join('; ')}${more > 0 ? `; and ${more} more` : ''}`
}

function invalid(code: string, what: string, node: AnyNodeDefinition, issues: string): NodeError {
  return new NodeError(code, `${what} of ${node.key} is not valid: ${issues}`, {
    text: {
      nl: `De ${what === 'input' ? 'invoer' : what === 'config' ? 'instellingen' : 'uitvoer'} van ${node.title.nl} klopt niet: ${issues}`,
      en: `The ${what} of ${node.title.en} is not valid: ${issues}`,
    },
  })
}

/** The parts of a node context that come from where the node runs. */
export interface NodeExecutionEnvironment {
  run: NodeRunInfo
  attempt: number
  idempotencyKey: string
  signal: AbortSignal
  heartbeat(details?: unknown): void
  log: (entry: NodeLogEntry) => void
  secrets?: SecretResolver
  records?: RecordStore
  /** The client behind `ctx.http` (bound to `signal` here); a guarded default when absent. */
  http?: NodeHttp
}

let sharedHttp: NodeHttp | undefined
// Created on first use so the allow-list is read from the environment the worker runs in.
const defaultHttp = () => {
  sharedHttp ??= createHttpClient({ allow: httpAllowFromEnv(process.env) })
  return sharedHttp
}

/** `ctx.http` aborts when the node's own signal does (cancellation, timeout). */
function boundHttp(http: NodeHttp, signal: AbortSignal): NodeHttp {
  return {
    fetch: (url, init = {}) =>
      http.fetch(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal }),
  }
}

/**
 * Validates input and config, runs a node's `execute` and validates its output. Shared by the
 * Temporal activity and the test harness so both behave the same.
 *
 * @example
 * const output = await executeNode(definition, { config: {}, input: { name: 'A' } }, environment)
 */
export async function executeNode(
  node: AnyNodeDefinition,
  raw: { config: unknown; input: unknown; credentials?: Record<string, string> | undefined },
  env: NodeExecutionEnvironment,
): Promise<unknown> {
  const result = await node.execute(createNodeContext(node, raw, env))
  const output = node.output.safeParse(result)
  if (!output.success) throw invalid('node.invalid_output', 'output', node, describeIssues(output.error))
  return output.data
}

/**
 * Validates input and config and builds the `ctx` a node's `execute` receives: logs bound to the
 * run, secrets limited to the declared slots, `http` bound to the node's signal.
 *
 * @example
 * const ctx = createNodeContext(definition, { config: {}, input: { name: 'A' } }, environment)
 */
export function createNodeContext(
  node: AnyNodeDefinition,
  raw: { config: unknown; input: unknown; credentials?: Record<string, string> | undefined },
  env: NodeExecutionEnvironment,
): NodeContext<unknown, unknown> {
  const config = node.config.safeParse(raw.config)
  if (!config.success) throw invalid('node.invalid_config', 'config', node, describeIssues(config.error))
  const input = node.input.safeParse(raw.input ?? {})
  if (!input.success) throw invalid('node.invalid_input', 'input', node, describeIssues(input.error))
  const logAt = (level: NodeLogEntry['level']) => (message: string, fields?: Record<string, unknown>) =>
    env.log({ level, message, ...(fields ? { fields } : {}), run: env.run, attempt: env.attempt })
  const log: NodeLogger = {
    debug: logAt('debug'),
    info: logAt('info'),
    warn: logAt('warn'),
    error: logAt('error'),
  }
  const declared = new Set(node.secrets ?? [])
  const findSecret = async (slot: string): Promise<string | undefined> => {
    if (!declared.has(slot)) {
      throw new NodeError('node.undeclared_secret', `${node.key} did not declare secret "${slot}"`)
    }
    return env.secrets?.(raw.credentials?.[slot] ?? slot, env.run, slot)
  }
  return {
    input: input.data,
    config: config.data,
    log,
    secrets: {
      find: findSecret,
      async get(slot) {
        const value = await findSecret(slot)
        if (value === undefined) {
          throw new NodeError('node.missing_secret', `Secret "${slot}" is not configured`, {
            text: {
              nl: `De sleutel "${slot}" voor ${node.title.nl} is niet ingesteld.`,
              en: `The secret "${slot}" for ${node.title.en} is not configured.`,
            },
          })
        }
        return value
      },
    },
    heartbeat: env.heartbeat,
    signal: env.signal,
    attempt: env.attempt,
    run: env.run,
    idempotencyKey: env.idempotencyKey,
    http: boundHttp(env.http ?? defaultHttp(), env.signal),
    ...(env.records ? { records: env.records } : {}),
  }
}

/**
 * Creates every activity the interpreter workflow calls: `runNode`, `runNodes` (a chain of pure
 * nodes in one local activity), the human-task writes and the run-record writes. Register the
 * result with a Temporal worker.
 *
 * @example
 * const worker = await Worker.create({ activities: createActivities({ registry }), ... })
 */
export function createActivities(
  deps: ActivityDeps,
): EngineActivities & TaskActivities & RunRecordActivities {
  const log = deps.log ?? stderrLog
  const inFlight = deps.inFlight === false ? undefined : (deps.inFlight ?? createFileInFlightLedger())
  /**
   * Notes a local activity's start (a regular activity's attempts are counted by Temporal itself)
   * and tells how many earlier starts of it died with their process. Null: nothing noted.
   */
  const noteStart = (context: Context): { key: string; earlier: number } | null => {
    const { isLocal, workflowExecution: execution, activityId } = context.info
    if (!inFlight || !isLocal || !execution) return null
    const key = `${execution.workflowId}/${execution.runId}/${activityId}`
    return { key, earlier: inFlight.start(key) }
  }
  const http = deps.http ?? defaultHttp()
  const largeOutputBytes = deps.largeOutputBytes ?? defaultLargeOutputBytes

  /** Runs one node in the current activity and gives its output as the node made it. */
  const run = async (
    args: Omit<RunNodeInput, 'node' | 'input'>,
    node: FlowNode,
    rawInput: unknown,
    context: Context,
    /** The input is another node's output made in this activity: it holds no references. */
    resolved = false,
  ): Promise<unknown> => {
    const definition = deps.registry.get(node.type, node.version)
    if (!definition) {
      throw new NodeError('node.unknown_type', `Node type ${node.type}@${node.version} is not loaded`, {
        text: {
          nl: `Het bloktype ${node.type} versie ${node.version} is niet geladen op deze worker.`,
          en: `Node type ${node.type} version ${node.version} is not loaded on this worker.`,
        },
      })
    }
    const info = context.info
    // Large outputs of earlier nodes travel as references; the node gets the real data.
    const input = resolved ? rawInput : await resolveOutputReferences(rawInput, deps.outputs)
    return executeNode(
      definition,
      { config: node.config, input, credentials: node.credentials },
      {
        run: {
          flowId: args.flowId,
          flowVersion: args.flowVersion,
          runId: args.runId,
          nodeId: node.id,
          ...(args.teamId ? { teamId: args.teamId } : {}),
        },
        attempt: info.attempt,
        idempotencyKey: `${info.workflowExecution?.workflowId ?? args.runId}/${node.id}`,
        signal: context.cancellationSignal,
        heartbeat: (details) => context.heartbeat(details),
        log,
        ...(deps.secrets ? { secrets: deps.secrets } : {}),
        ...(deps.records ? { records: deps.records } : {}),
        http,
      },
    )
  }

  /** What the workflow keeps of an output: the output, or a reference when it is large. */
  const store = (args: { runId: string }, nodeId: string, output: unknown) =>
    storeLargeOutput(output, {
      store: deps.outputs,
      runId: args.runId,
      nodeId,
      thresholdBytes: largeOutputBytes,
    })

  const runRecords = createRunRecordActivities(deps.runs)
  /** Writes a run's final status for the workflow; false if that failed (it then writes it itself, with retries). */
  const finish = async (end: RunRecordEnd): Promise<boolean> => {
    try {
      await runRecords.recordRunEnd(end)
      return true
    } catch {
      return false
    }
  }
  return {
    ...createTaskActivities(deps.tasks),
    ...runRecords,
    async runNode(args: RunNodeInput): Promise<RunNodeResult> {
      const context = Context.current()
      const noted = noteStart(context)
      // A refused start keeps its note, so a replay of the same start (its result lost with the
      // workflow task) is refused again instead of counting from zero.
      const refused = noted !== null && noted.earlier >= maxCrashedStarts
      try {
        if (refused) throw crashedWorker()
        const output = await run(args, args.node, args.input, context)
        const result = { output: await store(args, args.node.id, output), attempt: context.info.attempt }
        return args.finishRun ? { ...result, finished: await finish(args.finishRun) } : result
      } catch (error) {
        if (error instanceof WarmflowError) throw failure(error)
        throw error
      } finally {
        if (noted && !refused) inFlight?.end(noted.key)
      }
    },
    async runNodes(args: RunNodesInput): Promise<RunNodesResult> {
      const context = Context.current()
      const noted = noteStart(context)
      const refused = noted !== null && noted.earlier >= maxCrashedStarts
      try {
        // A chain that took its worker down: its nodes run again one by one, each with its own count.
        if (refused) return { completed: [], stoppedAt: args.nodes[0]!.id }
        return await runChain(args, context)
      } finally {
        if (noted && !refused) inFlight?.end(noted.key)
      }
    },
  }

  /** Runs a chain of nodes in the current activity, up to the first that does not complete. */
  async function runChain(args: RunNodesInput, context: Context): Promise<RunNodesResult> {
    const completed: ChainedNodeResult[] = []
    let input = args.input
    for (const node of args.nodes) {
      const startedAt = new Date().toISOString()
      try {
        const output = await run(args, node, input, context, completed.length > 0)
        completed.push({
          nodeId: node.id,
          output: await store(args, node.id, output),
          startedAt,
          finishedAt: new Date().toISOString(),
        })
        // The next node gets the output itself, also when the run's copy became a reference.
        input = output
      } catch {
        // The interpreter runs this node again on its own, with its retries and error port.
        return { completed, stoppedAt: node.id }
      }
    }
    return args.finishRun ? { completed, finished: await finish(args.finishRun) } : { completed }
  }
}
