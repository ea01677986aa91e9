import type { LocalizedText, NodeRegistry } from '@warmflow/engine'
import { aiProviderSchema, httpCredentialSchema, smtpCredentialSchema } from '@warmflow/nodes'
import type { z } from 'zod'

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

/** The values typed into a credential form, by field name. */
export type CredentialFields = Record<string, string | number | boolean>

/** A field that does not hold what it should, in plain words. */
export interface CredentialFieldProblem {
  field: string
  message: LocalizedText
}

interface KnownType {
  title: LocalizedText
  description: LocalizedText
  fields: CredentialField[]
  testable: boolean
  required: boolean
  /** The JSON the nodes read, from the form. */
  toValue(fields: CredentialFields): unknown
  schema: z.ZodType
}

const t = (nl: string, en: string): LocalizedText => ({ nl, en })

const str = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined
  const text = String(value).trim()
  return text === '' ? undefined : text
}

const num = (value: unknown): number | undefined => {
  const text = str(value)
  if (text === undefined) return undefined
  const parsed = Number(text.replace(',', '.'))
  return Number.isFinite(parsed) ? parsed : Number.NaN
}

const bool = (value: unknown): boolean | undefined =>
  value === undefined || value === '' ? undefined : value === true || value === 'true'

/** Drops the keys whose value is undefined, so zod defaults apply. */
function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
}

const known: Record<string, KnownType> = {
  smtp: {
    title: t('E-mail (SMTP)', 'E-mail (SMTP)'),
    description: t(
      'De mailserver waarmee Warmflow e-mail verstuurt.',
      'The mail server Warmflow sends e-mail through.',
    ),
    testable: true,
    required: true,
    fields: [
      { name: 'host', label: t('Server', 'Server'), kind: 'text', required: true },
      {
        name: 'port',
        label: t('Poort', 'Port'),
        kind: 'number',
        required: true,
        default: 587,
        help: t(
          'Meestal 587, of 465 met een beveiligde verbinding vanaf het begin.',
          'Usually 587, or 465 with a secure connection from the start.',
        ),
      },
      {
        name: 'secure',
        label: t('Beveiligd vanaf het begin (poort 465)', 'Secure from the start (port 465)'),
        kind: 'boolean',
        required: false,
        default: false,
        help: t(
          'Uit bij poort 587: de verbinding wordt dan onderweg beveiligd (STARTTLS).',
          'Off for port 587: the connection is secured on the way (STARTTLS).',
        ),
      },
      { name: 'user', label: t('Gebruikersnaam', 'User name'), kind: 'text', required: false },
      { name: 'pass', label: t('Wachtwoord', 'Password'), kind: 'secret', required: false },
      {
        name: 'from',
        label: t('Afzender', 'Sender'),
        kind: 'text',
        required: true,
        help: t(
          'Bijvoorbeeld: Vrijwilligerscentrale <info@voorbeeld.nl>',
          'For example: Volunteer centre <info@example.org>',
        ),
      },
    ],
    toValue: (f) =>
      defined({
        host: str(f.host),
        port: num(f.port),
        secure: bool(f.secure),
        user: str(f.user),
        pass: str(f.pass),
        from: str(f.from),
      }),
    schema: smtpCredentialSchema,
  },
  ai: {
    title: t('AI-dienst', 'AI service'),
    description: t(
      'Een taalmodel dat de OpenAI-manier van aanroepen spreekt (OpenAI, Azure, Mistral, Ollama). Zonder deze sleutel gebruiken de AI-blokken een eenvoudige methode zonder AI.',
      'A language model speaking the OpenAI protocol (OpenAI, Azure, Mistral, Ollama). Without this credential the AI nodes use a simple method without AI.',
    ),
    testable: true,
    required: false,
    fields: [
      {
        name: 'baseUrl',
        label: t('Adres (base URL)', 'Address (base URL)'),
        kind: 'url',
        required: true,
        help: t('Bijvoorbeeld https://api.mistral.ai/v1', 'For example https://api.mistral.ai/v1'),
      },
      {
        name: 'apiKey',
        label: t('Sleutel (API key)', 'Key (API key)'),
        kind: 'secret',
        required: false,
        help: t(
          'Leeg laten als de server geen sleutel vraagt.',
          'Leave empty when the server asks for no key.',
        ),
      },
      { name: 'model', label: t('Model', 'Model'), kind: 'text', required: true },
      {
        name: 'location',
        label: t('Waar draait de dienst?', 'Where does the service run?'),
        kind: 'choice',
        required: true,
        options: [
          { value: 'local', label: t('Binnen de organisatie', 'Inside the organisation') },
          { value: 'eu', label: t('In de EU', 'In the EU') },
          { value: 'external', label: t('Buiten de EU', 'Outside the EU') },
        ],
        help: t(
          'Warmflow stuurt geen persoonsgegevens naar een dienst buiten de organisatie zonder ze eerst te vervangen.',
          'Warmflow sends no personal data to a service outside the organisation without replacing it first.',
        ),
      },
    ],
    toValue: (f) =>
      defined({
        baseUrl: str(f.baseUrl),
        apiKey: str(f.apiKey),
        model: str(f.model),
        location: str(f.location),
      }),
    schema: aiProviderSchema,
  },
  http: {
    title: t('Inloggen bij een webdienst (HTTP)', 'Signing in to a web service (HTTP)'),
    description: t(
      'Inloggegevens die het blok "Webadres aanroepen" meestuurt, alleen naar de servers die hier staan.',
      'Credentials the "Call a web address" node sends, only to the servers listed here.',
    ),
    testable: true,
    required: false,
    fields: [
      {
        name: 'hosts',
        label: t('Servers', 'Servers'),
        kind: 'list',
        required: true,
        help: t(
          'Namen van servers, met komma’s ertussen, zoals api.gemeente.nl',
          'Server names separated by commas, such as api.example.org',
        ),
      },
      { name: 'bearer', label: t('Token (Bearer)', 'Token (Bearer)'), kind: 'secret', required: false },
      { name: 'basicUser', label: t('Gebruikersnaam', 'User name'), kind: 'text', required: false },
      { name: 'basicPass', label: t('Wachtwoord', 'Password'), kind: 'secret', required: false },
    ],
    toValue: (f) => {
      const hosts = (str(f.hosts) ?? '')
        .split(/[\s,]+/)
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean)
      const user = str(f.basicUser)
      return defined({
        hosts,
        bearer: str(f.bearer),
        basic: user ? { user, pass: str(f.basicPass) ?? '' } : undefined,
      })
    },
    schema: httpCredentialSchema,
  },
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
 * The credential types of this server: one per secret slot a loaded node type declares, with a
 * form for the slots Warmflow knows (`smtp`, `ai`, `http`) and one secret value for the rest.
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
  return [...usedBy.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([slot, nodes]) => {
      const type = known[slot]
      return {
        slot,
        title: type?.title ?? t(slot, slot),
        description:
          type?.description ??
          t(
            `Een geheime waarde voor blokken met de sleutel "${slot}".`,
            `A secret value for nodes with the slot "${slot}".`,
          ),
        fields: type?.fields ?? genericFields,
        testable: type?.testable ?? false,
        required: type?.required ?? true,
        usedBy: nodes,
      }
    })
}

