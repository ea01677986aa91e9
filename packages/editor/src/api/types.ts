import type { LocalizedText } from './client'

/** A role decides what a person sees: designers build flows, approvers work the inbox. */
export type Role = 'admin' | 'designer' | 'approver' | 'developer'

/** The signed-in person, from `POST /auth/login` or `GET /auth/me`. */
export interface CurrentUser {
  id: string
  email: string
  name: string
  roles: string[]
  teams: { id: string; name: string }[]
}

/** What login and `/auth/me` answer. */
export interface SessionInfo {
  user: CurrentUser
  csrfToken?: string
}

/** One node placed on the canvas, as the flow definition stores it. */
export interface FlowNodeJson {
  id: string
  type: string
  version: number
  label?: string
  config?: Record<string, unknown>
  position?: { x: number; y: number }
  options?: Record<string, unknown>
  credentials?: Record<string, string>
}

/** One connection between two nodes. */
export interface FlowEdgeJson {
  id: string
  source: string
  sourcePort?: string
  target: string
  targetPort?: string
}

/** The content of a flow: what the designer draws. */
export interface FlowDefinitionJson {
  name: string
  description?: string
  retentionDays?: number
  tags?: string[]
  nodes: FlowNodeJson[]
  edges: FlowEdgeJson[]
}

/** A flow as `GET /api/v1/flows/{id}` returns it. Fields beyond the skeleton's are optional. */
export interface FlowJson {
  id: string
  name: string
  description: string
  latestVersion: number | null
  definition: FlowDefinitionJson
  revision?: number
  teamId?: string
  team?: { id: string; name: string }
  status?: string
  archived?: boolean
  /** Not sent by every API version: undefined means unknown, null means never run. */
  lastRun?: { id: string; status: string; createdAt: string } | null
  createdAt: string
  updatedAt: string
}

/** One published version of a flow. */
export interface FlowVersionJson {
  version: number
  note?: string
  hash?: string
  createdAt?: string
  publishedAt?: string
  author?: { id: string; name: string } | null
  authorName?: string
}

/** One node type from the catalogue (`GET /api/v1/nodes`). */
/** What upgrading a node would change (`POST /api/v1/node-upgrades`). */
export interface NodeUpgradeJson {
  type: string
  from: number
  to: number
  config: Record<string, unknown>
  changes: { path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }[]
  valid: boolean
  problems: LocalizedText[]
}

export interface CatalogueNode {
  key: string
  type: string
  version: number
  title: LocalizedText
  description?: LocalizedText
  category: string
  icon?: string
  /** Output ports; one port `out` when absent (every node also has the `error` port). */
  outputs?: (string | { id: string; title: LocalizedText })[]
  secrets?: string[]
  personalData?: { reads?: string[]; sendsOutside?: string }
  configSchema?: JsonSchema
  inputSchema?: JsonSchema
  outputSchema?: JsonSchema
}

/** The subset of JSON Schema the config forms understand. */
export interface JsonSchema {
  type?: string | string[]
  title?: string
  description?: string
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

/** The state of one node in a run. */
export interface NodeRunStateJson {
  status: 'pending' | 'running' | 'completed' | 'failed' | 'skipped' | 'waiting'
  startedAt?: string
  finishedAt?: string
  attempts: number
  input?: unknown
  output?: unknown
  error?: { code: string; message: string | LocalizedText }
}

/** A run as `GET /api/v1/runs/{id}` returns it. */
export interface RunJson {
  id: string
  flowId: string
  flowVersion: number
  status: 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timed_out' | 'unknown'
  createdAt: string
  output?: unknown
  error?: { message: string }
  nodes?: Record<string, NodeRunStateJson>
}

/** An AI-made draft shown beside its source in a task. */
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

/** A volunteer proposed by the matching node, with the reasons for the score. */
export interface SuggestionJson {
  id: string
  name: string
  score?: number
  reasons?: (string | LocalizedText)[]
}

/** One field of a task's form (the engine's `formFieldSchema`). */
export interface TaskFieldJson {
  type: 'string' | 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'enum'
  title: LocalizedText
  description?: LocalizedText
  required?: boolean
  options?: string[]
  minimum?: number
  maximum?: number
  maxLength?: number
}

/** A task in the inbox (`/api/v1/tasks`). */
export interface TaskJson {
  id: string
  runId: string
  flowId: string
  nodeId: string
  teamId: string | null
  role: string
  /** The user id of whoever claimed the task, or null. */
  assignee: string | null
  title: LocalizedText
  status: 'open' | 'completed' | 'expired' | 'cancelled'
  deadline: string | null
  overdue: boolean
  fourEyes: boolean
  createdAt: string
  updatedAt: string
  /** Detail only: the fields the approver may edit, by name. */
  form?: { fields: Record<string, TaskFieldJson> }
  /** Detail only: the data the flow shows the approver (summary, source text, suggestions). */
  data?: Record<string, unknown>
  outcome?: Record<string, unknown> | null
  history?: { type: string; data: Record<string, unknown>; at: string }[]
  /** When the API puts them apart from `data`. */
  aiDraft?: AiDraftJson
  suggestions?: SuggestionJson[]
  values?: Record<string, unknown>
}

/** The inbox lists. */
export type TaskView = 'mine' | 'team' | 'unassigned' | 'due_soon' | 'overdue'
