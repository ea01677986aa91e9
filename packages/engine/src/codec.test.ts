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
  hasRunKey,
  keyIdMetadata,
  loadPayloadKeys,
  PayloadCodecError,
  parsePayloadKeys,
  runKeyId,
  runKeyMetadata,
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

describe('run data keys (crypto-shredding)', () => {
  const k1 = generatePayloadKey('k1')
  function memoryRunKeys() {
    const keys = new Map<string, Uint8Array | 'destroyed'>()
    const store = {
      async obtain(workflowId: string) {
        const found = keys.get(workflowId)
        if (found === 'destroyed') return undefined
        if (found) return found
        const made = new Uint8Array(Buffer.from(generatePayloadKey('x').slice(2), 'base64'))
        keys.set(workflowId, made)
        return made
      },
      async find(workflowId: string) {
        const found = keys.get(workflowId)
        return found === 'destroyed' ? undefined : found
      },
      destroy(workflowId: string) {
        keys.set(workflowId, 'destroyed')
      },
    }
    return store
  }
  const runContext = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId })

  it("encrypts a run's payloads with its own key, readable without context until the key is destroyed", async () => {
    const runKeys = memoryRunKeys()
    const codec = createEncryptionCodec({ keys: parsePayloadKeys(k1), runKeys })
    const [encoded] = await codec.encode([payloadOf({ name: canary })], runContext('run-a'))
    expect(text(encoded!.metadata![keyIdMetadata])).toBe(runKeyId)
    expect(text(encoded!.metadata![runKeyMetadata])).toBe('run-a')
    expect(Buffer.from(encoded!.data!).includes(canary)).toBe(false)
    // A reader without context (e.g. a history read) finds the key by the metadata.
    const [decoded] = await codec.decode([encoded!])
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({ name: canary })
    // Activities of the run use the run's key too.
    const [fromActivity] = await codec.encode([payloadOf(1)], {
      type: 'activity',
      namespace: 'default',
      workflowId: 'run-a',
      isLocal: false,
    })
    expect(text(fromActivity!.metadata![runKeyMetadata])).toBe('run-a')

    runKeys.destroy('run-a')
    await expect(codec.decode([encoded!])).rejects.toMatchObject({
      code: 'codec.run_erased',
      retryable: false,
    })
    // Nor does anything new get written for the erased run, not even under the payload keys.
    await expect(codec.encode([payloadOf(2)], runContext('run-a'))).rejects.toMatchObject({
      code: 'codec.run_erased',
    })
    // The payload keys alone never open a run key's payload.
    const plainCodec = createEncryptionCodec({ keys: parsePayloadKeys(k1) })
    await expect(plainCodec.decode([encoded!])).rejects.toMatchObject({ code: 'codec.no_run_keys' })
  })

  it("binds a payload to its run: another run's key or a changed run id does not open it", async () => {
    const runKeys = memoryRunKeys()
    const codec = createEncryptionCodec({ keys: parsePayloadKeys(k1), runKeys })
    const [a] = await codec.encode([payloadOf('a')], runContext('run-a'))
    await codec.encode([payloadOf('b')], runContext('run-b'))
    const moved = {
      metadata: { ...a!.metadata, [runKeyMetadata]: new TextEncoder().encode('run-b') },
      data: a!.data,
    }
    await expect(codec.decode([moved])).rejects.toMatchObject({ code: 'codec.tampered' })
  })

  it('keeps the payload keys for housekeeping workflows and payloads without context', async () => {
    const runKeys = memoryRunKeys()
    const codec = createEncryptionCodec({ keys: parsePayloadKeys(k1), runKeys })
    const [retention] = await codec.encode([payloadOf({ now: 1 })], runContext('warmflow-retention-1'))
    const [noContext] = await codec.encode([payloadOf({ now: 2 })])
    expect(text(retention!.metadata![keyIdMetadata])).toBe('k1')
    expect(text(noContext!.metadata![keyIdMetadata])).toBe('k1')
    expect(retention!.metadata![runKeyMetadata]).toBeUndefined()
    expect(hasRunKey('sched-flow-2026-12-05T03:30:00Z')).toBe(true)
    expect(hasRunKey('warmflow-retention')).toBe(false)
  })
})
