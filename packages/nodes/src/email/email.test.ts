import { randomUUID } from 'node:crypto'
import { runNode } from '@warmflow/engine/testing'
import { createDb, createPostgresRecordStore } from '@warmflow/store'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startSmtpServer, type TestSmtpServer } from '../../../../tests/support/smtp-server.js'
import { emailSendNode, messageIdFor } from './email.js'
import { renderTemplate } from './template.js'

const db = createDb((inject as (key: string) => string)('databaseUrl'), { max: 4 })
const records = createPostgresRecordStore(db)
let smtp: TestSmtpServer

beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp.stop()
  await db.destroy()
})

const config = {
  to: 'vrijwilliger.email',
  subject: { nl: 'Nieuwe koppeling met {{ client.voornaam }}', en: 'New match with {{ client.voornaam }}' },
  body: {
    nl: 'Beste {{ vrijwilliger.naam }},\n\nJe bent gekoppeld aan {{ client.voornaam }}.',
    en: 'Dear {{ vrijwilliger.naam }},\n\nYou have been matched with {{ client.voornaam }}.',
  },
}
const input = {
  vrijwilliger: { naam: 'Els Bakker', email: 'els@example.nl', taal: 'en' },
  client: { voornaam: 'Fatima' },
}
const key = () => `wf-${randomUUID()}/mail`

describe('templates', () => {
  it('fills {{ fields }} from data and never runs code', () => {
    expect(renderTemplate('Hoi {{ a.b }} en {{ lijst }}', { a: { b: 'Sam' }, lijst: ['x', 'y'] })).toEqual({
      text: 'Hoi Sam en x, y',
      missing: [],
    })
    const attempt = renderTemplate('{{ constructor.constructor }}{{ process.env }}{{ x }}', {})
    expect(attempt).toEqual({ text: '', missing: ['constructor.constructor', 'process.env', 'x'] })
    expect(renderTemplate('<p>{{ n }}</p>', { n: '<b>&' }, { escapeHtml: true }).text).toBe(
      '<p>&lt;b&gt;&amp;</p>',
    )
  })
})

describe('email.send over a real SMTP server', () => {
  it('sends in the chosen language with a Message-ID derived from the run and node', async () => {
    const idempotencyKey = key()
    const { output } = await runNode(emailSendNode, {
      records,
      secrets: { smtp: smtp.credential() },
      input,
      config: { ...config, languageFrom: 'vrijwilliger.taal' },
      idempotencyKey,
    })
    expect(output).toMatchObject({ accepted: ['els@example.nl'], language: 'en', alreadySent: false })
    expect(output.messageId).toBe(messageIdFor(idempotencyKey, 'warmflow.test'))
    const mail = smtp.messages.find((m) => m.messageId === output.messageId)!
    expect(mail.to).toEqual(['els@example.nl'])
    expect(mail.subject).toBe('New match with Fatima')
    expect(mail.raw).toContain('Dear Els Bakker,')
  })

  it('never sends twice: a retry after the e-mail went out returns the earlier result', async () => {
    const idempotencyKey = key()
    const before = smtp.messages.length
    const first = await runNode(emailSendNode, {
      records,
      secrets: { smtp: smtp.credential() },
      input,
      config,
      idempotencyKey,
      attempt: 1,
    })
    // The worker crashed before Temporal recorded the result: the node runs again.
    const retry = await runNode(emailSendNode, {
      records,
      secrets: { smtp: smtp.credential() },
      input,
      config,
      idempotencyKey,
      attempt: 2,
    })
    expect(smtp.messages.length - before).toBe(1)
    expect(retry.output).toMatchObject({ alreadySent: true, messageId: first.output.messageId })
    expect(smtp.messages.at(-1)?.subject).toBe('Nieuwe koppeling met Fatima')
  })

  it('sends attachments from upstream data', async () => {
    const { output } = await runNode(emailSendNode, {
      records,
      secrets: { smtp: smtp.credential() },
      input: {
        ...input,
        verslag: { naam: 'verslag.txt', inhoud: Buffer.from('Voortgang: goed').toString('base64') },
      },
      config: {
        ...config,
        attachments:
          '[{ "filename": verslag.naam, "content": verslag.inhoud, "encoding": "base64", "contentType": "text/plain" }]',
      },
      idempotencyKey: key(),
    })
    const mail = smtp.messages.find((m) => m.messageId === output.messageId)!
    expect(mail.raw).toContain('filename=verslag.txt')
    expect(mail.raw).toContain(Buffer.from('Voortgang: goed').toString('base64'))
  })

  it('retries after a temporary refusal, and a later attempt sends once', async () => {
    let refuse = true
    const flaky = await startSmtpServer({
      reject: () => (refuse ? { code: 451, message: 'Probeer later' } : undefined),
    })
    const idempotencyKey = key()
    const options = { records, secrets: { smtp: flaky.credential() }, input, config, idempotencyKey }
    await expect(runNode(emailSendNode, { ...options, attempt: 1 })).rejects.toMatchObject({
      code: 'email.unavailable',
      retryable: true,
    })
    refuse = false
    const { output } = await runNode(emailSendNode, { ...options, attempt: 2 })
    expect(output.alreadySent).toBe(false)
    expect(flaky.messages).toHaveLength(1)
    await flaky.stop()
  })

  it('stops instead of risking a second e-mail when an attempt died while sending', async () => {
    const idempotencyKey = key()
    // What a worker killed in the middle of the SMTP conversation leaves behind.
    await records.insert('email_deliveries', {
      idempotency_key: idempotencyKey,
      message_id: messageIdFor(idempotencyKey, 'warmflow.test'),
      status: 'sending',
    })
    const before = smtp.arrived.length
    const error = await runNode(emailSendNode, {
      records,
      secrets: { smtp: smtp.credential() },
      input,
      config,
      idempotencyKey,
      attempt: 2,
    }).catch((e) => e)
    expect(error).toMatchObject({ code: 'email.delivery_unknown', retryable: false })
    expect(error.text.nl).toContain('niet zeker')
    expect(smtp.arrived.length).toBe(before)
  })

  it('says clearly when the login, the credential or the address is wrong', async () => {
    const wrong = JSON.stringify({ ...JSON.parse(smtp.credential()), pass: 'fout' })
    await expect(
      runNode(emailSendNode, { records, secrets: { smtp: wrong }, input, config, idempotencyKey: key() }),
    ).rejects.toMatchObject({ code: 'email.auth_failed', retryable: false })
    await expect(
      runNode(emailSendNode, {
        records,
        secrets: { smtp: 'geen json' },
        input,
        config,
        idempotencyKey: key(),
      }),
    ).rejects.toMatchObject({ code: 'email.invalid_credential' })
    await expect(
      runNode(emailSendNode, {
        records,
        secrets: { smtp: smtp.credential() },
        input: { vrijwilliger: { email: 'geen-adres' } },
        config,
        idempotencyKey: key(),
      }),
    ).rejects.toMatchObject({ code: 'email.invalid_address' })
  })
})
