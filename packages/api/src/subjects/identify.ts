import type { FlowDefinition } from '@warmflow/engine'
import { maxIdentifierLength, type SubjectIdentifier, type SubjectKind } from '@warmflow/store'

/** Start-data field names that, without a typed form field, name the person's e-mail or phone. */
const wellKnownFields: Record<string, SubjectKind> = {
  email: 'email',
  'e-mail': 'email',
  emailadres: 'email',
  'e-mailadres': 'email',
  mail: 'email',
  telefoon: 'phone',
  telefoonnummer: 'phone',
  tel: 'phone',
  mobiel: 'phone',
  phone: 'phone',
  mobile: 'phone',
}

const typedKinds: Record<string, SubjectKind> = { email: 'email', phone: 'phone' }

/**
 * Whom a run is about, from the data it starts with: the e-mail addresses and phone numbers in
 * the start fields the trigger types as such (a form's or webhook's `email` and `phone` fields),
 * and otherwise in top-level fields with a well-known name (`email`, `telefoon`, …). A flow
 * started without such data (a schedule, an empty manual start) is about nobody in particular.
 *
 * @example
 * subjectIdentifiersOf(definition, { email: 'jan@example.nl', hulpvraag: '…' })
 * // [{ kind: 'email', value: 'jan@example.nl' }]
 */
export function subjectIdentifiersOf(definition: FlowDefinition, input: unknown): SubjectIdentifier[] {
  // A start without data (a test run posted without `input`, a schedule) names nobody.
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return []
  const data = input as Record<string, unknown>
  const kinds = new Map<string, SubjectKind>()
  for (const node of definition.nodes) {
    const fields = (node.config as { fields?: unknown } | undefined)?.fields
    if (!Array.isArray(fields)) continue
    for (const field of fields) {
      const { name, type } = (field ?? {}) as { name?: unknown; type?: unknown }
      const kind = typeof type === 'string' ? typedKinds[type] : undefined
      if (typeof name === 'string' && kind) kinds.set(name, kind)
    }
  }
  for (const name of Object.keys(data)) {
    const kind = wellKnownFields[name.toLowerCase()]
    if (kind && !kinds.has(name)) kinds.set(name, kind)
  }
  const found: SubjectIdentifier[] = []
  for (const [name, kind] of kinds) {
    const value = Object.hasOwn(data, name) ? data[name] : undefined
    if (typeof value === 'string' && value.trim() && value.length <= maxIdentifierLength) {
      found.push({ kind, value })
    }
  }
  return found
}
