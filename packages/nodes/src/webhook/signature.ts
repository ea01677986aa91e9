import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The key bytes of a webhook signing secret: `whsec_<base64>` as in the Standard Webhooks spec,
 * or any other text taken as UTF-8.
 *
 * @example
 * secretBytes('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')
 */
export function secretBytes(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8')
}

/**
 * Signs a webhook: `v1,` + base64 HMAC-SHA256 over `id.timestamp.body` (Standard Webhooks).
 *
 * @example
 * signWebhook('whsec_…', 'msg_1', 1700000000, '{"a":1}') // 'v1,K5oZ…'
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')
  return `v1,${mac}`
}

/**
 * Checks a `webhook-signature` header (space-separated `v1,<sig>` entries) in constant time.
 *
 * @example
 * verifyWebhook(secret, id, timestamp, body, request.headers.get('webhook-signature') ?? '')
 */
export function verifyWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
  header: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body))
  return header.split(' ').some((candidate) => {
    const given = Buffer.from(candidate)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}

/**
 * A webhook message id that is the same on every retry of one node in one run, so the receiver
 * can ignore a second delivery.
 *
 * @example
 * webhookIdFor('wf-1/notify') // 'msg_5b1c…'
 */
export function webhookIdFor(idempotencyKey: string): string {
  return `msg_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`
}
