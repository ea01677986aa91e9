import { createHmac, hkdfSync } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** What identifies a person a run is about. */
export type SubjectKind = 'email' | 'phone'

/** One identifier as a flow received it or a privacy officer types it. */
export interface SubjectIdentifier {
  kind: SubjectKind
  value: string
}

/** The longest identifier value looked at (longer ones are not identifiers). */
export const maxIdentifierLength = 254

/**
 * The form in which an identifier is hashed, so that `Jan@Example.nl ` and `jan@example.nl`,
 * or `06-12345678`, `+31 6 1234 5678` and `0031612345678`, find the same person. `undefined`
 * for a value that is not a usable e-mail address or phone number.
 *
 * @example
 * normaliseIdentifier({ kind: 'phone', value: '06-12345678' }) // '31612345678'
 */
export function normaliseIdentifier(identifier: SubjectIdentifier): string | undefined {
  const value = identifier.value.trim()
  if (value.length === 0 || value.length > maxIdentifierLength) return undefined
  if (identifier.kind === 'email') {
    const lower = value.toLowerCase()
    return /^[^\s@]+@[^\s@]+$/.test(lower) ? lower : undefined
  }
  if (!/^[+\d\s().\-/]+$/.test(value)) return undefined
  let digits = value.replace(/\D/g, '')
  if (value.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2)
  } else if (digits.startsWith('0')) {
    // A national Dutch number: 06…, 020…
    digits = `31${digits.slice(1)}`
  }
  // Dutch numbers written as +31 (0)6…
  if (digits.startsWith('310') && digits.length === 12) digits = `31${digits.slice(3)}`
  return digits.length >= 8 && digits.length <= 15 ? digits : undefined
}

/** Turns identifiers into the keyed hashes `run_subjects` stores. */
export type SubjectHasher = (identifier: SubjectIdentifier) => string | undefined

/**
 * HMAC-SHA256 of normalised identifiers under a key derived (HKDF) from the installation's
 * credential key: the stored hashes cannot be reversed or recomputed without that key, so
 * `run_subjects` names nobody.
 *
 * @example
 * const hash = createSubjectHasher(credentialKey)({ kind: 'email', value: 'jan@example.nl' })
 */
export function createSubjectHasher(credentialKey: Uint8Array): SubjectHasher {
  const key = Buffer.from(hkdfSync('sha256', credentialKey, 'warmflow', 'subject-lookup/v1', 32))
  return (identifier) => {
    const normal = normaliseIdentifier(identifier)
    if (normal === undefined) return undefined
    return `s1:${createHmac('sha256', key).update(`${identifier.kind}\u0000${normal}`).digest('hex')}`
  }
}

/**
 * Records whom a run is about (each usable identifier once). Safe to call twice.
 *
 * @example
 * await linkRunSubjects(trx, hasher, { runId, teamId }, [{ kind: 'email', value: 'jan@example.nl' }])
 */
export async function linkRunSubjects(
  db: Kysely<Database>,
  hasher: SubjectHasher,
  run: { runId: string; teamId: string },
  identifiers: readonly SubjectIdentifier[],
): Promise<number> {
  const rows = new Map<string, { run_id: string; team_id: string; kind: string; value_hash: string }>()
  for (const identifier of identifiers) {
    const hash = hasher(identifier)
    if (hash) {
      rows.set(`${identifier.kind}:${hash}`, {
        run_id: run.runId,
        team_id: run.teamId,
        kind: identifier.kind,
        value_hash: hash,
      })
    }
  }
  if (rows.size === 0) return 0
  await db
    .insertInto('run_subjects')
    .values([...rows.values()])
    .onConflict((oc) => oc.doNothing())
    .execute()
  return rows.size
}
