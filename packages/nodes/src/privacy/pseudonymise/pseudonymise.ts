import { defineNode } from '@warmflow/engine'
import { z } from 'zod'
import { fieldLabel } from '../../field-labels.js'
import { pseudonymiseRegister } from '../../register.js'
import { type KnownValue, normaliseValue, type PersonalDataKind, personalDataKinds } from '../detect.js'
import { fieldPathPattern, getPath, setPath } from '../paths.js'
import {
  loadPseudonymKey,
  openMapping,
  PlaceholderBook,
  pseudonymKeySlot,
  readPrivacyMarker,
  sealMapping,
} from '../vault.js'

const data = z.record(z.string(), z.unknown())
const fieldPath = z
  .string()
  .regex(fieldPathPattern, 'Use field names with letters, digits and _, joined by dots')

/** What a structured field holds, so its value is replaced and also found in the free text. */
export const fieldKindSchema = z.enum([
  'voornaam',
  'tussenvoegsel',
  'achternaam',
  'naam',
  'telefoon',
  'email',
  'bsn',
  'iban',
  'postcode',
  'adres',
  'geboortedatum',
])

/** The kind of a structured field. */
export type FieldKind = z.infer<typeof fieldKindSchema>

const placeholderKindOf: Record<FieldKind, PersonalDataKind> = {
  voornaam: 'NAAM',
  tussenvoegsel: 'NAAM',
  achternaam: 'NAAM',
  naam: 'NAAM',
  telefoon: 'TELEFOON',
  email: 'EMAIL',
  bsn: 'BSN',
  iban: 'IBAN',
  postcode: 'POSTCODE',
  adres: 'ADRES',
  geboortedatum: 'GEBOORTEDATUM',
}

const particles = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  'ten',
  'ter',
  'te',
  "'t",
  'el',
  'al',
  'von',
  'le',
  'la',
  'da',
  'dos',
  'in',
])

/**
 * The ways a name shows up in free text: full name, first name, last name with and without its
 * prefix ("de Vries", "Vries"), initial plus last name ("F. de Vries"), the parts of a double name.
 */
export function nameVariants(
  firstNames: string[],
  prefixes: string[],
  lastNames: string[],
  fullNames: string[],
) {
  const firsts = new Set<string>()
  const lasts = new Set<string>()
  const variants = new Set<string>()
  for (const full of fullNames) {
    const tokens = full.trim().split(/\s+/)
    if (tokens.length === 0 || !tokens[0]) continue
    variants.add(tokens.join(' '))
    firsts.add(tokens[0])
    if (tokens.length > 1) lasts.add(tokens.slice(1).join(' '))
  }
  for (const first of firstNames) {
    const tokens = first.trim().split(/\s+/).filter(Boolean)
    if (tokens.length === 0) continue
    firsts.add(tokens.join(' '))
    for (const token of tokens) if (token.length >= 3) firsts.add(token)
  }
  const prefix = prefixes.map((p) => p.trim()).filter(Boolean)[0]
  for (const last of lastNames) {
    const trimmed = last.trim()
    if (!trimmed) continue
    lasts.add(
      prefix && !trimmed.toLowerCase().startsWith(prefix.toLowerCase()) ? `${prefix} ${trimmed}` : trimmed,
    )
    lasts.add(trimmed)
  }
  for (const last of [...lasts]) {
    const tokens = last.split(/\s+/)
    let coreStart = 0
    while (coreStart < tokens.length - 1 && particles.has(tokens[coreStart]!.toLowerCase())) coreStart++
    const core = tokens.slice(coreStart).join(' ')
    if (core.length >= 3) variants.add(core)
    for (const part of core.split('-')) if (part.length >= 4) variants.add(part)
    variants.add(last)
    for (const first of firsts) {
      variants.add(`${first} ${last}`)
      variants.add(`${first[0]}. ${last}`)
      variants.add(`${first[0]}.${last}`)
    }
  }
  for (const first of firsts) variants.add(first)
  return [...variants].filter((v) => v.length >= 2)
}

/**
 * Replaces personal data by stable placeholders (`[NAAM_1]`, `[TELEFOON_1]`, …) in chosen text
 * fields and structured fields. The placeholder → value mapping leaves the node only encrypted
 * (AES-256-GCM, bound to the run) in `_privacy.mapping`; `privacy.restore` opens it inside the
 * organisation. AI nodes check `_privacy.pseudonymised` before they send a field outside.
 */
