export { loadWorkerConfig, type WorkerConfig, WorkerConfigError } from './config.js'
export { createWorkerLogger, type LoggedError, redactError, redactMeta } from './logger.js'
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
  bundleInterpreterWorkflow,
  createWarmflowWorker,
  type WarmflowWorker,
  type WarmflowWorkerOptions,
} from './worker.js'
