import { randomUUID } from 'node:crypto'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { NodeError, type SecretResolver } from '@warmflow/engine'
import { type AddressObject, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** The largest message the local outbox accepts (the e-mail node's attachment limit, plus room). */
export const maxOutboxMessageBytes = 12 * 1024 * 1024

/** One message the local outbox received, as stored in its folder (one JSON file each). */
export interface OutboxMessage {
  id: string
  receivedAt: string
  messageId: string | null
  from: string
  to: string[]
  cc: string[]
  subject: string
  text: string
  html: string | null
  attachments: { filename: string; contentType: string; size: number }[]
}

/** A running local outbox. */
export interface LocalOutbox {
  host: string
  port: number
  /** The folder its messages are stored in. */
  dir: string
  /** The `smtp` credential (JSON) that makes `email.send` deliver here. */
  credential: string
  stop(): Promise<void>
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) =>
    group.value.flatMap((a) => (a.address ? [a.address] : [])),
  )

/**
 * Parses a raw message and writes it to `dir` as `<received>-<id>.json` (written under a temporary
 * name and renamed, so a reader never sees half a file).
 *
 * @example
 * const message = await storeOutboxMessage('.data/outbox', raw, ['ayla@example.nl'])
 */
export async function storeOutboxMessage(
  dir: string,
  raw: Buffer,
  envelopeTo: string[],
): Promise<OutboxMessage> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })
  const receivedAt = new Date().toISOString()
  const message: OutboxMessage = {
    id: randomUUID(),
    receivedAt,
    messageId: parsed.messageId ?? null,
    from: parsed.from?.text ?? '',
    to: envelopeTo.length ? envelopeTo : addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? 'bijlage',
      contentType: a.contentType,
      size: a.size,
    })),
  }
  await mkdir(dir, { recursive: true })
  const name = `${receivedAt.replace(/[:.]/g, '-')}-${message.id}.json`
  const temporary = join(dir, `.${name}.tmp`)
  await writeFile(temporary, JSON.stringify(message), { mode: 0o600 })
  await rename(temporary, join(dir, name))
  return message
}

/**
 * Starts the local outbox: a real SMTP server on 127.0.0.1 (a free port unless `port` is given)
 * that accepts every message without a login and stores it in `dir`, so e-mail from flows can be
 * read in the editor's Testpostvak without anything leaving the machine.
 *
 * @example
 * const outbox = await startLocalOutbox({ dir: '.data/outbox' })
 * const secrets = withLocalOutbox(stores.secrets, outbox.credential)
 */
export async function startLocalOutbox(options: {
  dir: string
  port?: number
  log?: (line: string) => void
}): Promise<LocalOutbox> {
  const host = '127.0.0.1'
  await mkdir(options.dir, { recursive: true })
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: maxOutboxMessageBytes,
    logger: false,
    banner: 'Warmflow local outbox: messages are stored, never sent',
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          const error = new Error('Message too large') as Error & { responseCode: number }
          error.responseCode = 552
          return callback(error)
        }
        storeOutboxMessage(
          options.dir,
          Buffer.concat(chunks),
          session.envelope.rcptTo.map((r) => r.address),
        ).then(
          () => callback(),
          (error: unknown) => {
            // The sender retries on 451; the message's content stays out of the log.
            options.log?.(`Local outbox: could not store a message (${(error as Error).name})`)
            const failure = new Error('Could not store the message') as Error & { responseCode: number }
            failure.responseCode = 451
            callback(failure)
          },
        )
      })
    },
  })
  server.on('error', (error) => options.log?.(`Local outbox: ${error.name}`))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.server.address() as AddressInfo).port
  return {
    host,
    port,
    dir: options.dir,
    credential: JSON.stringify({
      host,
      port,
      secure: false,
      from: 'Warmflow Testpostvak <testpostvak@warmflow.local>',
    }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The secret slot of nodes that send e-mail over SMTP (`email.send` declares `secrets: ['smtp']`). */
export const smtpSlot = 'smtp'

/**
 * Wraps the worker's credential resolver for `warmflow start` without an SMTP credential: a
 * credential for a node's `smtp` slot that the team has not set up resolves to the local outbox,
 * whatever the flow named it, so the flagship and every other flow that sends e-mail work on a
 * bare install. Other kinds of credential never get the outbox's, even when their name speaks of
 * mail. A credential the team did set up always wins.
 *
 * @example
 * createWarmflowWorker({ ...stores, secrets: withLocalOutbox(stores.secrets, outbox.credential) })
 */
export function withLocalOutbox(secrets: SecretResolver | undefined, credential: string): SecretResolver {
  return async (name, run, slot) => {
    const found = await secrets?.(name, run, slot)
    if (found !== undefined) return found
    return slot === smtpSlot ? credential : undefined
  }
}

/** Raised in production when a flow sends e-mail and its team has no SMTP credential. */
export class SmtpCredentialMissingError extends NodeError {}

/**
 * Wraps the worker's credential resolver in production (`WARMFLOW_ENV=production`): there is no
 * local outbox, and a missing credential for a node's `smtp` slot stops the e-mail node with a
 * message that says what to set up, without retries.
 *
 * @example
 * createWarmflowWorker({ ...stores, secrets: requireSmtpCredential(stores.secrets) })
 */
export function requireSmtpCredential(secrets: SecretResolver | undefined): SecretResolver {
  return async (name, run, slot) => {
    const found = await secrets?.(name, run, slot)
    if (found !== undefined || slot !== smtpSlot) return found
    throw new SmtpCredentialMissingError(
      'email.smtp_credential_missing',
      `No SMTP credential named "${name}" for this flow's team (production sends no e-mail to a test outbox)`,
      {
        retryable: false,
        text: {
          nl: `Deze flow verstuurt e-mail, maar het team heeft geen SMTP-inloggegevens "${name}". Maak ze aan bij Inloggegevens en start de run opnieuw.`,
          en: `This flow sends e-mail, but the team has no SMTP credential "${name}". Create it under Credentials and run the flow again.`,
        },
      },
    )
  }
}
