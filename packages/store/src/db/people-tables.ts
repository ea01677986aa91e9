import type { ColumnType, Generated } from 'kysely'

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>
type JsonArray<T> = ColumnType<T[], string | undefined, string>
type JsonValue<T> = ColumnType<T, string, string>

/** A slot in a volunteer's week, e.g. `{ day: 'di', part: 'middag' }`. */
export interface AvailabilitySlot {
  day: 'ma' | 'di' | 'wo' | 'do' | 'vr' | 'za' | 'zo'
  part: 'ochtend' | 'middag' | 'avond'
}

/** A volunteer of a team: skills, languages, week availability, location and load. */
export interface VolunteersTable {
  id: Generated<string>
  team_id: string | null
  external_ref: string | null
  name: string
  email: string | null
  phone: string | null
  postcode: string | null
  city: string | null
  latitude: number | null
  longitude: number | null
  languages: JsonArray<string>
  skills: JsonArray<string>
  availability: JsonArray<AvailabilitySlot>
  has_vog: ColumnType<boolean, boolean | undefined, boolean>
  max_active_matches: ColumnType<number, number | undefined, number>
  active_matches: ColumnType<number, number | undefined, number>
  last_matched_at: Date | string | null
  active: ColumnType<boolean, boolean | undefined, boolean>
  notes: ColumnType<string, string | undefined, string>
  created_at: Stamp
  updated_at: Stamp
}

/** A client (hulpvrager) of a team. */
export interface ClientsTable {
  id: Generated<string>
  team_id: string | null
  name: string
  email: string | null
  phone: string | null
  postcode: string | null
  birth_date: Date | string | null
  languages: JsonArray<string>
  notes: ColumnType<string, string | undefined, string>
  created_at: Stamp
  updated_at: Stamp
}

/** A request for help as it came in, and where it stands. */
export interface IntakesTable {
  id: Generated<string>
  team_id: string | null
  client_id: string | null
  requester_name: string
  requester_email: string | null
  requester_phone: string | null
  postcode: string | null
  request: string
  skills: JsonArray<string>
  languages: JsonArray<string>
  availability: JsonArray<AvailabilitySlot>
  requires_vog: ColumnType<boolean, boolean | undefined, boolean>
  status: ColumnType<string, string | undefined, string>
  volunteer_id: string | null
  run_id: string | null
  created_at: Stamp
  updated_at: Stamp
}

/** A progress report about a match. */
export interface ProgressReportsTable {
  id: Generated<string>
  team_id: string | null
  intake_id: string | null
  client_id: string | null
  volunteer_id: string | null
  body: string
  author: string | null
  created_at: Stamp
  updated_at: Stamp
}

/** An in-app notification for a user or a whole team. */
export interface NotificationsTable {
  id: Generated<string>
  idempotency_key: string | null
  team_id: string | null
  user_id: string | null
  title: JsonValue<{ nl: string; en: string }>
  body: JsonValue<{ nl: string; en: string }>
  link: string | null
  run_id: string | null
  read_at: Date | string | null
  created_at: Stamp
  updated_at: Stamp
}

/** One e-mail per run and node: the log that keeps a retry from sending twice. */
export interface EmailDeliveriesTable {
  idempotency_key: string
  message_id: string
  status: string
  recipients: JsonArray<string>
  run_id: string | null
  sent_at: Date | string | null
  created_at: Stamp
  updated_at: Stamp
}

/** The people and notification tables, to merge into the `Database` interface. */
export interface PeopleTables {
  volunteers: VolunteersTable
  clients: ClientsTable
  intakes: IntakesTable
  progress_reports: ProgressReportsTable
  notifications: NotificationsTable
  email_deliveries: EmailDeliveriesTable
}
