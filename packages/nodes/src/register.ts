import type { DataSubject, PersonalDataCategory, PersonalDataRegisterEntry } from '@warmflow/engine'
import type { RecordTable } from './records/schemas.js'

// What the processing register says about the built-in nodes: which categories of personal data
// of whom they process. Pure lookups, bounded by the size of a node's config.

/** The register category of each field of Warmflow's own tables; a field not listed holds none. */
const tableFieldCategories: Record<RecordTable, Record<string, PersonalDataCategory>> = {
  volunteers: {
    name: 'name',
    email: 'email',
    phone: 'phone',
    postcode: 'address',
    city: 'address',
    latitude: 'address',
    longitude: 'address',
    languages: 'profile',
    skills: 'profile',
    availability: 'profile',
    notes: 'free-text',
  },
  clients: {
    name: 'name',
    email: 'email',
    phone: 'phone',
    postcode: 'address',
    birth_date: 'birthdate',
    languages: 'profile',
    notes: 'free-text',
  },
  intakes: {
    requester_name: 'name',
    requester_email: 'email',
    requester_phone: 'phone',
    postcode: 'address',
    request: 'free-text',
    skills: 'profile',
    languages: 'profile',
    availability: 'profile',
  },
  progress_reports: { body: 'free-text', author: 'name' },
}

/** Whose data each table holds: an intake is a request for help by a (future) client. */
const tableSubjects: Record<RecordTable, readonly DataSubject[]> = {
  volunteers: ['volunteers'],
  clients: ['clients'],
  intakes: ['clients'],
  progress_reports: ['clients', 'volunteers'],
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)]

/**
 * The register entry of a records node on `table`: the categories of the given fields, or of the
 * whole table when `fields` is undefined (a read returns every field).
 *
 * @example
 * tableRegister('intakes', ['requester_email']) // { categories: ['email'], subjects: ['clients'] }
 */
export function tableRegister(table: RecordTable, fields?: readonly string[]): PersonalDataRegisterEntry {
  const byField = tableFieldCategories[table]
  const names = fields ?? Object.keys(byField)
  return {
    categories: unique(names.flatMap((name) => (byField[name] ? [byField[name]] : []))),
    subjects: tableSubjects[table],
  }
}

/** What a structured field holds, as the pseudonymise node's `fields` name it. */
const kindCategories: Record<string, PersonalDataCategory> = {
  voornaam: 'name',
  tussenvoegsel: 'name',
  achternaam: 'name',
  naam: 'name',
  telefoon: 'phone',
  email: 'email',
  bsn: 'bsn',
  iban: 'bank-account',
  postcode: 'address',
  adres: 'address',
  geboortedatum: 'birthdate',
}

/**
 * The register entry of the pseudonymise node: the categories of its structured fields, and
 * free text for its text fields.
 *
 * @example
 * pseudonymiseRegister({ fields: { tel: 'telefoon' }, textFields: ['omschrijving'] }).categories // ['phone', 'free-text']
 */
export function pseudonymiseRegister(config: {
  fields: Record<string, string>
  textFields: readonly string[]
}): PersonalDataRegisterEntry {
  const categories = Object.values(config.fields).flatMap((kind) =>
    kindCategories[kind] ? [kindCategories[kind]] : [],
  )
  return {
    categories: unique([...categories, ...(config.textFields.length > 0 ? ['free-text' as const] : [])]),
    safeguard: 'pseudonymise',
  }
}

/** A form field as far as the register needs it. */
interface RegisterField {
  name: string
  type: string
  personal?: boolean | undefined
}

const byName: readonly [RegExp, PersonalDataCategory][] = [
  [/bsn|burgerservice/i, 'bsn'],
  [/iban|rekening/i, 'bank-account'],
  [/geboort|birth/i, 'birthdate'],
  [/mail/i, 'email'],
  [/telefoon|phone|mobiel|gsm/i, 'phone'],
  [/adres|address|straat|street|woonplaats|postcode|plaats|city/i, 'address'],
  [/naam|name/i, 'name'],
]

/**
 * The category of one form field: from its type where that says it (e-mail, phone, postcode),
 * else from its name; a text area is free text even when not marked personal, because people
 * write about themselves in it. Undefined: the field holds no personal data.
 *
 * @example
 * fieldCategory({ name: 'achternaam', type: 'text', personal: true }) // 'name'
 */
export function fieldCategory(field: RegisterField): PersonalDataCategory | undefined {
  if (field.type === 'email') return 'email'
  if (field.type === 'phone') return 'phone'
  if (field.type === 'postcode') return 'address'
  if (field.type === 'textarea')
    return byName.find(([pattern]) => pattern.test(field.name))?.[1] ?? 'free-text'
  if (!field.personal) return undefined
  const named = byName.find(([pattern]) => pattern.test(field.name))?.[1]
  if (named) return named
  return field.type === 'text' ? 'free-text' : 'profile'
}

/**
 * The register entry of a trigger with fields: the categories of its fields, of `subjects`.
 *
 * @example
 * fieldsRegister([{ name: 'email', type: 'email' }], ['clients']).categories // ['email']
 */
export function fieldsRegister(
  fields: readonly RegisterField[],
  subjects: readonly DataSubject[],
): PersonalDataRegisterEntry {
  const categories = unique(fields.flatMap((field) => fieldCategory(field) ?? []))
  return { categories, subjects: categories.length > 0 ? subjects : [] }
}

/**
 * The host of a URL whose path or query may hold `{{ placeholders }}` (the host cannot), as
 * `{ host }`, or `{}` when it does not parse.
 *
 * @example
 * hostOf('https://api.example.nl/clients/{{ id }}') // { host: 'api.example.nl' }
 */
export function hostOf(url: string): { host?: string } {
  try {
    const host = new URL(url.replace(/\{\{[^}]*\}\}/g, 'x')).hostname.toLowerCase()
    return host ? { host } : {}
  } catch {
    return {}
  }
}
