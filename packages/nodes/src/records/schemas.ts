import { z } from 'zod'

/** Days of the week, Dutch abbreviations, Monday first. */
export const weekdays = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const
/** Parts of a day. */
export const dayParts = ['ochtend', 'middag', 'avond'] as const

/** One slot of a week: a day and a part of that day. */
export const availabilitySlotSchema = z.object({
  day: z.enum(weekdays),
  part: z.enum(dayParts),
})
/** A slot of a week. */
export type AvailabilitySlot = z.infer<typeof availabilitySlotSchema>

/** A Dutch postcode such as `3511 AB`; accepted with or without the space, stored with it. */
export const postcodeSchema = z
  .string()
  .trim()
  .regex(
    /^[1-9][0-9]{3} ?[A-Za-z]{2}$/,
    'Use a Dutch postcode such as 3511 AB / gebruik een postcode zoals 3511 AB',
  )
  .transform((v) => `${v.slice(0, 4)} ${v.replace(/ /g, '').slice(4).toUpperCase()}`)

const tag = z.string().trim().toLowerCase().min(1).max(64)
const tags = z.array(tag).max(50)
const uuid = z.uuid()
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()

/** The fields of a volunteer that a flow or an import may set. */
export const volunteerFields = z.object({
  team_id: uuid.nullable().optional(),
  external_ref: optionalText(100),
  name: z.string().trim().min(1).max(200),
  email: z.email().nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{8,20}$/, 'Use a phone number such as 06 12345678 / gebruik een telefoonnummer')
    .nullable()
    .optional(),
  postcode: postcodeSchema.nullable().optional(),
  city: optionalText(100),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  languages: tags.optional(),
  skills: tags.optional(),
  availability: z.array(availabilitySlotSchema).max(21).optional(),
  has_vog: z.boolean().optional(),
  max_active_matches: z.number().int().min(0).max(50).optional(),
  active_matches: z.number().int().min(0).max(50).optional(),
  last_matched_at: z.iso.datetime({ offset: true }).nullable().optional(),
  active: z.boolean().optional(),
  notes: z.string().max(4000).optional(),
})

/** The fields of a client. */
export const clientFields = z.object({
  team_id: uuid.nullable().optional(),
  name: z.string().trim().min(1).max(200),
  email: z.email().nullable().optional(),
  phone: volunteerFields.shape.phone,
  postcode: postcodeSchema.nullable().optional(),
  birth_date: z.iso.date().nullable().optional(),
  languages: tags.optional(),
  notes: z.string().max(4000).optional(),
})

/** The fields of an intake (a request for help). */
export const intakeFields = z.object({
  team_id: uuid.nullable().optional(),
  client_id: uuid.nullable().optional(),
  requester_name: z.string().trim().min(1).max(200),
  requester_email: z.email().nullable().optional(),
  requester_phone: volunteerFields.shape.phone,
  postcode: postcodeSchema.nullable().optional(),
  request: z.string().trim().min(1).max(20_000),
  skills: tags.optional(),
  languages: tags.optional(),
  availability: z.array(availabilitySlotSchema).max(21).optional(),
  requires_vog: z.boolean().optional(),
  status: z.enum(['nieuw', 'in_behandeling', 'gekoppeld', 'afgewezen', 'afgerond']).optional(),
  volunteer_id: uuid.nullable().optional(),
  run_id: optionalText(200),
})

/** The fields of a progress report. */
export const progressReportFields = z.object({
  team_id: uuid.nullable().optional(),
  intake_id: uuid.nullable().optional(),
  client_id: uuid.nullable().optional(),
  volunteer_id: uuid.nullable().optional(),
  body: z.string().trim().min(1).max(20_000),
  author: optionalText(200),
})

/** The tables `records.*` nodes may use, with the schema of their fields. */
export const recordSchemas = {
  volunteers: volunteerFields,
  clients: clientFields,
  intakes: intakeFields,
  progress_reports: progressReportFields,
} as const

/** A table `records.*` nodes may use. */
export const recordTableSchema = z.enum(['volunteers', 'clients', 'intakes', 'progress_reports'])
/** One of the people tables. */
export type RecordTable = z.infer<typeof recordTableSchema>
