import type { TFunction } from 'i18next'
import type { LocalizedText } from '../api/client'
import { pick } from '../i18n'

/** Temporal's own English failure messages, and the text key that says them in the reader's language. */
const temporalMessages: [RegExp, string][] = [
  [/^Activity task failed$/i, 'failure.activityFailed'],
  [/^Activity task timed out$/i, 'failure.activityTimedOut'],
  [/^Activity task cancel+ed$/i, 'failure.activityCancelled'],
  [/^Workflow execution timed out$/i, 'failure.workflowTimedOut'],
  [/^Workflow execution (cancel+ed|was cancel+ed)$/i, 'failure.workflowCancelled'],
  [/terminated/i, 'failure.workflowTerminated'],
]

const t2 = (nl: string, en: string): LocalizedText => ({ nl, en })

/**
 * What a failure with one of the engine's or the built-in nodes' stable codes means, in words a
 * designer can act on, by the code's two parts (`email.auth_failed` is `email` → `auth_failed`).
 * Codes whose message names the field or record that is wrong keep that message beside the text
 * (see {@link failureDetail}).
 */
export const failureTexts: Readonly<Record<string, Readonly<Record<string, LocalizedText>>>> = {
  node: {
    failed: t2('Deze stap is mislukt.', 'This step failed.'),
    invalid_input: t2(
      'De gegevens die dit blok kreeg, kloppen niet met wat het verwacht. Kijk bij "Invoer van dit blok".',
      'The data this node received does not match what it expects. Look at "Input of this node".',
    ),
    invalid_config: t2(
      'De instellingen van dit blok kloppen niet. Kijk op het tabblad Problemen.',
      "This node's settings are not valid. Look at the Problems tab.",
    ),
    invalid_output: t2(
      'Dit blok gaf een uitkomst die niet klopt. Meld dit aan wie het blok heeft gemaakt.',
      'This node returned a result that is not valid. Tell whoever made the node.',
    ),
    missing_secret: t2(
      'De inloggegevens voor dit blok ontbreken. Maak ze aan bij Inloggegevens en kies ze in het blok.',
      'The credential for this node is missing. Create it under Credentials and choose it in the node.',
    ),
    undeclared_secret: t2(
      'Dit blok vraagt inloggegevens die het niet heeft aangemeld. Meld dit aan wie het blok heeft gemaakt.',
      'This node asks for a credential it did not declare. Tell whoever made the node.',
    ),
    unknown_type: t2(
      'Dit soort blok is niet geladen op de server. Vraag de beheerder de plugin te laden.',
      'This kind of node is not loaded on the server. Ask the administrator to load its plugin.',
    ),
    crashed_worker: t2(
      'Dit blok liet de verwerker steeds vastlopen. Warmflow heeft het daarom gestopt.',
      'This node kept crashing the worker, so Warmflow stopped it.',
    ),
  },
  run: {
    failed: t2(
      'Een ander blok is mislukt. Daarom is de run gestopt.',
      'Another node failed, so the run stopped.',
    ),
    cancelled: t2('De run is afgebroken.', 'The run was cancelled.'),
  },
  email: {
    smtp_credential_missing: t2(
      'Deze flow verstuurt e-mail, maar het team heeft geen SMTP-inloggegevens. Maak ze aan bij Inloggegevens en start de run opnieuw.',
      'This flow sends e-mail, but the team has no SMTP credential. Create it under Credentials and run the flow again.',
    ),
    invalid_credential: t2(
      'De SMTP-inloggegevens zijn niet compleet of kloppen niet. Kijk bij Inloggegevens.',
      'The SMTP credential is incomplete or not valid. Look under Credentials.',
    ),
    auth_failed: t2(
      'De mailserver weigert de inlog. Controleer de gebruikersnaam en het wachtwoord bij Inloggegevens.',
      'The mail server refused the login. Check the user name and password under Credentials.',
    ),
    invalid_address: t2('Een e-mailadres klopt niet.', 'An e-mail address is not valid.'),
    no_recipient: t2('Er is geen ontvanger voor deze e-mail.', 'This e-mail has no recipient.'),
    rejected: t2('De mailserver weigert deze e-mail.', 'The mail server refused this e-mail.'),
    unavailable: t2(
      'De mailserver is niet bereikbaar. Warmflow probeert het later opnieuw.',
      'The mail server cannot be reached. Warmflow tries again later.',
    ),
    delivery_unknown: t2(
      'Een eerdere poging stopte tijdens het versturen. Het is niet zeker of de e-mail is aangekomen; controleer dit voordat je hem opnieuw stuurt.',
      'An earlier attempt stopped while sending. It is not certain the e-mail arrived; check before sending it again.',
    ),
    attachments_too_large: t2(
      'De bijlagen zijn samen te groot (meer dan 10 MB).',
      'The attachments are too large together (more than 10 MB).',
    ),
    invalid_attachment: t2('Een bijlage klopt niet.', 'An attachment is not valid.'),
  },
  ai: {
    invalid_credential: t2(
      'De koppeling met de AI-dienst klopt niet. Kijk bij Inloggegevens.',
      'The connection to the AI service is not valid. Look under Credentials.',
    ),
    unauthorized: t2(
      'De AI-dienst accepteert de sleutel niet. Controleer de koppeling bij Inloggegevens.',
      'The AI service does not accept the key. Check the connection under Credentials.',
    ),
    unreachable: t2(
      'De AI-dienst is niet bereikbaar. Warmflow probeert het later opnieuw.',
      'The AI service cannot be reached. Warmflow tries again later.',
    ),
    timeout: t2(
      'De AI-dienst gaf niet op tijd antwoord. Warmflow probeert het later opnieuw.',
      'The AI service did not answer in time. Warmflow tries again later.',
    ),
    rate_limited: t2(
      'De AI-dienst heeft het te druk (te veel vragen). Warmflow probeert het later opnieuw.',
      'The AI service is too busy (too many requests). Warmflow tries again later.',
    ),
    server_error: t2(
      'De AI-dienst had een storing. Warmflow probeert het later opnieuw.',
      'The AI service had a failure. Warmflow tries again later.',
    ),
    rejected: t2(
      'De AI-dienst weigerde de vraag. Controleer het model in de koppeling.',
      'The AI service refused the request. Check the model in the connection.',
    ),
    empty_answer: t2('De AI-dienst gaf een leeg antwoord.', 'The AI service returned an empty answer.'),
    malformed_output: t2(
      'Het antwoord van de AI-dienst heeft niet de afgesproken vorm. Kies een model dat JSON-antwoorden ondersteunt.',
      "The AI service's answer does not have the agreed shape. Choose a model that supports JSON answers.",
    ),
    no_text: t2(
      'De velden met de tekst zijn leeg of bestaan niet. Kies in de instellingen het veld met de tekst.',
      'The text fields are empty or do not exist. Choose the field with the text in the settings.',
    ),
    cancelled: t2('De vraag aan de AI-dienst is afgebroken.', 'The request to the AI service was cancelled.'),
    failed: t2('De vraag aan de AI-dienst is mislukt.', 'The request to the AI service failed.'),
  },
  http: {
    status: t2('Het andere systeem gaf een foutmelding terug.', 'The other system answered with an error.'),
    timeout: t2('Het andere systeem gaf niet op tijd antwoord.', 'The other system did not answer in time.'),
    connection_failed: t2(
      'Warmflow kon het andere systeem niet bereiken.',
      'Warmflow could not reach the other system.',
    ),
    blocked_address: t2(
      'Dit adres is afgeschermd: Warmflow belt geen interne adressen, tenzij de beheerder dat toestaat.',
      'This address is blocked: Warmflow calls no internal addresses unless the administrator allows it.',
    ),
    unsupported_url: t2(
      'Dit adres kan Warmflow niet gebruiken. Gebruik een adres dat begint met https://.',
      'Warmflow cannot use this address. Use an address starting with https://.',
    ),
    response_too_large: t2(
      'Het antwoord van het andere systeem is te groot.',
      "The other system's answer is too large.",
    ),
    too_many_redirects: t2(
      'Het andere systeem stuurde te vaak door naar een ander adres.',
      'The other system redirected too many times.',
    ),
    aborted: t2(
      'De vraag aan het andere systeem is afgebroken.',
      'The request to the other system was cancelled.',
    ),
    credential_host: t2(
      'Deze inloggegevens horen bij een ander adres. Warmflow stuurt ze daarom niet mee.',
      'This credential belongs to another address, so Warmflow does not send it.',
    ),
    invalid_credential: t2(
      'De inloggegevens voor het andere systeem kloppen niet. Kijk bij Inloggegevens.',
      'The credential for the other system is not valid. Look under Credentials.',
    ),
  },
  records: {
    invalid_fields: t2(
      'Sommige gegevens passen niet in de tabel.',
      'Some of the data does not fit the table.',
    ),
    invalid_data: t2('Sommige gegevens passen niet in de tabel.', 'Some of the data does not fit the table.'),
    not_found: t2(
      'Het gezochte record bestaat niet (meer).',
      'The record looked for does not exist (any more).',
    ),
    unknown_field: t2('Deze tabel heeft dit veld niet.', 'This table does not have this field.'),
    unknown_table: t2('Deze tabel bestaat niet.', 'This table does not exist.'),
    unavailable: t2(
      'De database van Warmflow is even niet bereikbaar. Warmflow probeert het later opnieuw.',
      "Warmflow's database cannot be reached for now. Warmflow tries again later.",
    ),
    insert_failed: t2(
      'Warmflow kon het record niet opslaan. Warmflow probeert het later opnieuw.',
      'Warmflow could not save the record. Warmflow tries again later.',
    ),
  },
  postgres: {
    invalid_credential: t2(
      'De inloggegevens voor de database kloppen niet: verwacht een adres zoals postgres://gebruiker:wachtwoord@server/database.',
      'The database credential is not valid: expected an address like postgres://user:password@server/database.',
    ),
    blocked_address: t2(
      'Deze database is afgeschermd: blokken mogen niet naar een database op de server zelf. Gebruik een serveradres.',
      'This database is blocked: nodes may not reach a database on the server itself. Use a server address.',
    ),
  },
  expression: {
    syntax: t2(
      'Een formule in dit blok is niet goed geschreven.',
      'A formula in this node is not written correctly.',
    ),
    evaluation: t2('Een formule in dit blok gaf een fout.', 'A formula in this node gave an error.'),
    limit: t2(
      'Een formule in dit blok deed te veel werk en is gestopt.',
      'A formula in this node did too much work and was stopped.',
    ),
    too_long: t2('Een formule in dit blok is te lang.', 'A formula in this node is too long.'),
    regex: t2(
      'Een zoekpatroon in een formule is te ingewikkeld of klopt niet.',
      'A search pattern in a formula is too complex or not valid.',
    ),
  },
  privacy: {
    no_key: t2(
      'De sleutel voor het vervangen van persoonsgegevens ontbreekt. Vraag de beheerder hem in te stellen.',
      'The key for replacing personal data is missing. Ask the administrator to set it.',
    ),
    no_mapping: t2(
      'Er is niets om terug te zetten: de persoonsgegevens zijn eerder in de flow niet vervangen.',
      'There is nothing to restore: the personal data was not replaced earlier in the flow.',
    ),
    mapping_unreadable: t2(
      'De vervangen persoonsgegevens zijn niet te lezen, bijvoorbeeld omdat de sleutel is veranderd.',
      'The replaced personal data cannot be read, for instance because the key changed.',
    ),
    not_pseudonymised: t2(
      'Deze tekst bevat nog persoonsgegevens. Vervang ze eerst met "Persoonsgegevens vervangen".',
      'This text still holds personal data. Replace it first with "Replace personal data".',
    ),
    bsn_refused: t2(
      'Er staat een BSN in de gegevens. Dit blok verwerkt geen BSN.',
      'The data holds a citizen service number (BSN). This node does not process one.',
    ),
  },
  match: {
    invalid_request: t2(
      'De aanvraag mist gegevens om vrijwilligers te zoeken (zoals de postcode).',
      'The request lacks data to look for volunteers (such as the postcode).',
    ),
  },
  output: {
    store_missing: t2(
      'De uitkomst van dit blok is te groot om te bewaren op deze server.',
      'The result of this node is too large to keep on this server.',
    ),
    not_found: t2(
      'Een eerdere uitkomst van deze run is niet meer te vinden.',
      'An earlier result of this run can no longer be found.',
    ),
  },
  trigger: {
    invalid_input: t2(
      'De gegevens waarmee de flow startte, kloppen niet.',
      'The data the flow started with is not valid.',
    ),
  },
  inbox: {
    invalid_recipient: t2(
      'De ontvanger van deze melding bestaat niet of zit niet in het team.',
      'The recipient of this notification does not exist or is not in the team.',
    ),
  },
  webhook: {
    failed: t2('Het versturen naar het andere systeem is mislukt.', 'Sending to the other system failed.'),
  },
}

