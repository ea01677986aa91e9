import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

// argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 20-40 ms per check here.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** Shortest password the API accepts for a new account. */
export const minPasswordLength = 12

/**
 * Hashes a password with argon2id; the result carries its own salt and parameters.
 *
 * @example
 * const stored = await hashPassword('lang genoeg wachtwoord')
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

/**
 * Checks a password against a stored argon2 hash. Never throws on a malformed hash.
 *
 * @example
 * if (await verifyPassword(stored, attempt)) signIn()
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | undefined
/**
 * Spends the same time as a real check, for unknown accounts, so response time does not tell
 * which e-mail addresses have an account.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  await verifyPassword(await dummy, password)
  return false
}

/**
 * A random password for a generated account: 24 characters from 144 random bits.
 *
 * @example
 * const password = generatePassword()
 */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}
