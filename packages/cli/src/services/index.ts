export { type StartupSummary, startupBanner } from './banner.js'
export { type MigrateResult, migrateAndGrant } from './database.js'
export { type CommandResult, run } from './exec.js'
export {
  type AcquireLockOptions,
  acquireLock,
  DataFolderInUseError,
  type HeldLock,
  type LockInfo,
  processIsAlive,
  readLock,
} from './lock.js'
export {
  type LocalOutbox,
  maxOutboxMessageBytes,
  type OutboxMessage,
  requireSmtpCredential,
  SmtpCredentialMissingError,
  smtpSlot,
  startLocalOutbox,
  storeOutboxMessage,
  withLocalOutbox,
} from './outbox.js'
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
export { describeFlowsWithoutSmtp, type FlowWithoutSmtp, flowsWithoutSmtp } from './smtp-check.js'
export {
  type RestartPolicy,
  readyMessage,
  reportReadyToSupervisor,
  type SuperviseOptions,
  type SupervisionEnd,
  type Supervisor,
  superviseChild,
} from './supervise.js'
export {
  ensureTemporalCli,
  findTemporalCli,
  parentGuardPath,
  startTemporalDevServer,
  type TemporalDevServer,
  type TemporalDevServerOptions,
  temporalCliModule,
  waitForTemporal,
} from './temporal.js'
