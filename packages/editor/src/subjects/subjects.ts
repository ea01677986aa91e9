// What the page "Inzage en vergeten" decides without a browser or the API: which search it sends,
// what the erasure asks before it goes, and how an export becomes a file.

/** How a person is looked up: an e-mail address, a phone number, or both. */
export interface SubjectIdentifiers {
  email?: string
  phone?: string
}

/** The grounds for erasure of AVG article 17(1) (a to e, in the article's order) and any other. */
export const erasureReasons = [
  'no_longer_needed',
  'consent_withdrawn',
  'objection',
  'unlawful',
  'legal_obligation',
  'other',
] as const

/** One ground for erasure (AVG art. 17), as the API takes it. */
export type ErasureReason = (typeof erasureReasons)[number]

/** What the search counts for one person, as `POST /api/v1/subjects/find` answers it. */
export const heldCountKeys = [
  'runs',
  'openRuns',
  'tasks',
  'intakes',
  'clients',
  'progressReports',
  'emails',
  'notifications',
  'outputs',
] as const

/** What an erasure counts, as `POST /api/v1/subjects/erase` answers it. */
export const erasedCountKeys = [
  'runs',
  'cancelled',
  'tasks',
  'intakes',
  'clients',
  'progressReports',
  'emails',
  'notifications',
  'outputs',
  'runKeys',
] as const

/** The longest e-mail address the search takes (RFC 5321). */
export const maxEmailLength = 254
/** The longest phone number the search takes, spaces and signs included. */
export const maxPhoneLength = 32
/** The longest case number an erasure takes; the audit log keeps it. */
export const maxReferenceLength = 40

const emailShape = /^[^\s@]+@[^\s@]+$/
const phoneShape = /^[+0-9 ()./-]+$/
const referenceShape = /^[A-Za-z0-9 ./_-]*$/

/** The search to send, or the text key of what is wrong with the form. */
export type SubjectQuery =
  | { ok: true; query: SubjectIdentifiers }
  | { ok: false; field: 'email' | 'phone' | 'both'; problem: string }

/**
 * Checks the search form and makes the body of `find`, `export` and `erase`: trimmed values, empty
 * ones left out, at least one given, each of a length and shape the API can use (an address with
 * an `@`; a number of 8 to 15 digits, spaces and `+ ( ) . / -` allowed).
 *
 * @example
 * subjectQuery(' an@example.nl ', '') // { ok: true, query: { email: 'an@example.nl' } }
 * subjectQuery('', '') // { ok: false, field: 'both', problem: 'subjects.needOne' }
 */
export function subjectQuery(email: string, phone: string): SubjectQuery {
  const mail = email.trim()
  const tel = phone.trim()
  if (mail === '' && tel === '') return { ok: false, field: 'both', problem: 'subjects.needOne' }
  if (mail !== '' && (mail.length > maxEmailLength || !emailShape.test(mail))) {
    return { ok: false, field: 'email', problem: 'subjects.emailInvalid' }
  }
  if (tel !== '') {
    const digits = tel.replace(/\D/g, '').length
    if (tel.length > maxPhoneLength || !phoneShape.test(tel) || digits < 8 || digits > 15) {
      return { ok: false, field: 'phone', problem: 'subjects.phoneInvalid' }
    }
  }
  return { ok: true, query: { ...(mail ? { email: mail } : {}), ...(tel ? { phone: tel } : {}) } }
}

/**
 * The text key of what is wrong with a case number, or `undefined` when it may go (empty is
 * fine: the number is optional). Only letters, digits, space and `. / _ -`, at most 40.
 */
export function referenceProblem(reference: string): string | undefined {
  const value = reference.trim()
  if (value.length > maxReferenceLength) return 'subjects.erase.referenceTooLong'
  if (!referenceShape.test(value)) return 'subjects.erase.referenceChars'
  return undefined
}

/** The word a person types to confirm an erasure, in the editor's language. */
export function confirmWord(language: string): string {
  return language.startsWith('en') ? 'ERASE' : 'VERGETEN'
}

/** Whether the typed word confirms the erasure (spaces around it and capitals do not matter). */
export function isConfirmed(typed: string, language: string): boolean {
  return typed.trim().toUpperCase() === confirmWord(language)
}

/** Whether a search found anything at all. */
export function holdsAnything(found: {
  runs: readonly unknown[]
  counts: Partial<Record<string, number>>
}): boolean {
  return found.runs.length > 0 || Object.values(found.counts).some((count) => (count ?? 0) > 0)
}

/**
 * The file name of an access export, as the API names it: `inzage-YYYY-MM-DD.json` or `.html`,
 * with the date where the reader is.
 */
export function exportFileName(format: 'json' | 'html', now: Date = new Date()): string {
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0'))
    .join('-')
  return `inzage-${day}.${format}`
}

/** What a browser may do in an opened HTML export: show it and print it; run nothing, load nothing. */
export const exportPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/**
 * The HTML export with a Content-Security-Policy of its own in its head, so that the page, opened
 * from the editor's origin, can run no script and load nothing, whatever text it quotes.
 *
 * @example
 * withScriptsOff('<html><head><title>x</title></head>…') // '<html><head><meta http-equiv=…><title>…'
 */
export function withScriptsOff(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${exportPolicy}">`
  const head = /<head(\s[^>]*)?>/i.exec(html)
  if (head)
    return `${html.slice(0, head.index + head[0].length)}${meta}${html.slice(head.index + head[0].length)}`
  return `<!doctype html><head>${meta}</head>${html.replace(/^\s*<!doctype[^>]*>/i, '')}`
}
