import { WarmflowError } from '@warmflow/engine'
import { type AvailabilitySlot, type dayParts, volunteerFields, type weekdays } from '@warmflow/nodes'
import type { Database } from '@warmflow/store'
import { type Kysely, sql } from 'kysely'

/** One problem in one row of an import, in Dutch and English. */
export interface ImportRowError {
  /** Line number in the file (the header is line 1). */
  line: number
  /** The column, when the problem is in one column. */
  column?: string
  nl: string
  en: string
}

/** What {@link importVolunteers} did. */
export interface ImportReport {
  /** Rows read (without the header). */
  rows: number
  created: number
  updated: number
  /** Rows not imported, with every problem per row. */
  errors: ImportRowError[]
  dryRun: boolean
}

/** Raised when the file as a whole cannot be read (not a per-row problem). */
export class ImportError extends WarmflowError {}

/**
 * Splits CSV text into rows of cells: comma or semicolon separated (whichever the header uses),
 * double quotes around cells with separators, quotes or line breaks (`""` is a quote).
 *
 * @example
 * parseCsv('naam;talen\n"Els, B.";nl') // [['naam', 'talen'], ['Els, B.', 'nl']]
 */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '')
  const firstLine = body.split(/\r?\n/, 1)[0] ?? ''
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') {
        quoted = false
      } else {
        cell += char
      }
    } else if (char === '"' && cell === '') {
      quoted = true
    } else if (char === separator) {
      row.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else {
      cell += char
    }
  }
  if (quoted) {
    throw new ImportError('import.unclosed_quote', 'A quoted cell is not closed', {
      text: {
        nl: 'Een cel met aanhalingstekens wordt niet afgesloten. Controleer het bestand.',
        en: 'A quoted cell is never closed. Check the file.',
      },
    })
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''))
}

/** Column names accepted for each volunteer field, Dutch and English. */
const columnAliases: Record<string, string[]> = {
  external_ref: ['ref', 'referentie', 'nummer', 'id', 'external_ref', 'reference'],
  name: ['naam', 'name', 'volledige naam', 'full name'],
  email: ['email', 'e-mail', 'e-mailadres', 'email address'],
  phone: ['telefoon', 'telefoonnummer', 'phone', 'mobiel'],
  postcode: ['postcode', 'postal code', 'zip'],
  city: ['plaats', 'woonplaats', 'city'],
  languages: ['talen', 'languages', 'taal'],
  skills: ['vaardigheden', 'skills', 'kan helpen met'],
  availability: ['beschikbaar', 'beschikbaarheid', 'availability'],
  has_vog: ['vog', 'has_vog', 'certificate of conduct'],
  max_active_matches: ['max_koppelingen', 'max matches', 'max_active_matches'],
  active_matches: ['koppelingen', 'active matches', 'active_matches'],
  notes: ['notities', 'opmerkingen', 'notes'],
}

const dayAliases: Record<string, (typeof weekdays)[number]> = {
  ma: 'ma',
  maandag: 'ma',
  mon: 'ma',
  monday: 'ma',
  di: 'di',
  dinsdag: 'di',
  tue: 'di',
  tuesday: 'di',
  wo: 'wo',
  woensdag: 'wo',
  wed: 'wo',
  wednesday: 'wo',
  do: 'do',
  donderdag: 'do',
  thu: 'do',
  thursday: 'do',
  vr: 'vr',
  vrijdag: 'vr',
  fri: 'vr',
  friday: 'vr',
  za: 'za',
  zaterdag: 'za',
  sat: 'za',
  saturday: 'za',
  zo: 'zo',
  zondag: 'zo',
  sun: 'zo',
  sunday: 'zo',
}
const partAliases: Record<string, (typeof dayParts)[number]> = {
  ochtend: 'ochtend',
  morning: 'ochtend',
  middag: 'middag',
  afternoon: 'middag',
  avond: 'avond',
  evening: 'avond',
}

/**
 * Reads availability such as `di-middag;do-ochtend` (also `tuesday-afternoon`).
 *
 * @example
 * parseAvailability('di-middag; thursday-morning') // [{ day: 'di', part: 'middag' }, { day: 'do', part: 'ochtend' }]
 */
