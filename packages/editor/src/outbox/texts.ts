import { currentLang } from '../i18n'

/** The outbox page's texts, in Dutch and English (B1 Dutch). */
export const outboxTexts = {
  nl: {
    nav: 'Testpostvak',
    heading: 'Testpostvak — deze berichten zijn niet echt verstuurd',
    intro:
      'Er zijn geen SMTP-inloggegevens ingesteld. Daarom gaat e-mail uit flows naar dit testpostvak en niet naar de ontvanger. Zo kun je zien wat er verstuurd zou worden.',
    disabled:
      'E-mail gaat naar een echte mailserver. Er is geen testpostvak: controleer verstuurde e-mail in je eigen mailprogramma.',
    empty: 'Nog geen berichten. Start een flow die e-mail verstuurt, dan verschijnt het bericht hier.',
    list: 'Berichten',
    to: 'Aan',
    cc: 'Cc',
    from: 'Van',
    received: 'Ontvangen',
    subject: 'Onderwerp',
    noSubject: '(geen onderwerp)',
    attachments: 'Bijlagen',
    openRun: 'Bekijk de flow die dit bericht verstuurde',
    choose: 'Kies een bericht om het te lezen.',
    refresh: 'Vernieuwen',
    team: 'Team',
  },
  en: {
    nav: 'Test outbox',
    heading: 'Test outbox — these messages were not really sent',
    intro:
      'No SMTP credential is set up, so e-mail from flows goes to this test outbox instead of to its recipient. Here you can see what would have been sent.',
    disabled:
      'E-mail goes to a real mail server. There is no test outbox: check sent e-mail in your own mail program.',
    empty: 'No messages yet. Run a flow that sends e-mail and the message appears here.',
    list: 'Messages',
    to: 'To',
    cc: 'Cc',
    from: 'From',
    received: 'Received',
    subject: 'Subject',
    noSubject: '(no subject)',
    attachments: 'Attachments',
    openRun: 'Open the flow that sent this message',
    choose: 'Choose a message to read it.',
    refresh: 'Refresh',
    team: 'Team',
  },
} as const

/** The outbox texts in the editor's current language. */
export function outboxText(lang: string) {
  return currentLang(lang) === 'en' ? outboxTexts.en : outboxTexts.nl
}
