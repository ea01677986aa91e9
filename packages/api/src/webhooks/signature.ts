import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** How far a webhook's timestamp may be from now, in seconds (Standard Webhooks: 5 minutes). */
export const webhookToleranceSeconds = 300

/**
 * A new signing secret in the Standard Webhooks form `whsec_<base64 of 32 random bytes>`.
 *
 * @example
 * const secret = generateWebhookSecret()
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64')
}

/**
 * The `webhook-signature` header value for a delivery: `v1,<base64 HMAC-SHA256 of id.timestamp.body>`.
 *
 * @example
 * const signature = signWebhook(secret, 'msg_1', Math.floor(Date.now() / 1000), body)
 */
export function signWebhook(secret: string, id: string, timestamp: number | string, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')
  return `v1,${mac}`
}

/** Why a delivery was refused. */
export type WebhookRejection = 'missing_headers' | 'stale_timestamp' | 'invalid_signature'

/**
 * Checks a delivery's headers: timestamp within the tolerance, and one of the space-separated
 * `v1,` signatures matching (compared in constant time).
 *
 * @example
 * const problem = verifyWebhook(secret, headers, body)
 * if (problem) refuse(problem)
 */
export function verifyWebhook(
  secret: string,
  headers: { id?: string | undefined; timestamp?: string | undefined; signature?: string | undefined },
  body: string,
  now = Date.now(),
): WebhookRejection | undefined {
  const { id, timestamp, signature } = headers
  if (!id || !timestamp || !signature || id.length > 200 || !/^\d{1,12}$/.test(timestamp))
    return 'missing_headers'
  if (Math.abs(now / 1000 - Number(timestamp)) > webhookToleranceSeconds) return 'stale_timestamp'
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body).slice(3), 'base64')
  for (const part of signature.split(' ')) {
    const [version, value] = part.split(',', 2)
    if (version !== 'v1' || !value) continue
    const given = Buffer.from(value, 'base64')
    if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined
  }
  return 'invalid_signature'
}