export function parseAvailability(text: string): AvailabilitySlot[] | { invalid: string } {
  const slots: AvailabilitySlot[] = []
  for (const item of text
    .split(/[;|]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    const [dayText, partText] = item.split(/[-\s]+/, 2)
    const day = dayAliases[dayText ?? '']
    const part = partAliases[partText ?? '']
    if (!day || !part) return { invalid: item }
    if (!slots.some((s) => s.day === day && s.part === part)) slots.push({ day, part })
  }
  return slots
}

const list = (text: string) =>
  text
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean)

function yesNo(text: string): boolean | undefined {
  const value = text.trim().toLowerCase()
  if (['ja', 'yes', 'j', 'y', 'true', '1', 'x'].includes(value)) return true
  if (['nee', 'no', 'n', 'false', '0', ''].includes(value)) return false
  return undefined
}

const fieldLabels: Record<string, { nl: string; en: string }> = {
  name: { nl: 'naam', en: 'name' },
  email: { nl: 'e-mail', en: 'e-mail' },
  phone: { nl: 'telefoon', en: 'phone' },
  postcode: { nl: 'postcode', en: 'postcode' },
  languages: { nl: 'talen', en: 'languages' },
  skills: { nl: 'vaardigheden', en: 'skills' },
  availability: { nl: 'beschikbaar', en: 'availability' },
  has_vog: { nl: 'VOG', en: 'VOG' },
  max_active_matches: { nl: 'max_koppelingen', en: 'max matches' },
  active_matches: { nl: 'koppelingen', en: 'matches' },
}

/** Options for {@link importVolunteers}. */
export interface ImportOptions {
  /** The team the volunteers belong to. */
  teamId?: string | null
  /** Only check the file; change nothing. */
  dryRun?: boolean
}

/**
 * Imports volunteers from CSV text: checks every row (names, e-mail, phone, postcode,
 * availability, VOG yes/no, numbers) and reports each problem per line in Dutch and English.
 * Valid rows are saved in one transaction; a row with a reference (`ref`) that already exists
 * in the team is updated instead of added, so importing the same file twice changes nothing.
 *
 * @example
 * const report = await importVolunteers(db, await readFile('vrijwilligers.csv', 'utf8'), { teamId })
 * report.errors // [{ line: 4, column: 'postcode', nl: 'postcode: …', en: 'postcode: …' }]
 */
