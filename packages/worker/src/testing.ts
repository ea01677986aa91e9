// `@warmflow/worker/testing`: run a small flow with your node on a real Temporal server, from a
// test. Not imported by the worker itself, and never part of the workflow bundle (which is built
// from the engine's workflows folder only).
import { randomUUID } from 'node:crypto'
import { Client, Connection } from '@temporalio/client'
import { NativeConnection, Worker } from '@temporalio/worker'
import {
  type AnyNodeDefinition,
  assertPluginCompatible,
  buildRunInput,
  createActivities,
  createHttpClient,
  createRegistry,
  type FlowDefinitionInput,
  type FlowNode,
  httpAllowFromEnv,
  interpreterWorkflowType,
  isPlugin,
  type NodeLogEntry,
  type NodeRegistry,
  type Plugin,
  type RunFlowResult,
  snapshotFlow,
  validateFlow,
  WarmflowError,
  workflowBundlerOptions,
  workflowsPath,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { loadPlugins, type PluginReference } from './plugins.js'

/** Options for {@link runFlowOnDevServer}. */
export interface RunFlowOnDevServerOptions {
  /** `host:port` of a Temporal frontend, e.g. from `temporal server start-dev` (default `TEMPORAL_ADDRESS`). */
  address?: string
  namespace?: string
  /** Plugins next to the built-in nodes: plugin objects, or package names / folders to load. */
  plugins: readonly (Plugin | string | PluginReference)[]
  /** The flow to run; see {@link singleNodeFlow} for the common case of one node after a manual start. */
  flow: FlowDefinitionInput
  /** The data the run starts with. */
  input?: unknown
  /** Stored credentials by name; a node's secret slot uses the credential of the same name unless the flow maps it. */
  credentials?: Record<string, string>
  /** A pre-built workflow bundle (`bundleWorkflowCode`); without it the interpreter is bundled (about 5–10 s). */
  workflowBundle?: { code: string }
  /**
   * Hosts `ctx.http` may reach although they are local or private, e.g. `['127.0.0.1']` for a
   * test server (default: what `WARMFLOW_HTTP_ALLOW` lists).
   */
  httpAllow?: readonly string[]
  /** Gives up after this long (default 60 s). */
  timeoutMs?: number
}

/** What {@link runFlowOnDevServer} returns: the run's result and what its nodes logged. */
export interface FlowRunOnDevServer {
  result: RunFlowResult
  workflowId: string
  logs: NodeLogEntry[]
  registry: NodeRegistry
}

/** Raised when a plugin handed to {@link runFlowOnDevServer} does not load, or the flow is not valid. */
export class FlowTestSetupError extends WarmflowError {}

/**
 * A flow with a manual start followed by one node, for testing that node inside a real run.
 *
 * @example
 * const flow = singleNodeFlow(clientLookup, { config: { baseUrl: 'http://127.0.0.1:4010' } })
 */
export function singleNodeFlow(
  node: AnyNodeDefinition | { type: string; version: number },
  options: { config?: Record<string, unknown>; id?: string; input?: Record<string, string> } & Pick<
    FlowNode,
    'credentials' | 'options'
  > = {},
): FlowDefinitionInput {
  const id = options.id ?? 'node'
  return {
    name: `Test: ${node.type}@${node.version}`,
    nodes: [
      { id: 'start', type: 'manual', version: 1 },
      {
        id,
        type: node.type,
        version: node.version,
        config: options.config ?? {},
        ...(options.input ? { input: options.input } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        ...(options.options ? { options: options.options } : {}),
      },
    ],
    edges: [{ id: 'start-node', source: 'start', target: id }],
  }
}

/**
 * Runs a flow on a real Temporal server with a temporary worker (its own task queue) that has the
 * built-in nodes and the given plugins, waits for the result and stops the worker. Node logs
 * are collected instead of printed. Rejects with Temporal's `WorkflowFailedError` when the run
 * fails (its `cause` carries the node's error code as `type`).
 *
 * @example
 * import { runFlowOnDevServer, singleNodeFlow } from '@warmflow/worker/testing'
 * const { result } = await runFlowOnDevServer({
 *   address: 'localhost:7233',
 *   plugins: [plugin],
 *   flow: singleNodeFlow(clientLookup, { config: { baseUrl } }),
 *   input: { clientNumber: '1234567' },
 *   credentials: { registry: 'test-key' },
 *   httpAllow: ['127.0.0.1'],
 * })
 * result.nodes.node?.output // { found: true, client: { … } }
 */
export async function runFlowOnDevServer(options: RunFlowOnDevServerOptions): Promise<FlowRunOnDevServer> {
  const address = options.address ?? process.env.TEMPORAL_ADDRESS
  if (!address) {
    throw new FlowTestSetupError(
      'test.no_temporal',
      'No Temporal address: pass `address` or set TEMPORAL_ADDRESS',
      {
        text: {
          nl: 'Geen Temporal-adres: geef `address` mee of zet TEMPORAL_ADDRESS (bijvoorbeeld van `temporal server start-dev`).',
          en: 'No Temporal address: pass `address` or set TEMPORAL_ADDRESS (for example from `temporal server start-dev`).',
        },
      },
    )
  }
  const namespace = options.namespace ?? 'default'
  const given = options.plugins.filter(isPlugin)
  // Plugin objects are held to the same engine range as loaded ones (throws PluginIncompatibleError).
  for (const plugin of given) assertPluginCompatible(plugin)
  const loaded = await loadPlugins(
    options.plugins.filter((entry): entry is string | PluginReference => !isPlugin(entry)),
  )
  if (loaded.failures.length) {
    const reasons = loaded.failures.map((failure) => `${failure.name}: ${failure.error}`).join('; ')
    throw new FlowTestSetupError('test.plugin_not_loaded', `Plugins not loaded: ${reasons}`)
  }
  const registry = createRegistry([builtinPlugin, ...given, ...loaded.plugins])
  const validation = validateFlow(options.flow, registry)
  if (!validation.ok) {
    const reasons = validation.problems.map((problem) => `${problem.code}: ${problem.message.en}`).join('; ')
    throw new FlowTestSetupError('test.flow_invalid', `The flow is not valid: ${reasons}`)
  }
  const logs: NodeLogEntry[] = []
  const credentials = options.credentials ?? {}
  const taskQueue = `flow-test-${randomUUID()}`
  const workerConnection = await NativeConnection.connect({ address })
  const clientConnection = await Connection.connect({ address })
  try {
    const worker = await Worker.create({
      connection: workerConnection,
      namespace,
      taskQueue,
      ...(options.workflowBundle
        ? { workflowBundle: options.workflowBundle }
        : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
      activities: {
        ...createActivities({
          registry,
          log: (entry) => logs.push(entry),
          secrets: async (name) => credentials[name],
          http: createHttpClient({ allow: options.httpAllow ?? httpAllowFromEnv(process.env) }),
        }),
        // Human tasks have no store here: a flow with a human task waits, as on a worker without one.
      },
    })
    const client = new Client({ connection: clientConnection, namespace })
    const runId = randomUUID()
    const workflowId = `flow-test-${runId}`
    const input = buildRunInput({
      runId,
      snapshot: snapshotFlow(`test-${runId}`, 1, validation.flow),
      input: options.input ?? {},
      registry,
    })
    const result = await worker.runUntil(async () => {
      const handle = await client.workflow.start(interpreterWorkflowType, {
        taskQueue,
        workflowId,
        args: [input],
        workflowExecutionTimeout: options.timeoutMs ?? 60_000,
      })
      return (await handle.result()) as RunFlowResult
    })
    return { result, workflowId, logs, registry }
  } finally {
    await clientConnection.close()
    await workerConnection.close()
  }
}
