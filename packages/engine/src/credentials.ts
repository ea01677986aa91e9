import type { z } from 'zod'
import type { LocalizedText } from './i18n.js'

/** How a field of a credential form is entered. */
export type CredentialFieldKind = 'text' | 'secret' | 'number' | 'boolean' | 'choice' | 'list' | 'url'

/** One field of a credential form. */
export interface CredentialField {
  name: string
  label: LocalizedText
  help?: LocalizedText
  kind: CredentialFieldKind
  required: boolean
  default?: string | number | boolean
  options?: { value: string; label: LocalizedText }[]
}

/** The values typed into a credential form, by field name. */
export type CredentialFields = Record<string, string | number | boolean>

/** One thing the credential schema found wrong, as {@link CredentialKind.problem} sees it. */
export interface CredentialIssue {
  /** Where in the credential's JSON (`[]` for the whole value). */
  path: readonly PropertyKey[]
  /** zod's issue code, e.g. `too_small`. */
  code: string
}

/**
 * A kind of credential a plugin declares for one of its secret slots: the form people fill in,
 * how the form becomes the JSON its nodes read, and the schema that JSON must meet. The API
 * serves the form (`GET /api/v1/credentials/types`) and checks a saved credential against the
 * schema, so a typo is caught when the credential is saved, not when a run uses it.
 *
 * @example
 * const registryKind: CredentialKind = {
 *   slot: 'registry',
 *   title: { nl: 'Cliëntregister', en: 'Client registry' },
 *   description: { nl: 'De sleutel van het cliëntregister.', en: 'The client registry key.' },
 *   fields: [{ name: 'apiKey', label: { nl: 'Sleutel', en: 'Key' }, kind: 'secret', required: true }],
 *   testable: false,
 *   required: true,
 *   schema: z.object({ apiKey: z.string().min(1) }),
 *   toValue: (fields) => ({ apiKey: String(fields.apiKey ?? '').trim() }),
 * }
 */
export interface CredentialKind {
  /** The secret slot node types declare (`secrets: ['smtp']`). */
  slot: string
  title: LocalizedText
  description: LocalizedText
  fields: readonly CredentialField[]
  /** True when Warmflow can try the connection (`POST /api/v1/credentials/test`). */
  testable: boolean
  /** False when a node still works without it (e.g. AI nodes fall back to the offline method). */
  required: boolean
  /** The JSON the nodes read, from the filled-in form. */
  toValue(fields: CredentialFields): unknown
  /** The shape the nodes read; the value from {@link toValue} must meet it. */
  schema: z.ZodType
  /**
   * Which form field a schema issue belongs to and, when the general wording does not fit, the
   * message to show. Undefined: the issue's first path segment, with a message by field kind.
   */
  problem?(issue: CredentialIssue): { field: string; message?: LocalizedText } | undefined
}
