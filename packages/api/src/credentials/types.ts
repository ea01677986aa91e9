import type {
  CredentialField,
  CredentialFields,
  CredentialKind,
  LocalizedText,
  NodeRegistry,
} from '@warmflow/engine'

export type { CredentialField, CredentialFieldKind, CredentialFields } from '@warmflow/engine'

/**
 * A kind of credential, named after the secret slot node types declare (`secrets: ['smtp']`):
 * the form to fill in, and whether Warmflow can test the connection.
 */
export interface CredentialType {
  slot: string
  title: LocalizedText
  description: LocalizedText
  fields: CredentialField[]
  /** True when `POST /credentials/test` can try the connection. */
  testable: boolean
  /** False when a node still works without it (e.g. AI nodes fall back to the offline method). */
  required: boolean
  /** Node types (`type@version`) that declare this slot. */
  usedBy: string[]
}

/** A field that does not hold what it should, in plain words. */
export interface CredentialFieldProblem {
  field: string
  message: LocalizedText
}

const t = (nl: string, en: string): LocalizedText => ({ nl, en })

const str = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined
  const text = String(value).trim()
  return text === '' ? undefined : text
}

/** The credential kinds the loaded plugins declare, by slot (the first plugin wins). */
function kindsOf(registry: NodeRegistry): Map<string, CredentialKind> {
  const kinds = new Map<string, CredentialKind>()
  for (const plugin of registry.plugins()) {
    for (const kind of plugin.credentials ?? []) if (!kinds.has(kind.slot)) kinds.set(kind.slot, kind)
  }
  return kinds
}

const genericFields: CredentialField[] = [
  {
    name: 'value',
    label: t('Geheime waarde', 'Secret value'),
    kind: 'secret',
    required: true,
    help: t(
      'Precies zoals het blok hem verwacht (soms JSON).',
      'Exactly as the node expects it (sometimes JSON).',
    ),
  },
]

/**
 * The credential types of this server: one per secret slot a loaded node type declares, with the
 * form a loaded plugin declares for the slot (`definePlugin({ credentials })`) and one secret value
 * for the rest.
 *
 * @example
 * credentialTypes(registry).find((type) => type.slot === 'smtp')?.fields.map((f) => f.name)
 * // ['host', 'port', 'secure', 'user', 'pass', 'from']
 */
export function credentialTypes(registry: NodeRegistry): CredentialType[] {
  const usedBy = new Map<string, string[]>()
  for (const node of registry.list()) {
    for (const slot of node.secrets ?? []) {
      const list = usedBy.get(slot) ?? []
      list.push(`${node.type}@${node.version}`)
      usedBy.set(slot, list)
    }
  }
  const kinds = kindsOf(registry)
  return [...usedBy.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([slot, nodes]) => {
      const type = kinds.get(slot)
      return {
        slot,
        title: type?.title ?? t(slot, slot),
        description:
          type?.description ??
          t(
            `Een geheime waarde voor blokken met de sleutel "${slot}".`,
            `A secret value for nodes with the slot "${slot}".`,
          ),
        fields: [...(type?.fields ?? genericFields)],
        testable: type?.testable ?? false,
        required: type?.required ?? true,
        usedBy: nodes,
      }
    })
}

/** The result of {@link credentialValue}: the text to store, or what is wrong. */
export type CredentialValueResult =
  | { ok: true; value: string; parsed: unknown }
  | { ok: false; problems: CredentialFieldProblem[] }

const fieldMessages = {
  missing: t('Vul een waarde in.', 'Fill in a value.'),
  number: t('Vul een getal in.', 'Fill in a number.'),
  url: t(
    'Vul een volledig adres in, dat begint met https://.',
    'Fill in a full address starting with https://.',
  ),
  choice: t('Kies een van de mogelijkheden.', 'Choose one of the options.'),
  other: t('Deze waarde klopt niet.', 'This value is not valid.'),
}

/**
 * Turns a filled-in form into the text stored for a credential (JSON for the slots a plugin
 * declares a form for), and checks it against the shape the nodes read, so a saved credential
 * never fails later for a typo.
 *
 * @example
 * credentialValue(registry, 'smtp', { host: 'mail.example.org', port: 587, from: 'info@example.org' })
 * // { ok: true, value: '{"host":"mail.example.org","port":587,"from":"info@example.org"}', … }
 */
export function credentialValue(
  registry: NodeRegistry,
  slot: string,
  fields: CredentialFields,
): CredentialValueResult {
  const type = kindsOf(registry).get(slot)
  if (!type) {
    const value = typeof fields.value === 'string' ? fields.value : ''
    if (value.trim() === '')
      return { ok: false, problems: [{ field: 'value', message: fieldMessages.missing }] }
    return { ok: true, value, parsed: value }
  }
  const problems: CredentialFieldProblem[] = []
  for (const field of type.fields) {
    const raw = fields[field.name]
    if (field.required && field.kind !== 'boolean' && str(raw) === undefined && field.default === undefined) {
      problems.push({ field: field.name, message: fieldMessages.missing })
    }
  }
  const value = type.toValue(fields)
  const parsed = type.schema.safeParse(value)
  if (parsed.success && problems.length === 0) {
    return { ok: true, value: JSON.stringify(value), parsed: parsed.data }
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const own = type.problem?.({ path: issue.path, code: issue.code })
      const field = own?.field ?? String(issue.path[0] ?? '')
      const kind = type.fields.find((candidate) => candidate.name === field)?.kind
      const message =
        own?.message ??
        (kind === 'url'
          ? fieldMessages.url
          : kind === 'choice'
            ? fieldMessages.choice
            : kind === 'number'
              ? fieldMessages.number
              : issue.code === 'too_small' || issue.code === 'invalid_type'
                ? fieldMessages.missing
                : fieldMessages.other)
      if (!problems.some((problem) => problem.field === field)) problems.push({ field, message })
    }
  }
  return { ok: false, problems }
}
