import type { CredentialKind, LocalizedText } from '@warmflow/engine'
import { aiProviderSchema } from './ai/provider.js'
import { smtpCredentialSchema } from './email/email.js'
import { httpCredentialSchema } from './http/http-request.js'

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

/**
 * The credential kinds of the built-in nodes: the mail server (`smtp`), the AI service (`ai`) and
 * signing in to a web service (`http`), each with its form and the schema its nodes read.
 *
 * @example
 * builtinCredentials.map((kind) => kind.slot) // ['smtp', 'ai', 'http']
 */
export const builtinCredentials: readonly CredentialKind[] = [
  {
    slot: 'smtp',
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
    problem: ({ path }) =>
      path[0] === 'port'
        ? {
            field: 'port',
            message: t('Vul een poort in tussen 1 en 65535.', 'Fill in a port between 1 and 65535.'),
          }
        : path[0] === 'from'
          ? {
              field: 'from',
              message: t(
                'Vul een afzender met een e-mailadres in.',
                'Fill in a sender with an e-mail address.',
              ),
            }
          : undefined,
  },
  {
    slot: 'ai',
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
  {
    slot: 'http',
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
    // A missing token and a half-filled user name with password are one problem: how to sign in.
    problem: ({ path }) =>
      path[0] === undefined || path[0] === 'basic'
        ? {
            field: 'bearer',
            message: t(
              'Vul een token in, of een gebruikersnaam met wachtwoord.',
              'Fill in a token, or a user name with a password.',
            ),
          }
        : undefined,
  },
]