/**
 * The kind of failure, by the first part of its code (`email.…`), for a code without its own text:
 * said before the node's own (English) message.
 */
export const failureKinds: Readonly<Record<string, LocalizedText>> = {
  node: t2('Dit blok is mislukt', 'This node failed'),
  run: t2('De run is gestopt', 'The run stopped'),
  email: t2('Het versturen van de e-mail is mislukt', 'Sending the e-mail failed'),
  ai: t2('De vraag aan de AI-dienst is mislukt', 'The request to the AI service failed'),
  http: t2('Het contact met een ander systeem is mislukt', 'Contacting another system failed'),
  webhook: t2('Het contact met een ander systeem is mislukt', 'Contacting another system failed'),
  records: t2(
    'Het lezen of opslaan van gegevens in Warmflow is mislukt',
    'Reading or saving data in Warmflow failed',
  ),
  postgres: t2('De opdracht aan de database is mislukt', 'The database query failed'),
  expression: t2('Een formule in dit blok gaf een fout', 'A formula in this node gave an error'),
  privacy: t2(
    'Het beschermen van persoonsgegevens in dit blok is mislukt',
    'Protecting personal data in this node failed',
  ),
  match: t2('Het zoeken van vrijwilligers is mislukt', 'Looking for volunteers failed'),
  inbox: t2('Het maken van de melding is mislukt', 'Making the notification failed'),
  output: t2(
    'Warmflow kon de uitkomst van deze stap niet bewaren of lezen',
    "Warmflow could not keep or read this step's result",
  ),
  codec: t2(
    'Warmflow kon de versleutelde gegevens van deze stap niet lezen',
    "Warmflow could not read this step's encrypted data",
  ),
  trigger: t2(
    'De gegevens waarmee de flow startte, kloppen niet',
    'The data the flow started with is not valid',
  ),
}

