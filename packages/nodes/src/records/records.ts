import { defineNode, evaluateExpression, NodeError, type RecordStore } from '@warmflow/engine'
import { z } from 'zod'
import { fieldLabel } from '../field-labels.js'
import { tableRegister } from '../register.js'
import { type RecordTable, recordSchemas, recordTableSchema as tableSchema } from './schemas.js'

const data = z.record(z.string(), z.unknown())
const fieldName = z.string().regex(/^[a-z][a-z0-9_]*$/)
const expressions = z.record(fieldName, z.string().min(1).max(4000))
const recordOutput = z.object({ record: data })
const recordTableSchema = tableSchema.meta(fieldLabel('Tabel', 'Table'))
const valuesMeta = fieldLabel('Waarden', 'Values', {
  nl: 'Per veld een formule over de binnenkomende gegevens.',
  en: 'Per field a formula over the incoming data.',
})
const whichRecord = fieldLabel('Welk record (formule)', 'Which record (formula)', {
  nl: 'Een formule die het nummer (id) van het record geeft.',
  en: 'A formula giving the number (id) of the record.',
})

const tableTitles: Record<RecordTable, { nl: string; en: string }> = {
  volunteers: { nl: 'vrijwilligers', en: 'volunteers' },
  clients: { nl: 'cliënten', en: 'clients' },
  intakes: { nl: 'aanmeldingen', en: 'intakes' },
  progress_reports: { nl: 'voortgangsverslagen', en: 'progress reports' },
}

/** Returns `ctx.records` or a clear error when the worker runs without a database. */
export function requireRecords(records: RecordStore | undefined): RecordStore {
  if (!records) {
    throw new NodeError('records.unavailable', 'This worker has no database for Warmflow records', {
      text: {
        nl: 'Deze worker heeft geen verbinding met de Warmflow-database.',
        en: 'This worker has no connection to the Warmflow database.',
      },
    })
  }
  return records
}

/**
 * The idempotency key of a node across retries: the key the node has in the original run of its
 * retry chain (`<workflow id>/<node id>`), so a run started by "retry" finds what the run it
 * retries wrote. The node's own key when the run has no row (a run started outside the API).
 *
 * @example
 * const key = await chainKey(store, ctx.run, ctx.idempotencyKey) // 'run-<original>/opslaan'
 */
export async function chainKey(
  store: RecordStore,
  run: { runId: string; nodeId: string },
  idempotencyKey: string,
): Promise<string> {
  const chain = (await store.retryChain?.(run.runId)) ?? []
  const original = chain.at(-1)
  return original ? `${original}/${run.nodeId}` : idempotencyKey
}

/** Raised when values do not fit the table's fields; lists each field with its problem. */
export class RecordValidationError extends NodeError {}

/**
 * Checks values against a table's field schema. `partial` for updates (only the given fields).
 *
 * @example
 * const values = validateRecord('volunteers', { name: 'Sanne', postcode: '3511ab' }, false)
 */
export function validateRecord(
  table: RecordTable,
  values: Record<string, unknown>,
  partial: boolean,
): Record<string, unknown> {
  const schema = partial ? recordSchemas[table].partial().strict() : recordSchemas[table].strict()
  const result = schema.safeParse(values)
  if (result.success) return result.data as Record<string, unknown>
  const fields = result.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
  throw new RecordValidationError('records.invalid_fields', `Invalid ${table} fields: ${fields.join('; ')}`, {
    text: {
      nl: `Deze velden voor ${tableTitles[table].nl} kloppen niet: ${fields.join('; ')}`,
      en: `These fields for ${tableTitles[table].en} are not valid: ${fields.join('; ')}`,
    },
    details: { fields: result.error.issues.map((issue) => issue.path.join('.')) },
  })
}

