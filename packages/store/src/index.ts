/**
 * Warmflow's PostgreSQL storage: the Kysely schema and its migrations, the connection pool, and
 * the adapters for the engine's ports (`RunStore`, `TaskStore`, `OutputStore`, `RecordStore`,
 * `SecretResolver`). The worker, the API, the CLI and the tests all wire them through
 * {@link createPostgresStores}.
 *
 * @packageDocumentation
 */
export {
  CredentialDecryptError,
  credentialKeyVariable,
  decryptSecret,
  encryptSecret,
  loadCredentialKey,
  parseCredentialKey,
  readCredentialKey,
} from './credentials/crypto.js'
export { createCredentialResolver, credentialContext } from './credentials/resolver.js'
export {
  createDb,
  DatabaseRoleError,
  databaseConnectTimeoutMs,
  databaseStatementTimeoutMs,
  databaseUser,
  grantAppRole,
  migrateToLatest,
  offlineDb,
} from './db/index.js'
export type * from './db/people-tables.js'
export type * from './db/schema.js'
export { isUniqueViolation } from './errors.js'
export { editRatio, maxComparedChars } from './impact/edit-ratio.js'
export {
  activityBeatSeconds,
  type DecisionMeasure,
  type DraftVerdict,
  type FoundDraft,
  findDrafts,
  judgeDraft,
  maxBeatGapMs,
  recordActivity,
  recordTaskClaimed,
  recordTaskDecision,
  recordTaskOpened,
} from './impact/measure.js'
export { createOutputStore, type OutputStoreOptions } from './outputs/store.js'
export {
  type ColumnKind,
  createPostgresRecordStore,
  RecordStoreError,
  type RecordTableName,
  type RecordTableSpec,
  recordTables,
} from './records/store.js'
export {
  createRetentionStore,
  defaultRetentionDays,
  type ExpiredRun,
  endedRunStatuses,
  minimumAuditRetentionDays,
  type RemovedContents,
  type RetentionStore,
  type UnstartedRun,
} from './retention/store.js'
export {
  createPostgresRunStore,
  finalRunStatuses,
  RunRowMissingError,
  shouldStoreStatus,
} from './runs/store.js'
export { createPostgresStores, type PostgresStoreKeys, type PostgresStores } from './stores.js'
export {
  countSubjectHoldings,
  type ErasedCounts,
  eraseSubjectHoldings,
  findSubjectHoldings,
  maxSubjectRuns,
  type SubjectCounts,
  type SubjectHoldings,
  type SubjectRun,
} from './subjects/holdings.js'
export {
  createSubjectHasher,
  linkRunSubjects,
  maxIdentifierLength,
  normaliseIdentifier,
  type SubjectHasher,
  type SubjectIdentifier,
  type SubjectKind,
} from './subjects/identifiers.js'
export {
  createRunKeyStore,
  destroyRunKeys,
  type PostgresRunKeyStore,
  type PreparedRunKey,
  type RunKeyStoreOptions,
} from './subjects/run-keys.js'
export {
  createPostgresTaskStore,
  type PostgresTaskStore,
  type TaskEvent,
  type TaskListFilter,
} from './tasks/store.js'
