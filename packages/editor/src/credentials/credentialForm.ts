import type { ApiAnswer } from '../api/types'
import { fitsSlot } from '../designer/credentialChoice'

/** A kind of credential with its form, as `GET /api/v1/credentials/types` answers it. */
export type CredentialTypeJson = ApiAnswer<'/api/v1/credentials/types', 'get'>['items'][number]

/** One field of a credential form. */
export type CredentialFieldJson = CredentialTypeJson['fields'][number]

/** What is typed into a credential form, by field name. */
export type CredentialFormValues = Record<string, string | boolean>

/**
 * The type a stored credential belongs to, from its name: the slot it is named for (`smtp`,
 * `smtp.kantoor`), the longest slot first so `ai-eu` is `ai` and not some `a` slot.
 *
 * @example
 * typeOfName('smtp.kantoor', types)?.slot // 'smtp'
 */
export function typeOfName<T extends { slot: string }>(name: string, types: readonly T[]): T | undefined {
  return [...types].sort((a, b) => b.slot.length - a.slot.length).find((type) => fitsSlot(name, type.slot))
}

/**
 * An empty form for a type: each field at its default (so a port reads 587), secrets always
 * empty, since a stored value is never shown again.
 *
 * @example
 * emptyForm(smtpType) // { host: '', port: '587', secure: false, user: '', pass: '', from: '' }
 */
export function emptyForm(type: Pick<CredentialTypeJson, 'fields'>): CredentialFormValues {
  const values: CredentialFormValues = {}
  for (const field of type.fields) {
    if (field.kind === 'boolean') values[field.name] = field.default === true
    else values[field.name] = field.default === undefined ? '' : String(field.default)
  }
  return values
}

/**
 * Why a name does not suit a type, as a text key, or undefined when it does: names are lower
 * case, and must be the slot or start with it (`smtp`, `smtp-kantoor`), so nodes find them.
 *
 * @example
 * nameProblem('Mail', 'smtp') // 'credentialsPage.nameFormat'
 */
export function nameProblem(name: string, slot: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._-]{0,127}$/.test(name)) return 'credentialsPage.nameFormat'
  if (!fitsSlot(name, slot)) return 'credentialsPage.nameSlot'
  return undefined
}

/** The field problems of a 422 answer, by field name. */
export function fieldProblems(
  errors: readonly { path?: (string | number)[] | undefined; message: { nl: string; en: string } }[],
): Map<string, { nl: string; en: string }> {
  const byField = new Map<string, { nl: string; en: string }>()
  for (const error of errors) {
    const field = error.path?.[0]
    if (typeof field === 'string' && !byField.has(field)) byField.set(field, error.message)
  }
  return byField
}