/** True when the table's field holds a list (under any optional, nullable or default wrapper). */
function isListField(table: RecordTable, field: string): boolean {
  let schema: z.ZodType | undefined = (recordSchemas[table].shape as Record<string, z.ZodType>)[field]
  while (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault
  ) {
    schema = schema.unwrap() as z.ZodType
  }
  return schema instanceof z.ZodArray
}

/**
 * Evaluates each field's expression. JSONata gives a list of one item as that item alone
 * (`$map` over one ticked time slot yields an object, not a list of one), so a value for a list
 * field of `listsOf` that is not a list becomes a list of one: one slot must work like two.
 */
async function evaluateAll(
  mapping: Record<string, string>,
  input: unknown,
  listsOf?: RecordTable,
): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {}
  for (const [field, expression] of Object.entries(mapping)) {
    const value = await evaluateExpression(expression, input)
    if (value === undefined) continue
    values[field] =
      listsOf && value !== null && !Array.isArray(value) && isListField(listsOf, field) ? [value] : value
  }
  return values
}

// The id or filter comes from the run's data, so the message does not repeat it.
function notFound(table: RecordTable, by: 'id' | 'filter'): NodeError {
  const what =
    by === 'id'
      ? { nl: 'met dit id', en: 'with this id', message: 'with the given id' }
      : { nl: 'dat aan het filter voldoet', en: 'that matches the filter', message: 'matching the filter' }
  return new NodeError('records.not_found', `No ${table} record ${what.message}`, {
    text: {
      nl: `Er is geen record in ${tableTitles[table].nl} ${what.nl}.`,
      en: `There is no record in ${tableTitles[table].en} ${what.en}.`,
    },
  })
}

/** True when a row may be used by a run of `teamId` (rows without a team are shared). */
function inTeam(row: Record<string, unknown> | undefined, teamId: string | undefined): boolean {
  return !!row && (!teamId || row.team_id === null || row.team_id === undefined || row.team_id === teamId)
}

const personal = [
  'name',
  'email',
  'phone',
  'postcode',
  'requester_name',
  'requester_email',
  'requester_phone',
]

/** Creates a record in one of Warmflow's own tables, with field-level validation. */
export const recordsCreateNode = defineNode({
  type: 'records.create',
  version: 1,
  category: 'data',
  icon: 'database-plus',
  title: { nl: 'Record aanmaken', en: 'Create record' },
  description: {
    nl: 'Slaat een vrijwilliger, cliënt, aanmelding of voortgangsverslag op in Warmflow. Elk veld wordt gecontroleerd.',
    en: 'Saves a volunteer, client, intake or progress report in Warmflow. Every field is checked.',
  },
  input: data,
  config: z.object({
    table: recordTableSchema,
    /** Field → JSONata expression over the input. */
    values: expressions.meta(valuesMeta).default({}),
  }),
  output: recordOutput,
  personalData: {
    reads: personal,
    sendsOutside: 'never',
    register: (config) => tableRegister(config.table, Object.keys(config.values)),
  },
  activity: { startToCloseTimeout: '15 seconds', retry: { maximumAttempts: 3 } },
  async execute({ input, config, records, idempotencyKey, run }) {
    const store = requireRecords(records)
    const values = validateRecord(config.table, await evaluateAll(config.values, input, config.table), false)
    // Records belong to the run's team unless the flow says otherwise.
    if (values.team_id === undefined && run.teamId) values.team_id = run.teamId
    // A retry must not create a second row: intakes remember the run+node that made them, and a
    // run started by "retry" counts as the run it retries (the original of the chain).
    if (config.table === 'intakes' && values.run_id === undefined) {
      values.run_id = await chainKey(store, run, idempotencyKey)
    }
    if (config.table === 'intakes') {
      const [existing] = await store.find('intakes', { where: { run_id: String(values.run_id) }, limit: 1 })
      if (existing) return { record: existing }
    }
    return { record: await store.insert(config.table, values) }
  },
})

