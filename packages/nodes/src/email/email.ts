import { createHash } from 'node:crypto'
import { defineNode, evaluateExpression, NodeError, type RecordStore } from '@warmflow/engine'
import MailComposer from 'nodemailer/lib/mail-composer'
import SMTPConnection from 'nodemailer/lib/smtp-connection'
import { z } from 'zod'
import { fieldLabel, formulaHelp, inDutch, inEnglish } from '../field-labels.js'
import { requireRecords } from '../records/records.js'
import { renderTemplate } from './template.js'

const data = z.record(z.string(), z.unknown())
const expression = z.string().min(1).max(4000)
const bilingual = z.object({
  nl: z.string().max(100_000).meta(inDutch),
  en: z.string().max(100_000).meta(inEnglish),
})

/** The `smtp` credential: where and as whom to send. */
export const smtpCredentialSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(587),
  secure: z.boolean().default(false),
  user: z.string().optional(),
  pass: z.string().optional(),
  from: z.string().min(3),
})

const attachmentSchema = z.object({
  filename: z.string().min(1).max(200),
  content: z.string(),
  contentType: z.string().max(200).optional(),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
})

/** The most a message's attachments may weigh together. */
export const maxAttachmentBytes = 10 * 1024 * 1024

/** Raised when sending fails; `retryable` says whether trying again can help. */
export class EmailError extends NodeError {}

function fail(
  code: string,
  message: string,
  nl: string,
  en: string,
  retryable = false,
  cause?: unknown,
): EmailError {
  return new EmailError(code, message, { retryable, cause, text: { nl, en } })
}

/**
 * The Message-ID for one node in one run: the same on every retry, so the delivery log and
 * the receiving side can recognise the message.
 *
 * @example
 * messageIdFor('wf-1/mail', 'warmflow.test') // '<3f2a…@warmflow.test>'
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`
}

function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)/.exec(from)
  return match?.[1] ?? 'warmflow.local'
}

async function addresses(source: string | undefined, input: unknown): Promise<string[]> {
  if (!source) return []
  const value = await evaluateExpression(source, input)
  const list = (Array.isArray(value) ? value : [value]).filter(
    (v) => v !== undefined && v !== null && v !== '',
  )
  const parsed = z.array(z.email()).safeParse(list)
  if (!parsed.success) {
    throw fail(
      'email.invalid_address',
      'An e-mail address is not valid',
      'Een e-mailadres klopt niet.',
      'An e-mail address is not valid.',
    )
  }
  return parsed.data
}

/**
 * The delivery of this node that an earlier run of the retry chain sent to exactly these
 * recipients, if any. "Retry" starts a new run with the same input, so without this a
 * confirmation that went out before the failure would go out again; a message to someone else
 * (the coordinator chose another volunteer) is still sent.
 */
async function sentEarlierInChain(
  store: RecordStore,
  run: { runId: string; nodeId: string },
  recipients: string[],
): Promise<{ messageId: string; accepted: string[]; rejected: string[] } | undefined> {
  const chain = (await store.retryChain?.(run.runId)) ?? []
  const wanted = [...recipients].map((r) => r.toLowerCase()).sort()
  for (const workflowId of chain.slice(1)) {
    const previous = await store.get('email_deliveries', `${workflowId}/${run.nodeId}`)
    if (previous?.status !== 'sent') continue
    const sent = ((previous.recipients as string[] | undefined) ?? []).map((r) => r.toLowerCase()).sort()
    if (sent.length === wanted.length && sent.every((r, i) => r === wanted[i])) {
      return { messageId: String(previous.message_id), accepted: recipients, rejected: [] }
    }
  }
  return undefined
}

/**
 * Sends an e-mail over SMTP, at most once per run and node: a delivery log keyed on
 * `ctx.idempotencyKey` (with a Message-ID derived from it) makes a retry after a crash return
 * the earlier result instead of sending again. When an attempt died in the middle of sending,
 * it is unknown whether the server took the message; the node then stops with
 * `email.delivery_unknown` rather than risk a second e-mail. A run started by "retry" does not
 * send again what a run it retries already sent to the same recipients.
 */