/**
 * The text of a known code, if it has one.
 *
 * @example
 * knownFailure('email.auth_failed')?.nl // 'De mailserver weigert de inlog. …'
 */
export function knownFailure(code: string | undefined): LocalizedText | undefined {
  const dot = code?.indexOf('.') ?? -1
  if (!code || dot < 1) return undefined
  const part = code.slice(0, dot)
  const name = code.slice(dot + 1)
  // A plugin's code may be anything, `toString.length` too: only the table's own entries count.
  const group = Object.hasOwn(failureTexts, part) ? failureTexts[part] : undefined
  return group && Object.hasOwn(group, name) ? group[name] : undefined
}

/** The kind of failure the first part of a code names, if known. */
function kindOf(code: string): LocalizedText | undefined {
  const part = code.split('.')[0] ?? ''
  return Object.hasOwn(failureKinds, part) ? failureKinds[part] : undefined
}

const unknownKind = t2('Deze stap is mislukt', 'This step failed')
const systemSays = t2('Melding van het systeem (Engels)', 'Message from the system')

/** A failure as a run reports it: the stable code (when the node had one) and the English message. */
export interface NodeFailure {
  code?: string | undefined
  message: string
}

/**
 * A run's or a node's failure for the person reading it, in the chosen language: Temporal's own
 * messages ("Activity task failed") and every known code in words; any other failure as the kind
 * of failure its code names, followed by the node's own message.
 *
 * @example
 * failureText({ code: 'email.auth_failed', message: 'The SMTP server refused the login' }, t, 'nl')
 * // 'De mailserver weigert de inlog. Controleer de gebruikersnaam en het wachtwoord bij Inloggegevens.'
 * failureText({ code: 'email.new_failure', message: 'Greylisted' }, t, 'nl')
 * // 'Het versturen van de e-mail is mislukt. Melding van het systeem (Engels): Greylisted'
 */
export function failureText(error: NodeFailure, t: TFunction, lang: string): string {
  const message = error.message.trim()
  const temporal = temporalMessages.find(([pattern]) => pattern.test(message))
  if (temporal) return t(temporal[1])
  const known = knownFailure(error.code)
  if (known) return pick(known, lang)
  if (!error.code) return message
  const kind = kindOf(error.code) ?? unknownKind
  return `${pick(kind, lang)}. ${pick(systemSays, lang)}: ${message}`
}

/**
 * The node's own message to show beside {@link failureText}, when the text does not already
 * hold it: it names what exactly is wrong (a field, a record, a formula), for whoever repairs it.
 *
 * @example
 * failureDetail({ code: 'records.invalid_fields', message: 'Invalid intakes fields: …' }, 'en')
 * // 'Message from the system: Invalid intakes fields: …'
 */
export function failureDetail(error: NodeFailure, lang: string): string | undefined {
  const known = knownFailure(error.code)
  if (!known) return undefined
  const message = error.message.trim()
  const plain = (text: string) => text.replace(/\.$/, '').toLowerCase()
  if (!message || plain(message) === plain(known.en)) return undefined
  return `${pick(systemSays, lang)}: ${message}`
}
