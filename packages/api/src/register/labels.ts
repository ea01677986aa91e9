import type { DataSubject, LocalizedText, PersonalDataCategory } from '@warmflow/engine'

/** Where a recipient of a flow's data is, as far as Warmflow knows it. */
export type RecipientLocation = 'organisation' | 'eu' | 'outside-eu' | 'unknown' | 'not-configured'

/** A safeguard the register names for a flow (AVG art. 30 (1)(g), art. 32). */
export type SafeguardCode = 'pseudonymisation-before-ai' | 'payload-encryption' | 'access-control'

/** Something the privacy officer should look at. */
export type MarkCode =
  | 'outside-eu'
  | 'ai-without-pseudonymisation'
  | 'purpose-missing'
  | 'start-data-undescribed'
  | 'unknown-node-types'

const t = (nl: string, en: string): LocalizedText => ({ nl, en })

/** The name of each category of personal data, in B1 Dutch and English. */
export const categoryLabels: Record<PersonalDataCategory, LocalizedText> = {
  name: t('Naam', 'Name'),
  email: t('E-mailadres', 'E-mail address'),
  phone: t('Telefoonnummer', 'Phone number'),
  address: t('Adres, postcode of woonplaats', 'Address, postcode or place'),
  birthdate: t('Geboortedatum', 'Date of birth'),
  bsn: t('Burgerservicenummer (BSN)', 'Citizen service number (BSN)'),
  'bank-account': t('Rekeningnummer (IBAN)', 'Bank account (IBAN)'),
  'free-text': t(
    'Vrije tekst, zoals de hulpvraag (kan gezondheid of andere bijzondere gegevens bevatten)',
    'Free text, such as the request for help (may hold health or other special categories)',
  ),
  profile: t('Beschikbaarheid, talen en vaardigheden', 'Availability, languages and skills'),
}

/** Whose data, in B1 Dutch and English. */
export const subjectLabels: Record<DataSubject, LocalizedText> = {
  clients: t('Cliënten en aanvragers', 'Clients and people asking for help'),
  volunteers: t('Vrijwilligers', 'Volunteers'),
  staff: t('Medewerkers', 'Staff'),
}

/** The kinds of recipient. */
export const recipientKindLabels: Record<'ai' | 'email' | 'webhook' | 'http', LocalizedText> = {
  ai: t('AI-dienst', 'AI service'),
  email: t('E-mail (SMTP)', 'E-mail (SMTP)'),
  webhook: t('Webhook', 'Webhook'),
  http: t('Webadres (HTTP)', 'Web address (HTTP)'),
}

/** Where a recipient is. */
export const locationLabels: Record<RecipientLocation, LocalizedText> = {
  organisation: t('Binnen de organisatie', 'Inside the organisation'),
  eu: t('In de EU', 'In the EU'),
  'outside-eu': t('Buiten de EU', 'Outside the EU'),
  unknown: t('Onbekend: controleer de verwerkersovereenkomst', 'Unknown: check the processing agreement'),
  'not-configured': t('Niet ingesteld: er gaat nu niets naartoe', 'Not set up: nothing goes there now'),
}

/** What each safeguard means, with the team for access control. */
export function safeguardText(code: SafeguardCode, teamName: string): LocalizedText {
  switch (code) {
    case 'pseudonymisation-before-ai':
      return t(
        'Persoonsgegevens worden vervangen voordat tekst naar een AI-dienst gaat.',
        'Personal data is replaced before text goes to an AI service.',
      )
    case 'payload-encryption':
      return t(
        'Gegevens van runs zijn versleuteld opgeslagen (AES-256-GCM), net als de sleutels van koppelingen.',
        'Run data is stored encrypted (AES-256-GCM), and so are the credentials.',
      )
    case 'access-control':
      return t(
        `Alleen leden van team "${teamName}" zien de runs en taken, elk volgens hun rol; wie gegevens inziet, staat in het logboek.`,
        `Only members of team "${teamName}" see the runs and tasks, each according to their role; who views data is logged.`,
      )
  }
}

/** What each mark means. */
export const markLabels: Record<MarkCode, LocalizedText> = {
  'outside-eu': t(
    'Stuurt persoonsgegevens naar een dienst buiten de EU.',
    'Sends personal data to a service outside the EU.',
  ),
  'ai-without-pseudonymisation': t(
    'Stuurt tekst naar een AI-dienst zonder dat persoonsgegevens eerst zijn vervangen.',
    'Sends text to an AI service without replacing personal data first.',
  ),
  'purpose-missing': t(
    'Het doel ontbreekt: vul de beschrijving van de flow in.',
    'The purpose is missing: fill in the description of the flow.',
  ),
  'start-data-undescribed': t(
    'De flow start met gegevens die niet zijn beschreven; de lijst van gegevens kan onvolledig zijn.',
    'The flow starts with data that is not described; the list of data may be incomplete.',
  ),
  'unknown-node-types': t(
    'Sommige blokken zijn niet geladen; wat die doen met gegevens staat hier niet.',
    'Some nodes are not loaded; what they do with data is not listed here.',
  ),
}

/** A purpose that is missing. */
export const missingPurpose: LocalizedText = t('Doel ontbreekt', 'Purpose missing')
