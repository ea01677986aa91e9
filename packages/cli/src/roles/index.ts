export { apiRole } from './api.js'
export { RoleConfigError, required } from './config.js'
export { migrateRole } from './migrate.js'
export { workerRole } from './worker.js'