/** Reads records by id or by equal fields. */
export const recordsReadNode = defineNode({
  type: 'records.read',
  version: 1,
  category: 'data',
  icon: 'database-search',
  title: { nl: 'Records opzoeken', en: 'Find records' },
  description: {
    nl: 'Zoekt records in Warmflow op id of op velden die gelijk moeten zijn, bijvoorbeeld alle actieve vrijwilligers.',
    en: 'Finds records in Warmflow by id or by fields that must match, for example all active volunteers.',
  },
  input: data,
  config: z.object({
    table: recordTableSchema,
    /** JSONata expression giving the id to read; when set, `where` is ignored. */
    id: z.string().min(1).max(4000).optional().meta(whichRecord),
    /** Field → JSONata expression; rows must equal every value. */
    where: expressions
      .meta(
        fieldLabel('Voorwaarden', 'Conditions', {
          nl: 'Per veld een formule; alleen records waar elk veld gelijk is aan de uitkomst.',
          en: 'Per field a formula; only records where every field equals the result.',
        }),
      )
      .default({}),
    limit: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .meta(fieldLabel('Hoogstens zoveel regels', 'At most this many rows'))
      .default(100),
    /** Fail when nothing is found. */
    required: z
      .boolean()
      .meta(fieldLabel('Stoppen als er niets is gevonden', 'Stop when nothing is found'))
      .default(false),
  }),
  output: z.object({ records: z.array(data), record: data.nullable(), count: z.number().int() }),
  personalData: { reads: [], sendsOutside: 'never', register: (config) => tableRegister(config.table) },
  activity: { startToCloseTimeout: '15 seconds', retry: { maximumAttempts: 3 } },
  async execute({ input, config, records, run }) {
    const store = requireRecords(records)
    let rows: Record<string, unknown>[]
    if (config.id) {
      const id = String(await evaluateExpression(config.id, input))
      const found = await store.get(config.table, id)
      // A run only sees its own team's records (and records without a team).
      const row = inTeam(found, run.teamId) ? found : undefined
      if (!row && config.required) throw notFound(config.table, 'id')
      rows = row ? [row] : []
    } else {
      const where = (await evaluateAll(config.where, input)) as Record<
        string,
        string | number | boolean | null
      >
      rows = (await store.find(config.table, { where, limit: config.limit })).filter((row) =>
        inTeam(row, run.teamId),
      )
      if (rows.length === 0 && config.required) throw notFound(config.table, 'filter')
    }
    return { records: rows, record: rows[0] ?? null, count: rows.length }
  },
})

/** Changes fields of one record. */
export const recordsUpdateNode = defineNode({
  type: 'records.update',
  version: 1,
  category: 'data',
  icon: 'database-edit',
  title: { nl: 'Record wijzigen', en: 'Update record' },
  description: {
    nl: 'Past velden van één record aan, bijvoorbeeld de status van een aanmelding. Elk veld wordt gecontroleerd.',
    en: 'Changes fields of one record, for example the status of an intake. Every field is checked.',
  },
  input: data,
  config: z.object({
    table: recordTableSchema,
    /** JSONata expression giving the id of the record. */
    id: z.string().min(1).max(4000).meta(whichRecord),
    values: expressions.meta(valuesMeta),
  }),
  output: recordOutput,
  personalData: {
    reads: personal,
    sendsOutside: 'never',
    register: (config) => tableRegister(config.table, Object.keys(config.values)),
  },
  activity: { startToCloseTimeout: '15 seconds', retry: { maximumAttempts: 3 } },
  async execute({ input, config, records, run }) {
    const store = requireRecords(records)
    const id = String(await evaluateExpression(config.id, input))
    const values = validateRecord(config.table, await evaluateAll(config.values, input, config.table), true)
    if (!inTeam(await store.get(config.table, id), run.teamId)) throw notFound(config.table, 'id')
    const row = await store.update(config.table, id, values)
    if (!row) throw notFound(config.table, 'id')
    return { record: row }
  },
})
