// The engine for Node: its pure core (`./core.js`, also usable in the browser) and what runs in
// Temporal workers and the API.

export {
  type ActivityDeps,
  createActivities,
  executeNode,
  maxCrashedStarts,
  type NodeExecutionEnvironment,
  type NodeLogEntry,
  type SecretResolver,
} from './activities.js'
export {
  createEncryptionCodec,
  createSealer,
  type EncryptionCodecOptions,
  encryptedEncoding,
  generatePayloadKey,
  hasRunKey,
  keyIdMetadata,
  loadPayloadKeys,
  PayloadCodecError,
  type PayloadKey,
  parsePayloadKeys,
  payloadKeysVariable,
  type RunKeyStore,
  runKeyId,
  runKeyMetadata,
  type SealedBytes,
  type Sealer,
  warmflowDataConverter,
} from './codec.js'
export { assertPluginCompatible, PluginIncompatibleError } from './compat.js'
export * from './core.js'
export type {
  CredentialField,
  CredentialFieldKind,
  CredentialFields,
  CredentialIssue,
  CredentialKind,
} from './credentials.js'
export { canonicalJson, contentHash } from './hash.js'
export {
  type AddressGuard,
  type AddressGuardOptions,
  allowFromEnv,
  createAddressGuard,
  createHttpClient,
  type HostResolver,
  type HttpClientOptions,
  HttpError,
  type HttpRequestInit,
  httpAllowFromEnv,
  httpAllowVariable,
  isBlockedAddress,
  type NodeHttp,
  type ResolvedAddress,
} from './http.js'
export { createFileInFlightLedger, defaultInFlightFolder, type InFlightLedger } from './in-flight.js'
export { canRunInline, type InlineOperation, runInline } from './inline.js'
export type { FlowSnapshot } from './model.js'
export {
  defineNode,
  definePlugin,
  type FieldMeta,
  type FlowCheck,
  type FlowCheckProblem,
  isPlugin,
  type NodeActivityDefaults,
  type NodeContext,
  type NodeLogger,
  type NodeRetryPolicy,
  type NodeRunInfo,
  type NodeSecrets,
  type NodeSpec,
  type Plugin,
  type PluginSpec,
  type SecretSlotsOf,
  type StartInputProblem,
  type StartInputSpec,
  type StartSchedule,
} from './node.js'
export {
  defaultLargeOutputBytes,
  isOutputReference,
  largeOutputBytesFromEnv,
  largeOutputBytesVariable,
  type OutputReference,
  type OutputStore,
  resolveOutputReferences,
  storeLargeOutput,
} from './outputs.js'
export { failureConverterPath, workflowBundlerOptions, workflowsPath } from './paths.js'
export {
  buildRunInput,
  defaultNodeActivity,
  planFlow,
  snapshotFlow,
} from './plan.js'
export type { RecordQuery, RecordStore } from './records.js'
export { heartbeatActivity } from './retention.js'
export {
  createRunRecordActivities,
  type NewRunRecord,
  type RunRecordActivities,
  type RunRecordEnd,
  type RunStore,
} from './run-records.js'
export {
  describeNode,
  type NodeJsonSchemas,
  nodeCatalogue,
  nodeJsonSchemas,
} from './schemas.js'
export {
  flowIdSearchAttribute,
  flowVersionSearchAttribute,
  runSearchAttributes,
  teamIdSearchAttribute,
  warmflowSearchAttributes,
} from './search-attributes.js'
export {
  createTaskActivities,
  type StoredTask,
  type TaskStatus,
  type TaskStore,
} from './tasks.js'
export { type ConfigChange, type NodeUpgrade, upgradeNode } from './upgrade.js'
export {
  type RetentionActivities,
  type RetentionAuditBatch,
  type RetentionJobInput,
  type RetentionJobResult,
  type RetentionRunBatch,
  retentionBatchSize,
  retentionScheduleId,
  retentionScheduleIdFor,
  retentionWorkflowType,
  type UnstartedRunsBatch,
} from './workflows/retention-types.js'
export {
  type EngineActivities,
  interpreterWorkflowType,
  type NewTask,
  type NodeRunState,
  type NodeRunStatus,
  type PlannedNodeActivity,
  progressQueryName,
  type RunFlowInput,
  type RunFlowResult,
  type RunNodeInput,
  type RunNodeResult,
  type RunProgress,
  type TaskActivities,
  type TaskChange,
} from './workflows/types.js'
