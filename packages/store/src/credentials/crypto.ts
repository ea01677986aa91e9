import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { WarmflowError } from '@warmflow/engine'

/** Environment variable with the credential key: 32 bytes as base64 or hex. */
export const credentialKeyVariable = 'WARMFLOW_CREDENTIAL_KEY'

/** A credential could not be decrypted: wrong key, or the row was tampered with. */
export class CredentialDecryptError extends WarmflowError {
  constructor(cause?: unknown) {
    super(
      'credential.undecryptable',
      'A stored credential could not be decrypted (wrong key or altered data).',
      {
        text: {
          nl: 'Een opgeslagen sleutel kan niet worden ontsleuteld. Controleer WARMFLOW_CREDENTIAL_KEY.',
          en: 'A stored credential could not be decrypted. Check WARMFLOW_CREDENTIAL_KEY.',
        },
        cause,
      },
    )
  }
}

/**
 * Reads a 32-byte key from base64 or hex text.
 *
 * @example
 * const key = parseCredentialKey(process.env.WARMFLOW_CREDENTIAL_KEY!)
 */
export function parseCredentialKey(text: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (key.length !== 32) {
    throw new Error(
      `${credentialKeyVariable} must be 32 bytes (base64 or 64 hex characters) / moet 32 bytes zijn`,
    )
  }
  return key
}

/**
 * The credential key from `WARMFLOW_CREDENTIAL_KEY`, or, for the embedded default, from
 * `<dataDir>/credential-key`, generated there once (mode 0600).
 *
 * @example
 * const key = loadCredentialKey(process.env, config.dataDir)
 */
export function loadCredentialKey(env: Record<string, string | undefined>, dataDir: string): Buffer {
  return readCredentialKey(env, dataDir, { create: true }) as Buffer
}

/**
 * Like {@link loadCredentialKey}, but with `create: false` answers undefined instead of making a
 * key file (for worker processes, which must use the API's key, never one of their own).
 *
 * @example
 * const key = readCredentialKey(process.env, config.dataDir, { create: false })
 */
export function readCredentialKey(
  env: Record<string, string | undefined>,
  dataDir: string,
  options: { create: boolean },
): Buffer | undefined {
  const fromEnv = env[credentialKeyVariable]
  if (fromEnv?.trim()) return parseCredentialKey(fromEnv)
  const file = join(dataDir, 'credential-key')
  if (!existsSync(file)) {
    if (!options.create) return undefined
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    chmodSync(file, 0o600)
  }
  return parseCredentialKey(readFileSync(file, 'utf8'))
}

/**
 * Encrypts a secret with AES-256-GCM. `context` (e.g. team and name) is bound as additional
 * data, so a ciphertext copied to another row does not decrypt.
 *
 * @example
 * const stored = encryptSecret(key, 'sk-…', `${teamId}/openai`)
 */
export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
}

/**
 * Decrypts what {@link encryptSecret} made with the same key and context.
 *
 * @example
 * const secret = decryptSecret(key, row.secret, `${row.team_id}/${row.name}`)
 */
export function decryptSecret(key: Buffer, stored: string, context: string): string {
  try {
    const raw = Buffer.from(stored, 'base64')
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(raw.subarray(12, 28))
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
  } catch (error) {
    throw new CredentialDecryptError(error)
  }
}
