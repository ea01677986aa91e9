export { type CommandResult, run } from './exec.js'
export { freePort, portIsFree } from './ports.js'
export {
  createScratchDatabase,
  ensurePostgres,
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