/** True when Warmflow has a form (and a check) for this slot. */
export function isKnownCredentialType(slot: string): boolean {
  return Object.hasOwn(known, slot)
}

/** The result of {@link credentialValue}: the text to store, or what is wrong. */
export type CredentialValueResult =
  | { ok: true; value: string; parsed: unknown }
  | { ok: false; problems: CredentialFieldProblem[] }

const fieldMessages = {
  missing: t('Vul een waarde in.', 'Fill in a value.'),
  number: t('Vul een getal in.', 'Fill in a number.'),
  port: t('Vul een poort in tussen 1 en 65535.', 'Fill in a port between 1 and 65535.'),
  url: t(
    'Vul een volledig adres in, dat begint met https://.',
    'Fill in a full address starting with https://.',
  ),
  choice: t('Kies een van de mogelijkheden.', 'Choose one of the options.'),
  from: t('Vul een afzender met een e-mailadres in.', 'Fill in a sender with an e-mail address.'),
  http: t(
    'Vul een token in, of een gebruikersnaam met wachtwoord.',
    'Fill in a token, or a user name with a password.',
  ),
  other: t('Deze waarde klopt niet.', 'This value is not valid.'),
}

/**
 * Turns a filled-in form into the text stored for a credential (JSON for the known types), and
 * checks it against the shape the nodes read, so a saved credential never fails later for a typo.
 *
 * @example
 * credentialValue('smtp', { host: 'mail.example.org', port: 587, from: 'info@example.org' })
 * // { ok: true, value: '{"host":"mail.example.org","port":587,"from":"info@example.org"}', … }
 */
export function credentialValue(slot: string, fields: CredentialFields): CredentialValueResult {
  const type = known[slot]
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
      const key = String(issue.path[0] ?? '')
      const field = key === 'basic' || key === '' ? (slot === 'http' ? 'bearer' : key) : key
      const kind = type.fields.find((candidate) => candidate.name === field)?.kind
      const message =
        slot === 'http' && (key === '' || key === 'basic')
          ? fieldMessages.http
          : field === 'port'
            ? fieldMessages.port
            : field === 'from'
              ? fieldMessages.from
              : kind === 'url'
                ? fieldMessages.url
                : kind === 'choice'
                  ? fieldMessages.choice
                  : kind === 'number'
                    ? fieldMessages.number
                    : issue.code === 'too_small' || issue.code === 'invalid_type'
                      ? fieldMessages.missing
                      : fieldMessages.other
      if (!problems.some((problem) => problem.field === field)) problems.push({ field, message })
    }
  }
  return { ok: false, problems }
}
