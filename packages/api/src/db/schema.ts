import type { FlowDefinition } from '@warmflow/engine'
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { PeopleTables } from '../people/tables.js'

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
  created_at: CreatedAt
  updated_at: UpdatedAt
}

/** An immutable published version of a flow. */
export interface FlowVersionsTable {
  flow_id: string
  version: number
  definition: Json<FlowDefinition>
  hash: string
  created_at: CreatedAt
}

/** What lists and searches need about a run; Temporal holds the execution itself. */
export interface RunsTable {
  id: string
  flow_id: string
  flow_version: number
  workflow_id: string
  status: string
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

/** The whole database, as Kysely sees it. */
export interface Database extends PeopleTables {
  flows: FlowsTable
  flow_versions: FlowVersionsTable
  runs: RunsTable
  node_outputs: NodeOutputsTable
  tasks: TasksTable
  task_events: TaskEventsTable
}

export type FlowRow = Selectable<FlowsTable>
export type NewFlowRow = Insertable<FlowsTable>
export type FlowVersionRow = Selectable<FlowVersionsTable>
export type RunRow = Selectable<RunsTable>
