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

/** The whole database, as Kysely sees it. */
export interface Database extends PeopleTables {
  flows: FlowsTable
  flow_versions: FlowVersionsTable
  runs: RunsTable
}

export type FlowRow = Selectable<FlowsTable>
export type NewFlowRow = Insertable<FlowsTable>
export type FlowVersionRow = Selectable<FlowVersionsTable>
export type RunRow = Selectable<RunsTable>
