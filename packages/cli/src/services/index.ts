export { type MigrateResult, migrateAndGrant } from './database.js'
export { type CommandResult, run } from './exec.js'
export { freePort, portIsFree } from './ports.js'
export {
  appUrlFor,
  createScratchDatabase,
  type DatabaseUrls,
  ensureDatabase,
  ensurePostgres,
  localAppRole,
  localRole,
  type ScratchDatabase,
  waitForPostgres,
} from './postgres.js'
export {
  ensureTemporalCli,
  findTemporalCli,
  startTemporalDevServer,
  type TemporalDevServer,
  type TemporalDevServerOptions,
  temporalCliModule,
  waitForTemporal,
} from './temporal.js'
