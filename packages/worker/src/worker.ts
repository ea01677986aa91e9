import { setFlagsFromString } from 'node:v8'
import { Client } from '@temporalio/client'
import type { Duration, PayloadCodec } from '@temporalio/common'
import {
  type ActivityInterceptorsFactory,
  bundleWorkflowCode,
  NativeConnection,
  Worker,
} from '@temporalio/worker'
import {
  controlPlugin,
  createActivities,
  createFileInFlightLedger,
  createRegistry,
  type NodeLogEntry,
  type NodeRegistry,
  type OutputStore,
  type RecordStore,
  type RunStore,
  type SecretResolver,
  type TaskStore,
  warmflowDataConverter,
  workflowBundlerOptions,
  workflowsPath,
} from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import type { RetentionStore } from '@warmflow/store'
import { loadPlugins, type PluginLoadFailure, type PluginReference } from './plugins.js'
import { auditRetentionDaysFromEnv, createRetentionActivities, ensureRetentionSchedule } from './retention.js'
import { type Tracing, traceActivities, tracingSinks, tracingWorkflowModules } from './tracing.js'

/** Options for {@link createWarmflowWorker}. */
export interface WarmflowWorkerOptions {
  address: string
  namespace?: string
  taskQueue: string
  /** Plugin package names or paths (or references from `resolvePluginReferences`), next to the built-in nodes. */
  plugins?: readonly (string | PluginReference)[]
  /** A pre-built workflow bundle (from `bundleWorkflowCode`); bundled on start when absent. */
  workflowBundle?: { code: string }
  /**
   * How many runs the worker keeps in memory between their workflow tasks (Temporal's sticky
   * cache); a run pushed out is replayed from its history when it goes on. Temporal's default
   * grows with the heap limit (about 1,000 at 2 GB); one machine with many waiting runs wants less.
   */
  maxCachedWorkflows?: number
  /**
   * Workflow tasks the worker runs at once (Temporal's `maxConcurrentWorkflowTaskExecutions`,
   * default 40); each one in flight holds its run's state in the workflow thread.
   */
  maxConcurrentWorkflowTaskExecutions?: number
  /** Threads that run workflows (Temporal's `workflowThreadPoolSize`, default 1); each holds its own V8 heap. */
  workflowThreadPoolSize?: number
  /**
   * V8 heap limit (old generation, MB) of the workflow threads (`defaultWorkflowHeapMb`); the
   * process's limit when absent. A lower limit makes V8 collect the thread's garbage sooner.
   */
  workflowHeapMb?: number
  /**
   * Codecs for every payload, e.g. `createEncryptionCodec`; clients must use the same ones
   * (`warmflowDataConverter(codecs)`). Failure messages are encoded into payloads and go
   * through them as well.
   */
  payloadCodecs?: PayloadCodec[]
  /** Where human tasks are written (e.g. `createPostgresTaskStore(db)` from `@warmflow/store`); without it human-task nodes wait and retry. */
  taskStore?: TaskStore
  /** Where each run writes its row's final status (e.g. `createPostgresRunStore(db)`); without it the API asks Temporal. */
  runStore?: RunStore
  /** Warmflow's own tables for `records.*`, `match.volunteers`, `email.send` (e.g. `createPostgresRecordStore(db)` from `@warmflow/store`). */
  records?: RecordStore
  /** Where node outputs over `largeOutputBytes` are kept (e.g. `createOutputStore(db, { sealer })`). */
  outputs?: OutputStore
  /** Size in bytes above which an output goes to `outputs`; default 256 KB. */
  largeOutputBytes?: number
  /** Resolves credentials by name for nodes' secret slots (e.g. `createCredentialResolver(db, key)`). */
  secrets?: SecretResolver
  /** What the retention job removes (e.g. `createRetentionStore(db)`); without it the worker runs no retention job. */
  retention?: RetentionStore
  /**
   * Create or update Warmflow's daily retention schedule on this task queue (the worker process
   * and `warmflow start` do; a test worker does not). Needs `retention`.
   */
  retentionSchedule?: boolean
  /** The audit log's term in days; default `WARMFLOW_AUDIT_RETENTION_DAYS` or 1826. */
  auditRetentionDays?: number
  /** Where nodes' `ctx.log` lines go (e.g. `nodeLogTo(log)`); JSON lines on standard error by default. */
  nodeLog?: (entry: NodeLogEntry) => void
  /** Folder of the in-flight notes of local activities (see `createFileInFlightLedger`). */
  inFlightDir?: string
  /** Activity interceptors, e.g. `observeActivities({ metrics })` for log ids and node metrics. */
  activityInterceptors?: ActivityInterceptorsFactory[]
  /**
   * How long running activities may go on after `worker.shutdown()` before they are cancelled
   * (and handed to another worker by their retry policy), e.g. `'20 seconds'`. Default 0.
   */
  shutdownGraceTime?: Duration
  /**
   * OpenTelemetry for this worker (`startTracing(env, 'warmflow-worker')`): workflow, activity
   * and node spans. A worker that bundles its workflow code then adds the OpenTelemetry workflow
   * interceptors to the bundle; a pre-built `workflowBundle` must have been made with
   * `bundleInterpreterWorkflow({ tracing: true })` for workflow spans. Off by default.
   */
  tracing?: Tracing
}

