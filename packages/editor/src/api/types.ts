// The shapes the API sends and takes come from its OpenAPI document (`schema.gen.ts`, made by
// `pnpm gen:api-types`); only views the editor derives itself are written out here.
import type { LocalizedText } from './client'
import type { components, paths } from './schema.gen'

type Schemas = components['schemas']
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch'

/** The JSON answer of an API operation, e.g. `ApiAnswer<'/api/v1/flows/{id}', 'get'>`. */
export type ApiAnswer<Path extends keyof paths, M extends Method, Status extends number = 200> =
  NonNullable<paths[Path][M]> extends { responses: infer Responses }
    ? Status extends keyof Responses
      ? Responses[Status] extends { content: { 'application/json': infer Body } }
        ? Body
        : never
      : never
    : never

/** The JSON body an API operation takes. */
export type ApiBody<Path extends keyof paths, M extends Method> =
  NonNullable<paths[Path][M]> extends {
    requestBody?: { content: { 'application/json': infer Body } }
  }
    ? Body
    : never

/** A role decides what a person sees: designers build flows, approvers work the inbox. */
export type Role = 'admin' | 'designer' | 'approver' | 'developer'

/** What login and `/auth/me` answer. */
export type SessionInfo = Schemas['Session']

/** The signed-in person. */
export type CurrentUser = SessionInfo['user']

/** The content of a flow as the designer sends it (fields with a default may be left out). */
export type FlowDefinitionJson = ApiBody<'/api/v1/flows', 'post'>

/** One node placed on the canvas, as the flow definition stores it. */
export type FlowNodeJson = FlowDefinitionJson['nodes'][number]

/** One connection between two nodes. */
export type FlowEdgeJson = NonNullable<FlowDefinitionJson['edges']>[number]

/** A flow as `GET /api/v1/flows/{id}` returns it. */
export type FlowJson = Schemas['Flow']

/** One published version of a flow. */
export type FlowVersionJson = Schemas['FlowVersion']

/** What validating the draft answers (`POST /api/v1/flows/{id}/validate`). */
export type FlowValidationJson = ApiAnswer<'/api/v1/flows/{id}/validate', 'post'>

/** What upgrading a node would change (`POST /api/v1/node-upgrades`). */
export type NodeUpgradeJson = Schemas['NodeUpgrade']

/** A stored credential of a team: its name and description, never its value. */
export type CredentialJson = Schemas['Credential']

/**
 * One node type from the catalogue (`GET /api/v1/nodes`). The API types its schemas as any
 * JSON Schema; the editor reads them as the subset its forms understand.
 */
export type CatalogueNode = Omit<Schemas['NodeType'], 'configSchema' | 'inputSchema' | 'outputSchema'> & {
  configSchema: JsonSchema
  inputSchema: JsonSchema
  outputSchema: JsonSchema
}

/** The subset of JSON Schema the config forms understand. */
export interface JsonSchema {
  type?: string | string[]
  title?: string
  description?: string
  /** The field's label from its zod `.meta({ label })` (see the engine's `FieldMeta`). */
  label?: LocalizedText
  /** The field's help text from its zod `.meta({ help })`. */
  help?: LocalizedText
  default?: unknown
  enum?: unknown[]
  const?: unknown
  format?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  additionalProperties?: boolean | JsonSchema
  [extension: `x-${string}`]: unknown
}

/** A run as `GET /api/v1/runs/{id}` returns it. */
export type RunJson = Schemas['Run']

/** One run in a list (`GET /api/v1/runs`). */
export type RunSummaryJson = Schemas['RunSummary']

/** The state of one node in a run. */
export type NodeRunStateJson = NonNullable<RunJson['nodes']>[string]

/** A task in an inbox list (`GET /api/v1/tasks`). */
export type TaskSummaryJson = Schemas['TaskSummary']

/** A task with its form, data and history (`GET /api/v1/tasks/{id}`). */
export type TaskJson = Schemas['Task']

/** One field of a task's form (the engine's `formFieldSchema`). */
export type TaskFieldJson = TaskJson['form']['fields'][string]

/** An AI-made draft the editor finds in a task's data, shown beside its source. */
export interface AiDraftJson {
  text: string
  source?: string
  /** True when the offline method made it (no AI endpoint). */
  offline?: boolean
  model?: string
  /** The AI node's own label, e.g. "Concept gemaakt door AI (model). Een mens beslist." */
  label?: LocalizedText
  /** The data field the draft is in (prefills the form field of the same name). */
  field?: string
}

/** A volunteer proposed by the matching node, found in a task's data, with the reasons for the score. */
export interface SuggestionJson {
  id: string
  name: string
  score?: number
  reasons?: (string | LocalizedText)[]
}

/** The inbox lists. */
export type TaskView = NonNullable<NonNullable<paths['/api/v1/tasks']['get']['parameters']['query']>['view']>
