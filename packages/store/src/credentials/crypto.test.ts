import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CredentialDecryptError,
  decryptSecret,
  encryptSecret,
  loadCredentialKey,
  parseCredentialKey,
  readCredentialKey,
} from './crypto.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('credential encryption', () => {
  const key = randomBytes(32)

  it('round-trips, with a fresh IV each time', () => {
    const a = encryptSecret(key, 'sk-geheim', 'credential:t1:openai')
    const b = encryptSecret(key, 'sk-geheim', 'credential:t1:openai')
    expect(a).not.toBe(b)
    expect(a).not.toContain('geheim')
    expect(decryptSecret(key, a, 'credential:t1:openai')).toBe('sk-geheim')
  })

  it('refuses another key, another row (context) and altered bytes', () => {
    const stored = encryptSecret(key, 'sk-geheim', 'credential:t1:openai')
    expect(() => decryptSecret(randomBytes(32), stored, 'credential:t1:openai')).toThrow(
      CredentialDecryptError,
    )
    expect(() => decryptSecret(key, stored, 'credential:t2:openai')).toThrow(CredentialDecryptError)
    const raw = Buffer.from(stored, 'base64')
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1
    expect(() => decryptSecret(key, raw.toString('base64'), 'credential:t1:openai')).toThrow(
      expect.objectContaining({ code: 'credential.undecryptable' }),
    )
  })

  it('reads keys as base64 or hex and refuses other lengths', () => {
    expect(parseCredentialKey(key.toString('base64'))).toEqual(key)
    expect(parseCredentialKey(key.toString('hex'))).toEqual(key)
    expect(() => parseCredentialKey('te-kort')).toThrow(/32 bytes/)
  })

  it('generates the key file once, private, and reuses it; workers never generate one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmflow-key-'))
    dirs.push(dir)
    expect(readCredentialKey({}, dir, { create: false })).toBeUndefined()
    const first = loadCredentialKey({}, dir)
    expect(statSync(join(dir, 'credential-key')).mode & 0o777).toBe(0o600)
    expect(loadCredentialKey({}, dir)).toEqual(first)
    expect(readCredentialKey({}, dir, { create: false })).toEqual(first)
    expect(parseCredentialKey(readFileSync(join(dir, 'credential-key'), 'utf8'))).toEqual(first)
    const fromEnv = randomBytes(32)
    expect(loadCredentialKey({ WARMFLOW_CREDENTIAL_KEY: fromEnv.toString('base64') }, dir)).toEqual(fromEnv)
  })
})