export const pseudonymiseNode = defineNode({
  type: 'privacy.pseudonymise',
  version: 1,
  category: 'privacy',
  icon: 'shield',
  title: { nl: 'Persoonsgegevens vervangen', en: 'Pseudonymise' },
  description: {
    nl: 'Vervangt namen, BSN, telefoonnummers, e-mailadressen, IBAN, postcodes, adressen en geboortedata door codes zoals [NAAM_1]. De echte gegevens worden versleuteld bewaard bij de run en gaan nooit mee naar een AI-dienst.',
    en: 'Replaces names, BSN, phone numbers, e-mail addresses, IBAN, postcodes, addresses and dates of birth by codes such as [NAAM_1]. The real data is kept encrypted with the run and never goes to an AI service.',
  },
  input: data,
  config: z.object({
    /** Free-text fields to search for personal data, e.g. `omschrijving`. */
    textFields: z
      .array(fieldPath)
      .max(50)
      .meta(
        fieldLabel('Velden met vrije tekst', 'Fields with free text', {
          nl: 'Velden met vrije tekst, zoals omschrijving: daarin worden namen, nummers en adressen vervangen.',
          en: 'Fields with free text, such as omschrijving: names, numbers and addresses in them are replaced.',
        }),
      )
      .default([]),
    /** Structured fields and what they hold, e.g. `{ voornaam: 'voornaam', telefoon: 'telefoon' }`. */
    fields: z
      .record(fieldPath, fieldKindSchema)
      .meta(
        fieldLabel('Velden', 'Fields', {
          nl: 'Velden die zelf een gegeven zijn, met wat erin staat (voornaam, telefoon, …). Ze worden in hun geheel vervangen en ook in de vrije tekst gezocht.',
          en: 'Fields that are a piece of personal data themselves, with what they hold (first name, phone, …). They are replaced whole and also searched for in the free text.',
        }),
      )
      .default({}),
    /** Which kinds to look for in free text. All by default. */
    detect: z
      .array(z.enum(personalDataKinds))
      .min(1)
      .meta(
        fieldLabel('Herkennen in vrije tekst', 'Recognise in free text', {
          nl: 'Welke soorten gegevens in de vrije tekst worden gezocht. Standaard alle.',
          en: 'Which kinds of data are looked for in the free text. All by default.',
        }),
      )
      .default([...personalDataKinds]),
    /**
     * Names of organisations, brands and places the team deals with that are never a person, e.g.
     * `["Vattenfall", "Albert Heijn"]`: the name detector leaves them in the text.
     */
    notNames: z
      .array(z.string().trim().min(1).max(100))
      .max(1000)
      .meta(
        fieldLabel('Geen namen', 'Not names', {
          nl: 'Organisaties, merken en plaatsen waar het team mee werkt en die nooit een persoon zijn, zoals Vattenfall. Ze blijven in de tekst staan.',
          en: 'Organisations, brands and places the team works with that are never a person, such as Vattenfall. They stay in the text.',
        }),
      )
      .default([]),
  }),
  output: data,
  secrets: [pseudonymKeySlot],
  personalData: { reads: ['*'], sendsOutside: 'never', register: pseudonymiseRegister },
  activity: { startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 3 } },
  async execute({ input, config, secrets, run, log }) {
    const key = await loadPseudonymKey(secrets)
    const marker = readPrivacyMarker(input)
    const book = marker?.mapping ? openMapping(marker.mapping, key, run.runId) : new PlaceholderBook()
    const result = structuredClone(input)
    const done = new Set(marker?.pseudonymised ?? [])

    const valuesOf = (kind: FieldKind) =>
      Object.entries(config.fields)
        .filter(([, k]) => k === kind)
        .map(([path]) => getPath(input, path))
        .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
        .map(String)
    const known: KnownValue[] = nameVariants(
      valuesOf('voornaam'),
      valuesOf('tussenvoegsel'),
      valuesOf('achternaam'),
      valuesOf('naam'),
    ).map((text) => ({ kind: 'NAAM', text }))
    for (const [path, kind] of Object.entries(config.fields)) {
      if (kind === 'voornaam' || kind === 'achternaam' || kind === 'naam' || kind === 'tussenvoegsel')
        continue
      const value = getPath(input, path)
      if (typeof value === 'string' || typeof value === 'number') {
        known.push({ kind: placeholderKindOf[kind], text: String(value) })
      }
    }

    for (const [path, kind] of Object.entries(config.fields)) {
      const value = getPath(input, path)
      if (typeof value !== 'string' && typeof value !== 'number') continue
      const text = String(value).trim()
      if (text === '') continue
      const replaced = book.pseudonymise(text, known, [placeholderKindOf[kind]])
      // A structured field is personal as a whole, even when no pattern recognises its value.
      const placeholder = /^\[[A-Z]+_\d+\]$/.test(replaced)
        ? replaced
        : placeholderKindOf[kind] === 'NAAM'
          ? book.namePlaceholder(normaliseValue('NAAM', text), text)
          : book.placeholderFor(placeholderKindOf[kind], normaliseValue(placeholderKindOf[kind], text), text)
      if (setPath(result, path, placeholder)) done.add(path)
    }
    for (const path of config.textFields) {
      const value = getPath(input, path)
      const replaced =
        typeof value === 'string'
          ? book.pseudonymise(value, known, config.detect, config.notNames)
          : Array.isArray(value) && value.every((item) => typeof item === 'string')
            ? value.map((item) => book.pseudonymise(item, known, config.detect, config.notNames))
            : undefined
      if (replaced !== undefined && setPath(result, path, replaced)) done.add(path)
    }

    const counts = book.counts()
    log.info('Personal data replaced by placeholders', { counts, fields: [...done] })
    result._privacy = {
      ...(marker ?? {}),
      pseudonymised: [...done],
      mapping: sealMapping(book, key, run.runId),
      counts,
    }
    return result
  },
})