/** A worker ready to run, with what it loaded. */
export interface WarmflowWorker {
  worker: Worker
  registry: NodeRegistry
  pluginFailures: PluginLoadFailure[]
  connection: NativeConnection
}

/**
 * Bundles the interpreter workflow once (5–10 s), without webpack's log, for workers started
 * from a pre-built bundle (`workflowBundle`, or `WARMFLOW_WORKFLOW_BUNDLE` for the process):
 * a test run or a benchmark starts many workers from one bundle. With `tracing`, the bundle
 * also holds the OpenTelemetry workflow interceptors (for workers with `tracing`).
 *
 * @example
 * const bundle = await bundleInterpreterWorkflow()
 * writeFileSync('workflow-bundle.js', bundle.code)
 */
export function bundleInterpreterWorkflow(options: { tracing?: boolean } = {}): Promise<{ code: string }> {
  return bundleWorkflowCode({
    workflowsPath,
    ...workflowBundlerOptions,
    // Only a tracing worker's bundle holds the OpenTelemetry workflow interceptors.
    ...(options.tracing ? { workflowInterceptorModules: [...tracingWorkflowModules] } : {}),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  })
}

/**
 * Creates a Temporal worker that runs the interpreter workflow and every loaded node.
 *
 * @example
 * const { worker } = await createWarmflowWorker({ address: 'localhost:7233', taskQueue: 'warmflow' })
 * await worker.run()
 */
export async function createWarmflowWorker(options: WarmflowWorkerOptions): Promise<WarmflowWorker> {
  // It becomes a V8 flag: a whole number only.
  const heapMb = options.workflowHeapMb
  if (heapMb !== undefined && !(Number.isInteger(heapMb) && heapMb >= 128 && heapMb <= 65_536)) {
    throw new RangeError('workflowHeapMb must be a whole number from 128 to 65536')
  }
  const { plugins, failures } = await loadPlugins(options.plugins ?? [])
  const registry = createRegistry([controlPlugin, builtinPlugin, ...plugins])
  const connection = await NativeConnection.connect({ address: options.address })
  // The retention activities delete workflow executions, and the schedule is made, on this connection.
  const client = new Client({ connection, namespace: options.namespace ?? 'default' })
  const retention = options.retention
    ? createRetentionActivities({
        store: options.retention,
        client,
        namespace: options.namespace ?? 'default',
        auditRetentionDays: options.auditRetentionDays ?? auditRetentionDaysFromEnv(process.env),
      })
    : {}
  // V8 reads the heap limit when a thread's heap is made, and Worker.create makes the workflow
  // threads; this thread keeps its own limit, and the flag goes back to V8's default (0) after.
  if (options.workflowHeapMb !== undefined) {
    setFlagsFromString(`--max-old-space-size=${options.workflowHeapMb}`)
  }
  const creating = Worker.create({
    connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
    ...(options.maxConcurrentWorkflowTaskExecutions === undefined
      ? {}
      : { maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions }),
    ...(options.workflowThreadPoolSize === undefined
      ? {}
      : { workflowThreadPoolSize: options.workflowThreadPoolSize }),
    activities: {
      ...createActivities({
        registry,
        ...(options.records ? { records: options.records } : {}),
        ...(options.outputs ? { outputs: options.outputs } : {}),
        ...(options.largeOutputBytes ? { largeOutputBytes: options.largeOutputBytes } : {}),
        ...(options.secrets ? { secrets: options.secrets } : {}),
        ...(options.taskStore ? { tasks: options.taskStore } : {}),
        ...(options.runStore ? { runs: options.runStore } : {}),
        ...(options.nodeLog ? { log: options.nodeLog } : {}),
        ...(options.inFlightDir ? { inFlight: createFileInFlightLedger(options.inFlightDir) } : {}),
      }),
      ...retention,
    },
    ...(options.activityInterceptors || options.tracing
      ? {
          interceptors: {
            // Tracing goes first, so the other interceptors run inside the activity's span.
            activity: [
              ...(options.tracing ? [traceActivities()] : []),
              ...(options.activityInterceptors ?? []),
            ],
            ...(options.tracing && !options.workflowBundle
              ? { workflowModules: [...tracingWorkflowModules] }
              : {}),
          },
        }
      : {}),
    ...(options.tracing ? { sinks: tracingSinks(options.tracing) } : {}),
    ...(options.shutdownGraceTime ? { shutdownGraceTime: options.shutdownGraceTime } : {}),
    // Failure messages are encoded into payloads too, so the codecs encrypt them.
    dataConverter: warmflowDataConverter(options.payloadCodecs ?? []),
  })
  const worker = await (options.workflowHeapMb === undefined
    ? creating
    : creating.finally(() => setFlagsFromString('--max-old-space-size=0')))
  if (options.retentionSchedule && options.retention) {
    await ensureRetentionSchedule(client, { taskQueue: options.taskQueue })
  }
  return { worker, registry, pluginFailures: failures, connection }
}
