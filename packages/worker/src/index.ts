export {
  defaultWorkflowHeapMb,
  loadWorkerConfig,
  type WorkerConfig,
  WorkerConfigError,
} from './config.js'
export {
  createLog,
  createWorkerLogger,
  type LogFormat,
  type LoggedError,
  type LogLevelName,
  type LogOptions,
  logFormatFromEnv,
  logLevelFromEnv,
  nodeLogTo,
  redactError,
  redactMeta,
  temporalLoggerTo,
} from './logger.js'
export { runWorkerProcess, shutdownTimeoutFromEnv } from './main.js'
export {
  createWorkerMetrics,
  type MetricsServer,
  type MetricsSource,
  maxCountedTasks,
  metricsAddressFromEnv,
  observeActivities,
  serveMetrics,
  type WorkerMetrics,
  type WorkerMetricsOptions,
} from './metrics.js'
export {
  formatPluginFailures,
  type LoadedPlugins,
  loadPlugins,
  PluginConfigError,
  type PluginLoadFailure,
  type PluginReference,
  pluginConfigFileName,
  resolvePluginReferences,
} from './plugins.js'
export {
  auditRetentionDaysFromEnv,
  auditRetentionVariable,
  createRetentionActivities,
  ensureRetentionSchedule,
  type RetentionActivityDeps,
  RetentionConfigError,
  retentionScheduleSpec,
} from './retention.js'
export {
  startTracing,
  type Tracing,
  traceActivities,
  tracesEndpointFromEnv,
  tracingSinks,
  tracingWorkflowModules,
} from './tracing.js'
export {
  bundleInterpreterWorkflow,
  createWarmflowWorker,
  type WarmflowWorker,
  type WarmflowWorkerOptions,
} from './worker.js'
