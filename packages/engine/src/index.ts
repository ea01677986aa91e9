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
  keyIdMetadata,
  loadPayloadKeys,
  PayloadCodecError,
  type PayloadKey,
  parsePayloadKeys,
  payloadKeysVariable,
  type SealedBytes,
  type Sealer,
  warmflowDataConverter,
} from './codec.js'
export {
  assertPluginCompatible,
  engineVersion,
  PluginIncompatibleError,
  satisfiesRange,
} from './compat.js'
export * from './control/index.js'
export { NodeError, WarmflowError, type WarmflowErrorOptions } from './errors.js'
export {
  defaultExpressionLimits,
  ExpressionError,
  type ExpressionLimits,
  evaluateExpression,
  parseExpression,
} from './expressions.js'
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
export { type Language, type LocalizedText, languages } from './i18n.js'
export { createFileInFlightLedger, type InFlightLedger } from './in-flight.js'
export { canRunInline, type InlineOperation, runInline } from './inline.js'
export {
  expressionSourceSchema,
  type FlowDefinition,
  type FlowDefinitionInput,
  type FlowEdge,
  type FlowNode,
  type FlowSnapshot,
  fieldNameSchema,
  flowDefinitionSchema,
  flowEdgeSchema,
  flowNodeSchema,
  type NodeOptions,
  nodeOptionsSchema,
} from './model.js'
export {
  type AnyNodeDefinition,
  defaultOutputPort,
  defineNode,
  definePlugin,
  errorOutputPort,
  type FieldMeta,
  isPlugin,
  type NodeActivityDefaults,
  type NodeCategory,
  type NodeContext,
  type NodeDefinition,
  type NodeExpression,
  type NodeLogger,
  type NodePort,
  type NodeRetryPolicy,
  type NodeRunInfo,
  type NodeSecrets,
  type NodeSpec,
  outputPortsOf,
  type PersonalDataDeclaration,
  type Plugin,
  type PluginSpec,
  type SecretSlotsOf,
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
export { buildRunInput, defaultNodeActivity, planFlow, snapshotFlow } from './plan.js'
export type { RecordQuery, RecordStore } from './records.js'
export { createRegistry, type NodeRegistry } from './registry.js'
export {
  createRunRecordActivities,
  type NewRunRecord,
  type RunRecordActivities,
  type RunRecordEnd,
  type RunStore,
} from './run-records.js'
export {
  type CataloguePort,
  describeNode,
  type JsonSchema,
  type NodeCatalogueEntry,
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
export { createTaskActivities, type StoredTask, type TaskStatus, type TaskStore } from './tasks.js'
export { type ConfigChange, type NodeUpgrade, upgradeNode } from './upgrade.js'
export {
  estimateHistoryEvents,
  expressionNodeReferences,
  type FlowProblem,
  type FlowValidation,
  maxHistoryEvents,
  validateFlow,
} from './validate.js'
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
