import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { NodeError } from '@warmflow/engine'
import { z } from 'zod'
import { findPersonalData, type KnownValue, type PersonalDataKind } from './detect.js'
import { nameParticles } from './names.js'

/** The secret slot that may hold the pseudonym key; the env variable is the fallback. */
export const pseudonymKeySlot = 'pseudonymKey'
/** Environment variable with the pseudonym key (32 bytes, base64 or hex) when no credential is set. */
export const pseudonymKeyEnv = 'WARMFLOW_PSEUDONYM_KEY'

const mappingPrefix = 'wfpm1'

/** The privacy marker pseudonymise adds to its output and later nodes read. */
export const privacyMarkerSchema = z.object({
  /** Paths of the fields whose personal data was replaced by placeholders. */
  pseudonymised: z.array(z.string()).default([]),
  /** Placeholder → real value, encrypted with AES-256-GCM and bound to the run (`wfpm1:…`). */
  mapping: z.string().optional(),
  /** Fields restored to real values by `privacy.restore`: these must stay inside the organisation. */
  restored: z.array(z.string()).optional(),
})

/** The `_privacy` marker on data that passed pseudonymise. */
export type PrivacyMarker = z.infer<typeof privacyMarkerSchema>

/** Reads the `_privacy` marker from a node's input, if it has a valid one. */
export function readPrivacyMarker(input: Record<string, unknown>): PrivacyMarker | undefined {
  const parsed = privacyMarkerSchema.safeParse(input._privacy)
  return parsed.success ? parsed.data : undefined
}

const entrySchema = z.tuple([z.string(), z.string(), z.string()])
const mappingSchema = z.object({ v: z.literal(1), entries: z.array(entrySchema) })

/** Matches the placeholders Warmflow writes, e.g. `[NAAM_1]`. */
export const placeholderPattern =
  /\[(NAAM|TELEFOON|EMAIL|BSN|IBAN|POSTCODE|ADRES|GEBOORTEDATUM)_(\d{1,4})\]/gi

/** What the book knows of the person behind a name placeholder. */
interface PersonParts {
  first?: string
  surname?: string
}

/** Splits a name key ("peter de wit", "k opoku", "sanne") into first name, initial and surname. */
function nameParts(key: string): { first?: string; initial?: string; surname?: string; single?: string } {
  const parts = key.split(' ').filter(Boolean)
  const core = parts.filter((p) => p.length > 1 && !nameParticles.has(p))
  if (core.length === 0) return {}
  const head = parts[0]!
  if (head.length === 1) return { initial: head, surname: core.join(' ') }
  if (core.length === 1) return nameParticles.has(head) ? { surname: core[0]! } : { single: core[0]! }
  return { first: core[0]!, surname: core.slice(1).join(' ') }
}

/**
 * Hands out stable placeholders within a run: the same value (in its normal form) always gets the
 * same placeholder, and the first form seen is what restore puts back. Mentions of one person get
 * one placeholder: "Peter", "Peter de Wit", "P. de Wit" and "De Wit" all become `[NAAM_1]`, unless
 * two people in the run share that first name or surname (then each full name keeps its own).
 */
export class PlaceholderBook {
  private readonly byKey = new Map<string, string>()
  private readonly values = new Map<string, string>()
  private readonly counters = new Map<string, number>()
  private readonly people = new Map<string, PersonParts>()
  /** First name or surname → the one placeholder it belongs to, or null when two people share it. */
  private readonly firstAlias = new Map<string, string | null>()
  private readonly surnameAlias = new Map<string, string | null>()

  /** Continues from an earlier book (e.g. a second pseudonymise node in the same run). */
  constructor(entries: readonly (readonly [string, string, string])[] = []) {
    for (const [placeholder, value, key] of entries) {
      this.remember(placeholder, value, key)
      if (key.startsWith('NAAM:')) this.link(key.slice(5), placeholder)
    }
  }

  private remember(placeholder: string, value: string, key: string) {
    this.byKey.set(key, placeholder)
    if (!this.values.has(placeholder)) this.values.set(placeholder, value)
    const match = /^\[([A-Z]+)_(\d+)\]$/.exec(placeholder)
    if (match) this.counters.set(match[1]!, Math.max(this.counters.get(match[1]!) ?? 0, Number(match[2])))
  }

