export { type LoadedPlugins, loadPlugins, type PluginLoadFailure } from './plugins.js'
export { createWarmflowWorker, type WarmflowWorker, type WarmflowWorkerOptions } from './worker.js'
