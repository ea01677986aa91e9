export { classificationSchema, classifyNode } from './classify/classify.js'
export {
  type AiMeta,
  aiFieldPath,
  aiLanguage,
  aiMetaSchema,
  aiOutputField,
  buildMessages,
  cleanModelText,
  guardOutgoing,
  newDataMarker,
  offlineLabel,
  outgoingContent,
  parseModelJson,
} from './common.js'
export {
  type AiNodeBaseConfig,
  type AiNodeSource,
  type AiNodeSpec,
  type AiPrompt,
  defineAiNode,
} from './define.js'
export { draftNode } from './draft/draft.js'
export {
  type ExtractFieldDefinition,
  extractFieldSchema,
  extractJsonSchema,
  extractNode,
  extractZodSchema,
} from './extract/extract.js'
export { classifyOffline, extractOffline, fillTemplate, splitSentences, summariseOffline } from './offline.js'
export { type PrivacyProblem, privacyProblems } from './policy.js'
export {
  type AiLocation,
  type AiProviderConfig,
  type AiUsage,
  aiProviderSchema,
  aiSecretSlot,
  type ChatMessage,
  type ChatOptions,
  type ChatResult,
  callChat,
  loadAiProvider,
} from './provider.js'
export { summariseNode } from './summarise/summarise.js'
