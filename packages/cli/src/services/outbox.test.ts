import type { NodeRunInfo } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { requireSmtpCredential, SmtpCredentialMissingError, withLocalOutbox } from './outbox.js'

const run = { flowId: 'f', flowVersion: 1, runId: 'r', nodeId: 'mail' } as NodeRunInfo
const stored: Record<string, string> = { smtp: '{"host":"mail.example.nl"}', ai: '{"apiKey":"k"}' }
const resolver = async (name: string) => stored[name]
const outboxCredential = '{"host":"127.0.0.1","port":2525}'

describe('withLocalOutbox', () => {
  it('lets a stored credential win and sends a missing credential of the smtp slot to the outbox', async () => {
    const secrets = withLocalOutbox(resolver, outboxCredential)
    expect(await secrets('smtp', run, 'smtp')).toBe(stored.smtp)
    expect(await secrets('smtp-team-noord', run, 'smtp')).toBe(outboxCredential)
    // The slot says it is SMTP, whatever the flow named the credential.
    expect(await secrets('office365', run, 'smtp')).toBe(outboxCredential)
    expect(await withLocalOutbox(undefined, outboxCredential)('smtp', run, 'smtp')).toBe(outboxCredential)
    // Other kinds of credential never get the outbox's, even with "mail" in their name.
    expect(await secrets('ai', run, 'ai')).toBe(stored.ai)
    expect(await secrets('partner-api', run, 'http')).toBeUndefined()
    expect(await secrets('mailchimp', run, 'http')).toBeUndefined()
    expect(await secrets('smtp-relay-token', run, 'webhook')).toBeUndefined()
  })
})

describe('requireSmtpCredential (production)', () => {
  it('stops a missing SMTP credential with a message in Dutch and English, without retries', async () => {
    const secrets = requireSmtpCredential(async () => undefined)
    const error = await secrets('smtp', run, 'smtp').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SmtpCredentialMissingError)
    expect(error).toMatchObject({ code: 'email.smtp_credential_missing', retryable: false })
    const text = (error as SmtpCredentialMissingError).text
    expect(text?.nl).toContain('geen SMTP-inloggegevens "smtp"')
    expect(text?.en).toContain('no SMTP credential "smtp"')
    expect(await requireSmtpCredential(resolver)('smtp', run, 'smtp')).toBe(stored.smtp)
  })

  it('knows an SMTP credential by its slot, not by its name', async () => {
    const secrets = requireSmtpCredential(async () => undefined)
    await expect(secrets('office365', run, 'smtp')).rejects.toMatchObject({
      code: 'email.smtp_credential_missing',
    })
    // A missing credential of another kind is the node's own "not configured", not an SMTP one.
    expect(await secrets('mailchimp', run, 'http')).toBeUndefined()
    expect(await secrets('partner-api', run, 'http')).toBeUndefined()
  })
})