  /** The placeholder for a value, creating one when the value is new. */
  placeholderFor(kind: PersonalDataKind, key: string, value: string): string {
    const fullKey = `${kind}:${key}`
    const existing = this.byKey.get(fullKey)
    if (existing) return existing
    const next = (this.counters.get(kind) ?? 0) + 1
    const placeholder = `[${kind}_${next}]`
    this.remember(placeholder, value, fullKey)
    return placeholder
  }

  private alias(map: Map<string, string | null>, name: string | undefined, placeholder: string) {
    if (name === undefined) return
    const bound = map.get(name)
    if (bound === undefined) map.set(name, placeholder)
    else if (bound !== placeholder) map.set(name, null)
  }

  /** Records which first name and surname a name placeholder stands for. */
  private link(key: string, placeholder: string) {
    const parts = nameParts(key)
    const person = this.people.get(placeholder) ?? {}
    const first = parts.first ?? parts.single
    if (parts.first) person.first ??= parts.first
    if (parts.surname) person.surname ??= parts.surname
    this.people.set(placeholder, person)
    this.alias(this.firstAlias, first, placeholder)
    // A name on its own may be a first name or a surname: it links either way.
    this.alias(this.surnameAlias, parts.surname ?? parts.single, placeholder)
  }

  /** The placeholder of an earlier mention of the same person, if exactly one person fits. */
  private samePerson(key: string): string | undefined {
    const parts = nameParts(key)
    if (parts.single) {
      const candidates = new Set(
        [this.firstAlias.get(parts.single), this.surnameAlias.get(parts.single)].filter(
          (p): p is string => typeof p === 'string',
        ),
      )
      return candidates.size === 1 ? [...candidates][0] : undefined
    }
    const fits = (placeholder: string | null | undefined) => {
      if (!placeholder) return false
      const person = this.people.get(placeholder)
      if (!person) return false
      if (parts.surname && person.surname && person.surname !== parts.surname) return false
      if (parts.first && person.first && person.first !== parts.first) return false
      if (parts.initial && person.first && !person.first.startsWith(parts.initial)) return false
      return true
    }
    const byFirst = parts.first ? this.firstAlias.get(parts.first) : undefined
    if (fits(byFirst)) return byFirst!
    const bySurname = parts.surname ? this.surnameAlias.get(parts.surname) : undefined
    if (fits(bySurname)) return bySurname!
    return undefined
  }

  /** The placeholder for a name, shared by the mentions of one person. */
  namePlaceholder(key: string, value: string): string {
    const fullKey = `NAAM:${key}`
    const existing = this.byKey.get(fullKey)
    if (existing) return existing
    const same = this.samePerson(key)
    const placeholder = same ?? this.placeholderFor('NAAM', key, value)
    if (same) this.remember(same, value, fullKey)
    this.link(key, placeholder)
    return placeholder
  }

  /** Replaces every piece of personal data in `text` by its placeholder. */
  pseudonymise(
    text: string,
    known: readonly KnownValue[],
    kinds?: readonly PersonalDataKind[],
    notNames: readonly string[] = [],
  ): string {
    const spans = findPersonalData(text, { known, notNames, ...(kinds ? { kinds } : {}) })
    let result = ''
    let at = 0
    for (const span of spans) {
      const placeholder =
        span.kind === 'NAAM'
          ? this.namePlaceholder(span.key, span.text)
          : this.placeholderFor(span.kind, span.key, span.text)
      result += text.slice(at, span.start) + placeholder
      at = span.end
    }
    return result + text.slice(at)
  }

  /** Puts real values back; returns the text and placeholders it did not know. */
  restore(text: string): { text: string; unknown: number } {
    let unknown = 0
    const restored = text.replace(placeholderPattern, (whole, kind: string, n: string) => {
      const value = this.values.get(`[${kind.toUpperCase()}_${Number(n)}]`)
      if (value === undefined) unknown++
      return value ?? whole
    })
    return { text: restored, unknown }
  }

  /** How many placeholders were handed out, per kind (counts only, safe to log). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.counters)
  }

  /** The entries to encrypt: `[placeholder, value, key]`. */
  entries(): [string, string, string][] {
    return [...this.byKey].map(([key, placeholder]) => [placeholder, this.values.get(placeholder)!, key])
  }
}

