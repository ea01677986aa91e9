import type { FlowDefinition } from '@warmflow/engine'
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { PeopleTables } from './people-tables.js'

type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

/** A flow: its current draft and the number of its newest published version. */
export interface FlowsTable {
  id: Generated<string>
  name: string
  description: string
  draft: Json<FlowDefinition>
  latest_version: number | null
  /** The team that owns the flow, its versions and its runs. */
  team_id: string
  /** Draft revision: a save names the revision it edited, so two editors cannot overwrite each other. */
  revision: Generated<number>
  archived_at: Date | null
  created_by: string | null
  updated_by: string | null
  /** Webhook signing secret, encrypted like credentials; null until one is made. */
  webhook_secret: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** An immutable published version of a flow. */
export interface FlowVersionsTable {
  flow_id: string
  version: number
  definition: Json<FlowDefinition>
  hash: string
  author_id: string | null
  note: Generated<string>
  created_at: CreatedAt
}

/** What lists and searches need about a run; Temporal holds the execution itself. */
export interface RunsTable {
  id: string
  flow_id: string
  /** The published version the run ran; null for a test run of a draft. */
  flow_version: number | null
  /** The draft definition a test run ran with (and its retries); null for published versions. */
  definition: ColumnType<FlowDefinition | null, string | null | undefined, string | null>
  workflow_id: string
  status: string
  team_id: string
  started_by: string | null
  /** How the run was started: `manual`, `webhook`, `form`, `retry` or `test`. */
  trigger: Generated<string>
  idempotency_key: string | null
  retry_of: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  /** When the retention job removed the run's contents; null while they are kept. */
  removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** The term (days) the run's contents were removed after; null while they are kept. */
  removed_after_days: ColumnType<number | null, number | null | undefined, number | null>
  /** When the run's contents were erased on a person's request (AVG art. 17); null otherwise. */
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** A run's own data key, wrapped by the payload keys; destroyed (nulls) when the run is erased. */
export interface RunKeysTable {
  workflow_id: string
  /** Id of the payload key that wrapped the key; null once destroyed. */
  key_id: string | null
  wrapped: Uint8Array | null
  created_at: CreatedAt
  destroyed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** Whom a run is about: a keyed hash of one identifier (e-mail, phone) the flow received. */
export interface RunSubjectsTable {
  run_id: string
  team_id: string
  /** `email` or `phone`. */
  kind: string
  /** `<key id>:<hex HMAC-SHA256>` of the normalised identifier. */
  value_hash: string
  created_at: CreatedAt
}

/** A team: flows, runs, tasks and credentials belong to one. */
export interface TeamsTable {
  id: Generated<string>
  name: string
  created_at: CreatedAt
}

/** An account. Roles are global; what a user may touch is limited to the teams they belong to. */
export interface UsersTable {
  id: Generated<string>
  email: string
  name: string
  password_hash: string | null
  roles: ColumnType<string[], string[] | undefined, string[]>
  disabled_at: Date | null
  failed_logins: Generated<number>
  locked_until: Date | null
  /** Issuer of the identity provider this account signs in with (single sign-on); null until linked. */
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>
  /** The provider's subject (`sub`) for this account; null until the first single sign-on. */
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** Membership of a user in a team. */
export interface TeamMembersTable {
  team_id: string
  user_id: string
  created_at: CreatedAt
}

/** A server-side session; only the sha256 of the cookie's token is stored. */
export interface SessionsTable {
  id: Generated<string>
  token_hash: string
  user_id: string
  provider: string
  ip: string | null
  user_agent: string | null
  created_at: CreatedAt
  last_seen_at: UpdatedAt
  expires_at: Date
}

/** One line of the append-only audit log (the database refuses updates and deletes). */
export interface AuditLogTable {
  id: Generated<string>
  at: CreatedAt
  actor_id: string | null
  actor_email: string | null
  on_behalf_of: string | null
  action: string
  object_type: string | null
  object_id: string | null
  team_id: string | null
  ip: string | null
  details: Json<Record<string, unknown>>
}

/** A delivered webhook: a second delivery with the same id returns the same run. */
export interface WebhookDeliveriesTable {
  flow_id: string
  delivery_id: string
  run_id: string
  created_at: CreatedAt
}

/** A team's stored secret (AES-256-GCM), referenced by name from node configs. */
export interface CredentialsTable {
  id: Generated<string>
  team_id: string
  name: string
  description: Generated<string>
  secret: string
  created_by: string | null
  updated_by: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** A human task in a team's inbox; written by the interpreter through the task store. */
export interface TasksTable {
  id: string
  workflow_id: string
  run_id: string
  flow_id: string
  flow_version: number
  node_id: string
  team_id: string | null
  role: string
  assignee: string | null
  title: Json<{ nl: string; en: string }>
  form: Json<{ fields: Record<string, unknown> }>
  data: Json<Record<string, unknown>>
  status: 'open' | 'completed' | 'expired' | 'cancelled'
  outcome: ColumnType<Record<string, unknown> | null, string | undefined, string>
  deadline: ColumnType<Date | null, Date | string | null, Date | string | null>
  four_eyes: Generated<boolean>
  started_by: string | null
  created_at: CreatedAt
  updated_at: UpdatedAt
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** One change to a human task, recorded once per `event_key`. */
export interface TaskEventsTable {
  id: Generated<string>
  task_id: string
  event_key: string
  type: string
  data: Json<Record<string, unknown>>
  created_at: CreatedAt
}

/** A node output too large for Temporal, encrypted; the workflow holds `output:<id>`. */
export interface NodeOutputsTable {
  id: string
  run_id: string
  node_id: string
  /** Id of the payload key that encrypted `data`; null when stored unencrypted. */
  key_id: string | null
  data: Uint8Array
  size_bytes: number
  created_at: CreatedAt
}

/** A fixed-window counter shared by every API process (e.g. sign-in attempts per address). */
export interface RateLimitsTable {
  /** What is counted, e.g. `login:ip`. */
  bucket: string
  /** sha256 of the key (a client address or account), so the address itself is not stored. */
  key_hash: string
  hits: number
  window_ends_at: Date
  created_at: CreatedAt
}

/** The whole database, as Kysely sees it. */
export interface Database extends PeopleTables {
  flows: FlowsTable
  flow_versions: FlowVersionsTable
  runs: RunsTable
  teams: TeamsTable
  users: UsersTable
  team_members: TeamMembersTable
  sessions: SessionsTable
  audit_log: AuditLogTable
  webhook_deliveries: WebhookDeliveriesTable
  credentials: CredentialsTable
  tasks: TasksTable
  task_events: TaskEventsTable
  node_outputs: NodeOutputsTable
  rate_limits: RateLimitsTable
}

export type FlowRow = Selectable<FlowsTable>
export type NewFlowRow = Insertable<FlowsTable>
export type FlowVersionRow = Selectable<FlowVersionsTable>
export type RunRow = Selectable<RunsTable>
export type UserRow = Selectable<UsersTable>
export type TeamRow = Selectable<TeamsTable>
export type AuditLogRow = Selectable<AuditLogTable>

/** How long a human task waited and was worked on; written by the inbox and the decision. */
export interface TaskMeasuresTable {
  task_id: string
  run_id: string
  flow_id: string
  /** The task's team (copied, like the run's start, so the report reads a period by index). */
  team_id: string | null
  node_id: string
  /** When the task's run started. */
  run_created_at: ColumnType<Date, Date | string, Date | string>
  /** When the task was created (copied from `tasks`). */
  created_at: ColumnType<Date, Date | string, Date | string>
  /** First time someone opened the task in the inbox. */
  opened_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  claimed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Time the task was open in a visible, used browser tab (sum of activity beats). */
  active_ms: ColumnType<string, number | string | undefined, number | string>
  last_beat_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  decided_by: string | null
  decision: string | null
}

/** What became of one AI draft field of a decided task. */
export interface AiDraftMeasuresTable {
  task_id: string
  /** The draft's path in the task data, e.g. `samenvatting` or `ai.samenvatting`. */
  field: string
  run_id: string
  flow_id: string
  team_id: string | null
  node_id: string
  run_created_at: ColumnType<Date, Date | string, Date | string>
  method: string
  model: string | null
  verdict: 'accepted' | 'edited' | 'rejected'
  /** Share of the draft that was changed (0 = unchanged, 1 = entirely); null when rejected. */
  edit_ratio: number | null
  decided_at: ColumnType<Date, Date | string, Date | string>
}

// Declaration merging adds the impact and erasure tables to the database type.
export interface Database {
  run_keys: RunKeysTable
  run_subjects: RunSubjectsTable
  task_measures: TaskMeasuresTable
  ai_draft_measures: AiDraftMeasuresTable
}
