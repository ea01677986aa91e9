import { describe, expect, it } from 'vitest'
import { generateWebhookSecret, signWebhook, verifyWebhook } from './signature.js'

describe('Standard Webhooks signatures', () => {
  const secret = generateWebhookSecret()
  const now = Date.now()
  const ts = String(Math.floor(now / 1000))
  const body = '{"naam":"Fatima"}'

  it('accepts a correct signature, also among several', () => {
    const signature = signWebhook(secret, 'msg_1', ts, body)
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    expect(verifyWebhook(secret, { id: 'msg_1', timestamp: ts, signature }, body, now)).toBeUndefined()
    const several = `v1,${Buffer.alloc(32).toString('base64')} ${signature}`
    expect(
      verifyWebhook(secret, { id: 'msg_1', timestamp: ts, signature: several }, body, now),
    ).toBeUndefined()
  })

  it('matches the Standard Webhooks reference vector', () => {
    // From the Standard Webhooks specification's example.
    const reference = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      '1614265330',
      '{"test": 2432232314}',
    )
    expect(reference).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  })

  it('refuses a wrong secret, another body or id, a stale or future timestamp and missing headers', () => {
    const signature = signWebhook(secret, 'msg_1', ts, body)
    expect(verifyWebhook(generateWebhookSecret(), { id: 'msg_1', timestamp: ts, signature }, body, now)).toBe(
      'invalid_signature',
    )
    expect(verifyWebhook(secret, { id: 'msg_1', timestamp: ts, signature }, `${body} `, now)).toBe(
      'invalid_signature',
    )
    expect(verifyWebhook(secret, { id: 'msg_2', timestamp: ts, signature }, body, now)).toBe(
      'invalid_signature',
    )
    expect(verifyWebhook(secret, { id: 'msg_1', timestamp: ts, signature }, body, now + 301_000)).toBe(
      'stale_timestamp',
    )
    expect(verifyWebhook(secret, { id: 'msg_1', timestamp: ts, signature }, body, now - 301_000)).toBe(
      'stale_timestamp',
    )
    expect(verifyWebhook(secret, { id: 'msg_1', timestamp: 'gisteren', signature }, body, now)).toBe(
      'missing_headers',
    )
    expect(verifyWebhook(secret, { timestamp: ts, signature }, body, now)).toBe('missing_headers')
    expect(verifyWebhook(secret, { id: 'msg_1', timestamp: ts, signature: 'v2,abc' }, body, now)).toBe(
      'invalid_signature',
    )
  })
})
