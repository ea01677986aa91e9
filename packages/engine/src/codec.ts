import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DataConverter, Payload, PayloadCodec, SerializationContext } from '@temporalio/common'
import { WarmflowError, type WarmflowErrorOptions } from './errors.js'
import { failureConverterPath } from './paths.js'

/** One AES-256 key with the id that is written next to everything it encrypted. */
export interface PayloadKey {
  /** Short name such as `k2`; letters, digits, `-` and `_`. */
  id: string
  /** 32 random bytes. */
  key: Uint8Array
}

/**
 * Why a payload could not be encrypted or decrypted: a bad key configuration, an unknown key
 * id, or data that was changed after it was encrypted. Never retryable: retrying cannot fix it.
 */
export class PayloadCodecError extends WarmflowError {
  constructor(code: string, message: string, options: WarmflowErrorOptions = {}) {
    super(code, message, { retryable: false, ...options })
  }
}

/** The `encoding` metadata value of a payload encrypted by {@link createEncryptionCodec}. */
export const encryptedEncoding = 'binary/encrypted'
/** Metadata field holding the id of the key that encrypted a payload. */
export const keyIdMetadata = 'encryption-key-id'
/** Environment variable with the payload keys: `newest-id:base64,older-id:base64`. */
export const payloadKeysVariable = 'WARMFLOW_PAYLOAD_KEYS'

const ivBytes = 12
const tagBytes = 16
const encoder = new TextEncoder()
const decoder = new TextDecoder()

function keyError(message: string, nl: string): PayloadCodecError {
  return new PayloadCodecError('codec.invalid_keys', message, { text: { nl, en: message } })
}

/**
 * Parses a key list such as `k2:BASE64,k1:BASE64`. The first key encrypts; every key decrypts,
 * so a new key goes in front and an old one stays until no stored run still needs it.
 *
 * @example
 * const keys = parsePayloadKeys(process.env.WARMFLOW_PAYLOAD_KEYS ?? '')
 */
export function parsePayloadKeys(spec: string): PayloadKey[] {
  const keys: PayloadKey[] = []
  for (const part of spec.split(',').map((s) => s.trim())) {
    if (!part) continue
    const colon = part.indexOf(':')
    const id = colon < 0 ? '' : part.slice(0, colon)
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      throw keyError(
        `${payloadKeysVariable}: each key needs an id, like k1:BASE64KEY`,
        `${payloadKeysVariable}: elke sleutel heeft een naam nodig, zoals k1:BASE64SLEUTEL`,
      )
    }
    const key = Buffer.from(part.slice(colon + 1), 'base64')
    if (key.length !== 32) {
      // The message names the id only: the key itself never appears in an error or a log.
      throw keyError(
        `${payloadKeysVariable}: key ${id} must be 32 bytes in base64 (openssl rand -base64 32)`,
        `${payloadKeysVariable}: sleutel ${id} moet 32 bytes zijn, in base64 (openssl rand -base64 32)`,
      )
    }
    if (keys.some((k) => k.id === id)) {
      throw keyError(
        `${payloadKeysVariable}: key id ${id} appears twice`,
        `${payloadKeysVariable}: sleutelnaam ${id} komt twee keer voor`,
      )
    }
    keys.push({ id, key: new Uint8Array(key) })
  }
  if (keys.length === 0) {
    throw keyError(`${payloadKeysVariable} holds no keys`, `${payloadKeysVariable} bevat geen sleutels`)
  }
  return keys
}

/**
 * Makes a new random key, formatted for {@link parsePayloadKeys}.
 *
 * @example
 * const line = generatePayloadKey('k1') // 'k1:…base64…'
 */
