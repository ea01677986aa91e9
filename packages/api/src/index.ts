export { createApp, maxBodyBytes } from './app.js'
export { loadConfig, type WarmflowConfig } from './config.js'
export type { AppDeps } from './deps.js'
export { createOutputStore, type OutputStoreOptions } from './outputs/store.js'
export { ApiError, type ProblemError } from './problems.js'
export { type RunningServer, startServer } from './server.js'
export {
  createPostgresTaskStore,
  type PostgresTaskStore,
  type TaskEvent,
  type TaskListFilter,
} from './tasks/store.js'