export async function importVolunteers(
  db: Kysely<Database>,
  csv: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const rows = parseCsv(csv)
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase())
  const columns = new Map<string, number>()
  for (const [field, aliases] of Object.entries(columnAliases)) {
    const index = header.findIndex((h) => aliases.includes(h))
    if (index >= 0) columns.set(field, index)
  }
  if (!columns.has('name')) {
    throw new ImportError('import.no_name_column', 'The file has no name column', {
      text: {
        nl: 'Het bestand heeft geen kolom "naam". De eerste regel moet de kolomnamen bevatten.',
        en: 'The file has no "name" column. The first line must hold the column names.',
      },
    })
  }
  const report: ImportReport = {
    rows: rows.length - 1,
    created: 0,
    updated: 0,
    errors: [],
    dryRun: !!options.dryRun,
  }
  const valid: { line: number; values: Record<string, unknown> }[] = []
  const seenRefs = new Map<string, number>()

  rows.slice(1).forEach((cells, index) => {
    const line = index + 2
    const cell = (field: string) => {
      const at = columns.get(field)
      return at === undefined ? undefined : (cells[at] ?? '').trim()
    }
    const problems: ImportRowError[] = []
    const raw: Record<string, unknown> = {}
    for (const field of ['external_ref', 'name', 'email', 'phone', 'postcode', 'city', 'notes']) {
      const value = cell(field)
      if (value !== undefined && value !== '') raw[field] = value
    }
    for (const field of ['languages', 'skills']) {
      const value = cell(field)
      if (value !== undefined) raw[field] = list(value)
    }
    const availability = cell('availability')
    if (availability !== undefined) {
      const parsed = parseAvailability(availability)
      if ('invalid' in parsed) {
        problems.push({
          line,
          column: 'availability',
          nl: `beschikbaar: "${parsed.invalid}" is geen moment; gebruik bijvoorbeeld di-middag`,
          en: `availability: "${parsed.invalid}" is not a time slot; use for example di-middag (tuesday-afternoon)`,
        })
      } else raw.availability = parsed
    }
    const vog = cell('has_vog')
    if (vog !== undefined) {
      const value = yesNo(vog)
      if (value === undefined) {
        problems.push({ line, column: 'has_vog', nl: 'VOG: vul ja of nee in', en: 'VOG: fill in yes or no' })
      } else raw.has_vog = value
    }
    for (const field of ['max_active_matches', 'active_matches']) {
      const value = cell(field)
      if (value !== undefined && value !== '') raw[field] = /^\d+$/.test(value) ? Number(value) : value
    }
    const result = volunteerFields.safeParse(raw)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '')
        const label = fieldLabels[field] ?? { nl: field, en: field }
        const missing = (issue as { input?: unknown }).input === undefined
        problems.push({
          line,
          column: field,
          nl: `${label.nl}: ${missing ? 'ontbreekt' : 'klopt niet'}`,
          en: `${label.en}: ${missing ? 'is missing' : 'is not valid'} (${issue.message})`,
        })
      }
    }
    const ref = typeof raw.external_ref === 'string' ? raw.external_ref : undefined
    if (ref !== undefined) {
      const earlier = seenRefs.get(ref)
      if (earlier !== undefined) {
        problems.push({
          line,
          column: 'external_ref',
          nl: `ref: "${ref}" staat ook al op regel ${earlier}`,
          en: `ref: "${ref}" is also on line ${earlier}`,
        })
      } else seenRefs.set(ref, line)
    }
    if (problems.length) report.errors.push(...problems)
    else if (result.success) valid.push({ line, values: result.data })
  })

  if (options.dryRun || valid.length === 0) {
    report.created = options.dryRun ? valid.length : 0
    return report
  }
  const teamId = options.teamId ?? null
  await db.transaction().execute(async (trx) => {
    for (const { values } of valid) {
      const row = {
        team_id: teamId,
        external_ref: (values.external_ref as string | undefined) ?? null,
        name: values.name as string,
        email: (values.email as string | undefined) ?? null,
        phone: (values.phone as string | undefined) ?? null,
        postcode: (values.postcode as string | undefined) ?? null,
        city: (values.city as string | undefined) ?? null,
        languages: JSON.stringify(values.languages ?? []),
        skills: JSON.stringify(values.skills ?? []),
        availability: JSON.stringify(values.availability ?? []),
        has_vog: (values.has_vog as boolean | undefined) ?? false,
        max_active_matches: (values.max_active_matches as number | undefined) ?? 2,
        active_matches: (values.active_matches as number | undefined) ?? 0,
        notes: (values.notes as string | undefined) ?? '',
      }
      const existing = row.external_ref
        ? await trx
            .selectFrom('volunteers')
            .select('id')
            .where('external_ref', '=', row.external_ref)
            .where(teamId === null ? sql<boolean>`team_id is null` : sql<boolean>`team_id = ${teamId}`)
            .executeTakeFirst()
        : undefined
      if (existing) {
        await trx
          .updateTable('volunteers')
          .set({ ...row, updated_at: new Date() })
          .where('id', '=', existing.id)
          .execute()
        report.updated++
      } else {
        await trx.insertInto('volunteers').values(row).execute()
        report.created++
      }
    }
  })
  return report
}

/**
 * Formats an import report for people, in Dutch or English.
 *
 * @example
 * process.stdout.write(formatImportReport(report, 'nl'))
 */
export function formatImportReport(report: ImportReport, language: 'nl' | 'en'): string {
  const lines =
    language === 'nl'
      ? [
          `${report.rows} regels gelezen: ${report.created} ${report.dryRun ? 'goed (proef, niets opgeslagen)' : 'toegevoegd'}, ${report.updated} bijgewerkt, ${new Set(report.errors.map((e) => e.line)).size} met fouten.`,
        ]
      : [
          `${report.rows} rows read: ${report.created} ${report.dryRun ? 'valid (dry run, nothing saved)' : 'added'}, ${report.updated} updated, ${new Set(report.errors.map((e) => e.line)).size} with errors.`,
        ]
  for (const error of report.errors) {
    lines.push(`  ${language === 'nl' ? 'regel' : 'line'} ${error.line}: ${error[language]}`)
  }
  return `${lines.join('\n')}\n`
}
