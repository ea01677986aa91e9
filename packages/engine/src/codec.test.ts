import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultPayloadConverter, type Payload } from '@temporalio/common'
import { describe, expect, it } from 'vitest'
import {
  createEncryptionCodec,
  createSealer,
  encryptedEncoding,
  generatePayloadKey,
  keyIdMetadata,
  loadPayloadKeys,
  PayloadCodecError,
  parsePayloadKeys,
} from './codec.js'

const canary = 'CANARY-Fatima-el-Amrani-1984'
const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array())

function payloadOf(value: unknown): Payload {
  const payload = defaultPayloadConverter.toPayload(value)
  if (!payload) throw new Error('not convertible')
  return payload
}

describe('payload codec', () => {
  const k1 = generatePayloadKey('k1')
  const k2 = generatePayloadKey('k2')

  it('encrypts metadata and data, names the key, and decodes back to the same payload', async () => {
    const codec = createEncryptionCodec({ keys: parsePayloadKeys(k1) })
    const original = payloadOf({ name: canary })
    const [encoded] = await codec.encode([original])
    expect(text(encoded!.metadata!.encoding)).toBe(encryptedEncoding)
    expect(text(encoded!.metadata![keyIdMetadata])).toBe('k1')
    expect(Buffer.from(encoded!.data!).includes(canary)).toBe(false)
    expect(Buffer.from(encoded!.data!).includes('json/plain')).toBe(false)
    const [decoded] = await codec.decode([encoded!])
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ name: canary })
    expect(text(decoded!.metadata!.encoding)).toBe('json/plain')
  })

  it('uses a fresh nonce each time, so equal inputs give different ciphertexts', async () => {
    const codec = createEncryptionCodec({ keys: parsePayloadKeys(k1) })
    const [a, b] = await codec.encode([payloadOf('same'), payloadOf('same')])
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false)
  })

  it('rotates keys: the newest key encrypts, older keys still decrypt', async () => {
    const old = createEncryptionCodec({ keys: parsePayloadKeys(k1) })
    const rotated = createEncryptionCodec({ keys: parsePayloadKeys(`${k2},${k1}`) })
    const [fromOld] = await old.encode([payloadOf({ n: 1 })])
    const [decodedOld] = await rotated.decode([fromOld!])
    expect(defaultPayloadConverter.fromPayload(decodedOld!)).toEqual({ n: 1 })
    const [fromNew] = await rotated.encode([payloadOf({ n: 2 })])
    expect(text(fromNew!.metadata![keyIdMetadata])).toBe('k2')
    // A process that only knows the old key cannot read what the new key wrote.
    await expect(old.decode([fromNew!])).rejects.toMatchObject({
      code: 'codec.unknown_key',
      retryable: false,
    })
  })

  it('refuses a changed ciphertext, a changed tag and a swapped key id', async () => {
    const codec = createEncryptionCodec({ keys: parsePayloadKeys(`${k2},${k1}`) })
    const [encoded] = await codec.encode([payloadOf({ amount: 100 })])
    const flipped = (index: number) => {
      const data = new Uint8Array(encoded!.data!)
      data[index] = data[index]! ^ 1
      return { metadata: encoded!.metadata, data }
    }
    await expect(codec.decode([flipped(14)])).rejects.toBeInstanceOf(PayloadCodecError)
    await expect(codec.decode([flipped(encoded!.data!.length - 1)])).rejects.toMatchObject({
      code: 'codec.tampered',
    })
    const swapped = {
      metadata: { ...encoded!.metadata, [keyIdMetadata]: new TextEncoder().encode('k1') },
      data: encoded!.data,
    }
    await expect(codec.decode([swapped])).rejects.toMatchObject({ code: 'codec.tampered' })
  })

  it('names an unknown key id in a bilingual error without revealing key material', async () => {
    const writer = createEncryptionCodec({ keys: parsePayloadKeys(k2) })
    const reader = createEncryptionCodec({ keys: parsePayloadKeys(k1) })
    const [encoded] = await writer.encode([payloadOf('x')])
    const error = await reader.decode([encoded!]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PayloadCodecError)
    expect((error as PayloadCodecError).code).toBe('codec.unknown_key')
    expect((error as PayloadCodecError).text.nl).toContain('k2')
    expect((error as PayloadCodecError).message).not.toContain(k2.slice(3))
  })

  it('passes payloads that were never encrypted through unchanged', async () => {
    const codec = createEncryptionCodec({ keys: parsePayloadKeys(k1) })
    const plain = payloadOf({ legacy: true })
    const [decoded] = await codec.decode([plain])
    expect(decoded).toBe(plain)
  })

  it('binds sealed bytes to their context', () => {
    const sealer = createSealer(parsePayloadKeys(k1))
    const sealed = sealer.seal(new TextEncoder().encode('row data'), 'output:1')
    expect(text(sealer.open(sealed, 'output:1'))).toBe('row data')
    expect(() => sealer.open(sealed, 'output:2')).toThrow(PayloadCodecError)
  })
})

describe('payload key configuration', () => {
  it('rejects keys of the wrong length, missing ids and duplicates, without echoing the key', () => {
    expect(() => parsePayloadKeys('k1:c2hvcnQ=')).toThrow(/k1 must be 32 bytes/)
    expect(() => parsePayloadKeys(Buffer.alloc(32).toString('base64'))).toThrow(/needs an id/)
    const key = generatePayloadKey('k1')
    expect(() => parsePayloadKeys(`${key},${key}`)).toThrow(/appears twice/)
    expect(() => parsePayloadKeys(' , ')).toThrow(PayloadCodecError)
    try {
      parsePayloadKeys('k1:c2hvcnQ=')
    } catch (error) {
      expect(String(error)).not.toContain('c2hvcnQ')
    }
  })

  it('prefers the environment, else creates one key file readable by the owner only and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmflow-keys-'))
    try {
      const fromEnv = generatePayloadKey('env1')
      expect(loadPayloadKeys({ WARMFLOW_PAYLOAD_KEYS: fromEnv }, dir)[0]!.id).toBe('env1')
      const first = loadPayloadKeys({}, join(dir, 'data'))
      const second = loadPayloadKeys({}, join(dir, 'data'))
      expect(first).toHaveLength(1)
      expect(Buffer.from(second[0]!.key).equals(Buffer.from(first[0]!.key))).toBe(true)
      const file = join(dir, 'data', 'payload-keys')
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(readFileSync(file, 'utf8')).toMatch(/^k1:/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