export function generatePayloadKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`
}

/**
 * The payload keys for this process: from `WARMFLOW_PAYLOAD_KEYS` when set, otherwise from the
 * file `payload-keys` in `dataDir`, which is created with one new key (readable by the owner
 * only) the first time. The keys are never printed.
 *
 * @example
 * const keys = loadPayloadKeys(process.env, config.dataDir)
 */
export function loadPayloadKeys(env: Record<string, string | undefined>, dataDir: string): PayloadKey[] {
  const fromEnv = env[payloadKeysVariable]
  if (fromEnv?.trim()) return parsePayloadKeys(fromEnv)
  const file = join(dataDir, 'payload-keys')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, `${generatePayloadKey('k1')}\n`, { mode: 0o600, flag: 'wx' })
    chmodSync(file, 0o600)
  }
  return parsePayloadKeys(readFileSync(file, 'utf8'))
}

// The inner payload (metadata + data) is serialised before encryption as:
// u32 count, then per entry u32 name length, name, u32 value length, value; then the data.
function serialise(payload: Payload): Uint8Array {
  const entries = Object.entries(payload.metadata ?? {}).map(
    ([name, value]) => [encoder.encode(name), value ?? new Uint8Array()] as const,
  )
  const data = payload.data ?? new Uint8Array()
  let size = 4 + data.length
  for (const [name, value] of entries) size += 8 + name.length + value.length
  const out = Buffer.alloc(size)
  let at = out.writeUInt32BE(entries.length, 0)
  for (const [name, value] of entries) {
    at = out.writeUInt32BE(name.length, at)
    out.set(name, at)
    at += name.length
    at = out.writeUInt32BE(value.length, at)
    out.set(value, at)
    at += value.length
  }
  out.set(data, at)
  return out
}

function deserialise(bytes: Buffer): Payload {
  let at = 0
  const read = (length: number) => {
    if (at + length > bytes.length) throw new RangeError('truncated payload')
    const slice = bytes.subarray(at, at + length)
    at += length
    return slice
  }
  const count = read(4).readUInt32BE(0)
  const metadata: Record<string, Uint8Array> = {}
  for (let i = 0; i < count; i++) {
    const name = decoder.decode(read(read(4).readUInt32BE(0)))
    metadata[name] = new Uint8Array(read(read(4).readUInt32BE(0)))
  }
  return { metadata, data: new Uint8Array(bytes.subarray(at)) }
}

/** Encrypted bytes and the id of the key that encrypted them. */
export interface SealedBytes {
  keyId: string
  /** 12-byte nonce, ciphertext, 16-byte GCM tag. */
  data: Uint8Array
}

/** Encrypts and decrypts bytes with AES-256-GCM under a key list; see {@link createSealer}. */
export interface Sealer {
  /** Encrypts with the newest key. `context` (e.g. a table and row) must match when opening. */
  seal(plain: Uint8Array, context?: string): SealedBytes
  /** Decrypts with the key named by `keyId`; throws `codec.unknown_key` or `codec.tampered`. */
  open(sealed: SealedBytes, context?: string): Uint8Array
}

/**
 * AES-256-GCM with key rotation: the first key encrypts, every key decrypts. The key id and an
 * optional context string are authenticated, so ciphertext cannot be moved to another key id
 * or another row unnoticed. Used by the payload codec and by the large-output store.
 *
 * @example
 * const sealer = createSealer(parsePayloadKeys('k1:' + key))
 * const sealed = sealer.seal(new TextEncoder().encode('hello'), 'output:42')
 */
export function createSealer(keys: readonly PayloadKey[]): Sealer {
  const [current] = keys
  if (!current) throw keyError('No payload keys configured', 'Er zijn geen sleutels ingesteld')
  const byId = new Map(keys.map((k) => [k.id, k.key]))
  const aad = (id: string, context: string | undefined) => encoder.encode(`${id}\u0000${context ?? ''}`)
  return {
    seal(plain, context) {
      const iv = randomBytes(ivBytes)
      const cipher = createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: tagBytes })
      cipher.setAAD(aad(current.id, context))
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()])
      return { keyId: current.id, data: new Uint8Array(data) }
    },
    open(sealed, context) {
      const key = byId.get(sealed.keyId)
      if (!key) {
        throw new PayloadCodecError(
          'codec.unknown_key',
          `Data was encrypted with key "${sealed.keyId}", which is not configured`,
          {
            text: {
              nl: `Gegevens zijn versleuteld met sleutel "${sealed.keyId}", maar die sleutel is niet ingesteld.`,
              en: `Data was encrypted with key "${sealed.keyId}", but that key is not configured.`,
            },
            details: { keyId: sealed.keyId },
          },
        )
      }
      const data = Buffer.from(sealed.data)
      try {
        if (data.length < ivBytes + tagBytes) throw new RangeError('too short')
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, ivBytes), {
          authTagLength: tagBytes,
        })
        decipher.setAAD(aad(sealed.keyId, context))
        decipher.setAuthTag(data.subarray(data.length - tagBytes))
        return new Uint8Array(
          Buffer.concat([decipher.update(data.subarray(ivBytes, data.length - tagBytes)), decipher.final()]),
        )
      } catch (cause) {
        throw new PayloadCodecError(
          'codec.tampered',
          'Encrypted data failed authentication: it was changed or damaged',
          {
            cause,
            text: {
              nl: 'Versleutelde gegevens zijn veranderd of beschadigd en worden niet gebruikt.',
              en: 'Encrypted data was changed or damaged and is not used.',
            },
          },
        )
      }
    },
  }
}

/** Metadata field naming the run (its workflow id) whose own data key encrypted a payload. */
export const runKeyMetadata = 'warmflow-run-key'
/** The `encryption-key-id` of a payload encrypted with a run's data key. */
export const runKeyId = 'run'

/**
 * Each run's own data key (envelope encryption: the key is stored wrapped by the payload keys).
 * Destroying a run's key makes every copy of its Temporal payloads unreadable: that is how one
 * person's runs are erased (crypto-shredding). Implemented in `@warmflow/store` on PostgreSQL.
 */
export interface RunKeyStore {
  /** The run's key, made on first use; `undefined` once it was destroyed (the run was erased). */
  obtain(workflowId: string): Promise<Uint8Array | undefined>
  /** The run's key; `undefined` when it was destroyed or never made. */
  find(workflowId: string): Promise<Uint8Array | undefined>
}

/**
 * True for the workflows that run a flow (started by the API, `run-…`, or by a flow's schedule,
 * `sched-…`): their payloads hold a person's data, so they get a data key of their own.
 * Warmflow's housekeeping workflows (such as retention) hold ids only.
 *
 * @example
 * hasRunKey('run-3b97731c-1312-4dc2-8392-d92982370000') // true
 */
export function hasRunKey(workflowId: string): boolean {
  return workflowId.startsWith('run-') || workflowId.startsWith('sched-')
}

/** Options for {@link createEncryptionCodec}. */
export interface EncryptionCodecOptions {
  /** The first key encrypts; all of them decrypt. */
  keys: readonly PayloadKey[]
  /**
   * Run data keys. With them, every payload of a run's workflow and of its activities is
   * encrypted with that run's own key (Temporal tells the codec whose payload it is); other
   * payloads, and all payloads without a store, use the payload keys.
   */
  runKeys?: RunKeyStore | undefined
}

function erasedError(): PayloadCodecError {
  return new PayloadCodecError('codec.run_erased', "The run's data key was destroyed: its data was erased", {
    text: {
      nl: 'De gegevens van deze run zijn gewist (op verzoek of na de bewaartermijn) en kunnen niet meer worden gelezen.',
      en: "This run's data was erased (on request or after its retention term) and can no longer be read.",
    },
  })
}

/**
 * A Temporal `PayloadCodec` that encrypts every payload with AES-256-GCM, so the Temporal
 * server stores no client data in plain text. Each payload gets a fresh 12-byte nonce; the key
 * id travels in the payload metadata and is authenticated with the ciphertext. Give the same
 * keys to workers and clients.
 *
 * With `runKeys`, a run's payloads are encrypted with the run's own data key instead, and the
 * run's workflow id is written beside them (authenticated): once that key is destroyed, no
 * copy of them can be read again, by anyone holding the payload keys or not.
 *
 * @example
 * const codec = createEncryptionCodec({ keys: parsePayloadKeys(process.env.WARMFLOW_PAYLOAD_KEYS ?? '') })
 * const client = new Client({ connection, dataConverter: warmflowDataConverter([codec]) })
 */
export function createEncryptionCodec(options: EncryptionCodecOptions): PayloadCodec {
  const sealer = createSealer(options.keys)
  const { runKeys } = options
  const runSealer = (key: Uint8Array) => createSealer([{ id: runKeyId, key }])
  const runContext = (workflowId: string) => `temporal-payload\u0000${workflowId}`
  return {
    async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
      const workflowId = context?.workflowId
      if (runKeys && workflowId && hasRunKey(workflowId) && payloads.length > 0) {
        const key = await runKeys.obtain(workflowId)
        // Never fall back to the payload keys: an erased run must stay unreadable.
        if (!key) throw erasedError()
        const own = runSealer(key)
        return payloads.map((payload) => ({
          metadata: {
            encoding: encoder.encode(encryptedEncoding),
            [keyIdMetadata]: encoder.encode(runKeyId),
            [runKeyMetadata]: encoder.encode(workflowId),
          },
          data: own.seal(serialise(payload), runContext(workflowId)).data,
        }))
      }
      return payloads.map((payload) => {
        const sealed = sealer.seal(serialise(payload), 'temporal-payload')
        return {
          metadata: {
            encoding: encoder.encode(encryptedEncoding),
            [keyIdMetadata]: encoder.encode(sealed.keyId),
          },
          data: sealed.data,
        }
      })
    },
    async decode(payloads: Payload[]): Promise<Payload[]> {
      const runSealers = new Map<string, Sealer>()
      const out: Payload[] = []
      for (const payload of payloads) {
        const encoding = payload.metadata?.encoding
        if (!encoding || decoder.decode(encoding) !== encryptedEncoding) {
          out.push(payload)
          continue
        }
        const data = payload.data ?? new Uint8Array()
        const runBytes = payload.metadata?.[runKeyMetadata]
        if (runBytes) {
          // The workflow id travels with the payload, so any reader finds the key without context.
          const workflowId = decoder.decode(runBytes)
          let own = runSealers.get(workflowId)
          if (!own) {
            const key = runKeys ? await runKeys.find(workflowId) : undefined
            if (!key) {
              if (!runKeys) {
                throw new PayloadCodecError(
                  'codec.no_run_keys',
                  "A payload is encrypted with a run's own key, but this process has no run key store",
                  {
                    text: {
                      nl: 'Deze gegevens zijn versleuteld met de sleutel van de run, maar dit proces kan die sleutels niet lezen.',
                      en: "This data is encrypted with the run's own key, but this process cannot read run keys.",
                    },
                  },
                )
              }
              throw erasedError()
            }
            own = runSealer(key)
            runSealers.set(workflowId, own)
          }
          out.push(deserialise(Buffer.from(own.open({ keyId: runKeyId, data }, runContext(workflowId)))))
          continue
        }
        const idBytes = payload.metadata?.[keyIdMetadata]
        const keyId = idBytes ? decoder.decode(idBytes) : ''
        const plain = sealer.open({ keyId, data }, 'temporal-payload')
        out.push(deserialise(Buffer.from(plain)))
      }
      return out
    },
  }
}

/**
 * The data converter for every Warmflow worker and Temporal client: the payload codecs (such
 * as {@link createEncryptionCodec}) and Temporal's failure converter with
 * `encodeCommonAttributes`, which moves each failure's message and stack trace into a payload
 * so the codecs encrypt them too. Without it, failure messages (which may quote client data)
 * are stored in plain text in Temporal's database.
 *
 * @example
 * const dataConverter = warmflowDataConverter([createEncryptionCodec({ keys })])
 * const client = new Client({ connection, dataConverter })
 * const worker = await Worker.create({ connection: native, dataConverter, ... })
 */
export function warmflowDataConverter(payloadCodecs: PayloadCodec[]): DataConverter {
  return { payloadCodecs, failureConverterPath }
}
