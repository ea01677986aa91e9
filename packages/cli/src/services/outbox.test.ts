import type { NodeRunInfo } from '@warmflow/engine'
import { describe, expect, it } from 'vitest'
import { requireSmtpCredential, SmtpCredentialMissingError, withLocalOutbox } from './outbox.js'

const run = { flowId: 'f', flowVersion: 1, runId: 'r', nodeId: 'mail' } as NodeRunInfo
const stored: Record<string, string> = { smtp: '{"host":"mail.example.nl"}', ai: '{"apiKey":"k"}' }
const resolver = async (name: string) => stored[name]
const outboxCredential = '{"host":"127.0.0.1","port":2525}'

describe('withLocalOutbox', () => {
  it('lets a stored credential win and sends a missing mail credential to the outbox', async () => {
    const secrets = withLocalOutbox(resolver, outboxCredential)
    expect(await secrets('smtp', run)).toBe(stored.smtp)
    expect(await secrets('smtp-team-noord', run)).toBe(outboxCredential)
    expect(await secrets('mail', run)).toBe(outboxCredential)
    // Other kinds of credential never get the outbox's.
    expect(await secrets('ai', run)).toBe(stored.ai)
    expect(await secrets('partner-api', run)).toBeUndefined()
    expect(await withLocalOutbox(undefined, outboxCredential)('smtp', run)).toBe(outboxCredential)
  })
})

describe('requireSmtpCredential (production)', () => {
  it('stops a missing SMTP credential with a message in Dutch and English, without retries', async () => {
    const secrets = requireSmtpCredential(async () => undefined)
    const error = await secrets('smtp', run).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SmtpCredentialMissingError)
    expect(error).toMatchObject({ code: 'email.smtp_credential_missing', retryable: false })
    const text = (error as SmtpCredentialMissingError).text
    expect(text?.nl).toContain('geen SMTP-inloggegevens "smtp"')
    expect(text?.en).toContain('no SMTP credential "smtp"')
    expect(await secrets('partner-api', run)).toBeUndefined()
    expect(await requireSmtpCredential(resolver)('smtp', run)).toBe(stored.smtp)
  })
})
