// `@warmflow/engine/core`: the engine's pure modules, for code that runs outside Node (the
// designer in the browser). Nothing reachable from here may import a Node built-in, the Temporal
// activity or worker packages, or the workflow interpreter; `core.test.ts` checks that.
export { engineVersion, satisfiesRange } from './compat.js'
export * from './control/index.js'
export { NodeError, WarmflowError, type WarmflowErrorOptions } from './errors.js'
export {
  defaultExpressionLimits,
  ExpressionError,
  type ExpressionLimits,
  evaluateExpression,
  parseExpression,
} from './expressions.js'
export { type Language, type LocalizedText, languages } from './i18n.js'
export {
  expressionSourceSchema,
  type FlowDefinition,
  type FlowDefinitionInput,
  type FlowEdge,
  type FlowNode,
  fieldNameSchema,
  flowDefinitionSchema,
  flowEdgeSchema,
  flowNodeSchema,
  type NodeOptions,
  nodeOptionsSchema,
} from './model.js'
export {
  type AnyNodeDefinition,
  type DataRecipient,
  type DataSubject,
  dataSubjects,
  defaultOutputPort,
  errorOutputPort,
  type NodeCategory,
  type NodeDefinition,
  type NodeExpression,
  type NodePort,
  nodeDefinitionBrand,
  outputPortsOf,
  type PersonalDataCategory,
  type PersonalDataDeclaration,
  type PersonalDataRegisterEntry,
  personalDataCategories,
  registerEntryOf,
} from './node.js'
export { createRegistry, type NodeRegistry } from './registry.js'
export type { CataloguePort, JsonSchema, NodeCatalogueEntry } from './schemas.js'
export {
  estimateHistoryEvents,
  expressionNodeReferences,
  type FlowProblem,
  type FlowValidation,
  maxHistoryEvents,
  validateFlow,
} from './validate.js'