export const emailSendNode = defineNode({
  type: 'email.send',
  version: 1,
  category: 'notify',
  icon: 'mail',
  title: { nl: 'E-mail versturen', en: 'Send e-mail' },
  description: {
    nl: 'Verstuurt een e-mail in het Nederlands of Engels, met velden uit de flow en eventueel bijlagen. Wordt nooit twee keer verstuurd.',
    en: 'Sends an e-mail in Dutch or English, with fields from the flow and optional attachments. Never sent twice.',
  },
  input: data,
  config: z.object({
    /** Expression giving one address or a list. */
    to: expression.meta(fieldLabel('Aan (formule)', 'To (formula)', formulaHelp)),
    cc: expression.optional().meta(fieldLabel('Cc (formule)', 'Cc (formula)', formulaHelp)),
    /** Texts per language with `{{ field }}` placeholders. */
    subject: bilingual.meta(
      fieldLabel('Onderwerp', 'Subject', {
        nl: 'In het Nederlands en het Engels. {{ veld }} wordt vervangen door een gegeven.',
        en: 'In Dutch and English. {{ field }} is replaced by a data field.',
      }),
    ),
    body: bilingual.meta(
      fieldLabel('Tekst', 'Text', {
        nl: 'In het Nederlands en het Engels. {{ veld }} wordt vervangen door een gegeven.',
        en: 'In Dutch and English. {{ field }} is replaced by a data field.',
      }),
    ),
    /** Optional HTML body per language; values are HTML-escaped. */
    html: bilingual.optional().meta(fieldLabel('Tekst als HTML', 'Text as HTML')),
    language: z
      .enum(['nl', 'en'])
      .meta(fieldLabel('Taal', 'Language', { nl: 'Welke tekst verstuurd wordt.', en: 'Which text is sent.' }))
      .default('nl'),
    /** Expression giving `nl` or `en`, e.g. the recipient's preferred language. */
    languageFrom: expression.optional().meta(
      fieldLabel('Taal uit de gegevens (formule)', 'Language from the data (formula)', {
        nl: 'Een formule die nl of en geeft, zoals de voorkeurstaal van de ontvanger. Gaat voor Taal.',
        en: "A formula giving nl or en, such as the recipient's preferred language. Wins over Language.",
      }),
    ),
    /** Expression giving a list of `{ filename, content, contentType?, encoding? }`. */
    attachments: expression.optional().meta(
      fieldLabel('Bijlagen (formule)', 'Attachments (formula)', {
        nl: 'Een formule die een lijst geeft van { filename, content }.',
        en: 'A formula giving a list of { filename, content }.',
      }),
    ),
    replyTo: z.email().optional().meta(fieldLabel('Antwoorden naar', 'Reply to')),
  }),
  output: z.object({
    messageId: z.string(),
    accepted: z.array(z.string()),
    rejected: z.array(z.string()),
    language: z.enum(['nl', 'en']),
    alreadySent: z.boolean(),
  }),
  secrets: ['smtp'],
  personalData: {
    reads: ['to', 'cc', 'email'],
    sendsOutside: 'always',
    register: () => ({ categories: ['email'], recipients: [{ kind: 'email', slot: 'smtp' }] }),
  },
  activity: {
    startToCloseTimeout: '1 minute',
    retry: {
      maximumAttempts: 5,
      initialInterval: '5 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
    },
  },
  async execute({ input, config, secrets, records, idempotencyKey, run, log, signal }) {
    const store = requireRecords(records)
    const smtp = smtpCredentialSchema.safeParse(
      await secrets.get('smtp').then((raw) => {
        try {
          return JSON.parse(raw) as unknown
        } catch {
          return undefined
        }
      }),
    )
    if (!smtp.success) {
      throw fail(
        'email.invalid_credential',
        'The smtp credential is not valid JSON {host, port, secure, user, pass, from}',
        'De SMTP-sleutel klopt niet: verwacht JSON met host, port, secure, user, pass en from.',
        'The SMTP credential is not valid: expected JSON with host, port, secure, user, pass and from.',
      )
    }
    let language = config.language
    if (config.languageFrom) {
      const chosen = await evaluateExpression(config.languageFrom, input)
      if (chosen === 'nl' || chosen === 'en') language = chosen
    }
    const to = await addresses(config.to, input)
    const cc = await addresses(config.cc, input)
    if (to.length === 0) {
      throw fail(
        'email.no_recipient',
        'There is no recipient',
        'Er is geen ontvanger voor deze e-mail.',
        'This e-mail has no recipient.',
      )
    }
    const subject = renderTemplate(config.subject[language], input)
    const body = renderTemplate(config.body[language], input)
    const html = config.html ? renderTemplate(config.html[language], input, { escapeHtml: true }) : undefined
    const missing = [...new Set([...subject.missing, ...body.missing, ...(html?.missing ?? [])])]
    if (missing.length) log.warn('template fields without a value', { fields: missing })

    let attachments: z.infer<typeof attachmentSchema>[] = []
    if (config.attachments) {
      const value = await evaluateExpression(config.attachments, input)
      const parsed = z.array(attachmentSchema).safeParse(value ?? [])
      if (!parsed.success) {
        throw fail(
          'email.invalid_attachment',
          `Attachments are not valid: ${parsed.error.message}`,
          'Een bijlage klopt niet: elke bijlage heeft een bestandsnaam en inhoud nodig.',
          'An attachment is not valid: each needs a filename and content.',
        )
      }
      attachments = parsed.data
      const bytes = attachments.reduce((sum, a) => sum + Buffer.byteLength(a.content, a.encoding), 0)
      if (bytes > maxAttachmentBytes) {
        throw fail(
          'email.attachments_too_large',
          `Attachments weigh ${bytes} bytes, more than ${maxAttachmentBytes}`,
          'De bijlagen zijn samen groter dan 10 MB.',
          'The attachments are larger than 10 MB together.',
        )
      }
    }

    const earlier = await sentEarlierInChain(store, run, [...to, ...cc])
    if (earlier) {
      log.info('the run this run retries sent this e-mail to the same recipients; not sending again')
      return { ...earlier, language, alreadySent: true }
    }

    const messageId = messageIdFor(idempotencyKey, domainOf(smtp.data.from))
    const alreadySent = (previous: Record<string, unknown>) => {
      log.info('e-mail was already sent in an earlier attempt; not sending again')
      const recipients = (previous.recipients as string[] | undefined) ?? []
      return {
        messageId: String(previous.message_id),
        accepted: recipients,
        rejected: [],
        language,
        alreadySent: true,
      }
    }
    const unknownDelivery = () =>
      fail(
        'email.delivery_unknown',
        'An earlier attempt stopped while sending; it is unknown whether the e-mail arrived',
        'Een eerdere poging stopte tijdens het versturen. Het is niet zeker of de e-mail is aangekomen; controleer dit voordat je hem opnieuw stuurt.',
        'An earlier attempt stopped while sending. It is not certain the e-mail arrived; check before sending it again.',
      )
    // Cheap exits first, without a connection: sent before, or an attempt died while sending.
    const prior = await store.get('email_deliveries', idempotencyKey)
    if (prior?.status === 'sent') return alreadySent(prior)
    if (prior?.status === 'sending') throw unknownDelivery()

    // The message is built before connecting, so the moment of sending is as short as it can be.
    const message = new MailComposer({
      from: smtp.data.from,
      to,
      ...(cc.length ? { cc } : {}),
      ...(config.replyTo ? { replyTo: config.replyTo } : {}),
      subject: subject.text,
      text: body.text,
      ...(html ? { html: html.text } : {}),
      messageId,
      attachments: attachments.map((a) => ({
        filename: a.filename,
        content: Buffer.from(a.content, a.encoding),
        ...(a.contentType ? { contentType: a.contentType } : {}),
      })),
    }).compile()
    const envelope = message.getEnvelope()
    const raw = await message.build()
    const connection = new SMTPConnection({
      host: smtp.data.host,
      port: smtp.data.port,
      secure: smtp.data.secure,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    })
    // A connection error after a callback has run would otherwise be an unhandled event.
    connection.on('error', () => undefined)
    const abort = () => connection.close()
    signal.addEventListener('abort', abort, { once: true })
    let claimed = false
    try {
      await new Promise<void>((resolve, reject) =>
        connection.connect((error) => (error ? reject(error) : resolve())),
      )
      if (smtp.data.user) {
        const auth = { user: smtp.data.user, pass: smtp.data.pass ?? '' }
        await new Promise<void>((resolve, reject) =>
          connection.login(auth, (error) => (error ? reject(error) : resolve())),
        )
      }
      // Only now, with a connection the server accepted, is the e-mail claimed as being sent: a
      // worker that dies while connecting or signing in leaves nothing behind, and the retry
      // sends it. What stays unknown is only a death during the message itself.
      const inserted = await store.insertIfAbsent('email_deliveries', {
        idempotency_key: idempotencyKey,
        message_id: messageId,
        status: 'sending',
        recipients: [...to, ...cc],
        run_id: run.runId,
      })
      if (!inserted) {
        const previous = await store.get('email_deliveries', idempotencyKey)
        if (previous?.status === 'sent') return alreadySent(previous)
        if (previous?.status === 'sending') throw unknownDelivery()
        await store.update('email_deliveries', idempotencyKey, { status: 'sending', message_id: messageId })
      }
      claimed = true
      const info = await new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) =>
        connection.send(envelope, raw, (error, sent) => (error ? reject(error) : resolve(sent))),
      )
      await store.update('email_deliveries', idempotencyKey, {
        status: 'sent',
        sent_at: new Date().toISOString(),
      })
      log.info('e-mail sent', { recipients: to.length + cc.length })
      return {
        messageId,
        accepted: info.accepted,
        rejected: info.rejected,
        language,
        alreadySent: false,
      }
    } catch (error) {
      if (error instanceof EmailError) throw error
      // The server refused or could not be reached: nothing was delivered, so a retry may send.
      if (claimed) await store.update('email_deliveries', idempotencyKey, { status: 'failed' })
      const smtpError = error as { code?: string; responseCode?: number }
      if (smtpError.code === 'EAUTH') {
        throw fail(
          'email.auth_failed',
          'The SMTP server refused the login',
          'De mailserver weigert de inlog. Controleer de SMTP-sleutel.',
          'The mail server refused the login. Check the SMTP credential.',
          false,
          error,
        )
      }
      const permanent = typeof smtpError.responseCode === 'number' && smtpError.responseCode >= 500
      throw fail(
        permanent ? 'email.rejected' : 'email.unavailable',
        `Sending failed (${smtpError.responseCode ?? smtpError.code ?? 'unknown'})`,
        permanent
          ? 'De mailserver weigert deze e-mail.'
          : 'De mailserver is nu niet bereikbaar; we proberen het later opnieuw.',
        permanent
          ? 'The mail server refused this e-mail.'
          : 'The mail server cannot be reached now; we will try again later.',
        !permanent,
        error,
      )
    } finally {
      signal.removeEventListener('abort', abort)
      if (connection.destroyed) connection.close()
      else connection.quit()
    }
  },
})