function keyError(): NodeError {
  return new NodeError('privacy.no_key', 'No valid pseudonym key is configured', {
    text: {
      nl: `Er is geen geldige sleutel om de vervangen persoonsgegevens te versleutelen. Stel de sleutel "${pseudonymKeySlot}" in bij de koppelingen, of de omgevingsvariabele ${pseudonymKeyEnv} (32 bytes, base64 of hex; maak er een met: openssl rand -base64 32).`,
      en: `There is no valid key to encrypt the replaced personal data. Set the credential "${pseudonymKeySlot}" or the environment variable ${pseudonymKeyEnv} (32 bytes, base64 or hex; create one with: openssl rand -base64 32).`,
    },
  })
}

/**
 * Turns the configured key text (64 hex digits or base64 of 32 bytes) into a 32-byte AES key.
 * Throws a `privacy.no_key` error for anything else.
 */
export function parsePseudonymKey(text: string | undefined): Buffer {
  const trimmed = text?.trim() ?? ''
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (bytes.length === 32) return bytes
  }
  throw keyError()
}

/** Finds the pseudonym key: the node's credential first, then the environment. */
export async function loadPseudonymKey(secrets: { find(name: string): Promise<string | undefined> }) {
  const fromCredential = await secrets.find(pseudonymKeySlot)
  return parsePseudonymKey(fromCredential ?? process.env[pseudonymKeyEnv])
}

/**
 * For the embedded default (`pnpm start`): when `WARMFLOW_PSEUDONYM_KEY` is not set, reads the key
 * from the file `pseudonym-key` in `dataDir`, creating it (readable by the owner only) the first
 * time, and sets the variable for the workers in this process. The key is never printed.
 * Production workers set the variable (or a `pseudonymKey` credential) themselves.
 *
 * @example
 * ensurePseudonymKey(process.env, config.dataDir)
 */
export function ensurePseudonymKey(env: Record<string, string | undefined>, dataDir: string): void {
  if (env[pseudonymKeyEnv]?.trim()) return
  const file = join(dataDir, 'pseudonym-key')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    chmodSync(file, 0o600)
  }
  const key = readFileSync(file, 'utf8').trim()
  parsePseudonymKey(key)
  env[pseudonymKeyEnv] = key
}

function associatedData(runId: string): Buffer {
  return Buffer.from(`warmflow:pseudonym-mapping:v1:${runId}`)
}

/**
 * Encrypts a placeholder book with AES-256-GCM, bound to the run: a mapping copied into
 * another run does not decrypt.
 */
export function sealMapping(book: PlaceholderBook, key: Buffer, runId: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(associatedData(runId))
  const plain = Buffer.from(JSON.stringify({ v: 1, entries: book.entries() }))
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()])
  return [mappingPrefix, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join(':')
}

/** Decrypts a mapping made by {@link sealMapping}; a wrong key, run or a changed blob is an error. */
export function openMapping(sealed: string, key: Buffer, runId: string): PlaceholderBook {
  const parts = sealed.split(':')
  const fail = (cause?: unknown) =>
    new NodeError('privacy.mapping_unreadable', 'The pseudonym mapping cannot be decrypted', {
      ...(cause === undefined ? {} : { cause }),
      text: {
        nl: 'De versleutelde lijst met vervangen gegevens kan niet worden geopend. Is de sleutel veranderd, of komt de lijst uit een andere run?',
        en: 'The encrypted list of replaced data cannot be opened. Did the key change, or is the list from another run?',
      },
    })
  if (parts.length !== 4 || parts[0] !== mappingPrefix) throw fail()
  try {
    const [, iv, tag, data] = parts.map((part) => Buffer.from(part, 'base64url'))
    const decipher = createDecipheriv('aes-256-gcm', key, iv!)
    decipher.setAAD(associatedData(runId))
    decipher.setAuthTag(tag!)
    const plain = Buffer.concat([decipher.update(data!), decipher.final()])
    const parsed = mappingSchema.parse(JSON.parse(plain.toString('utf8')))
    return new PlaceholderBook(parsed.entries)
  } catch (error) {
    throw fail(error)
  }
}
