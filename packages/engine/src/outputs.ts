import { WarmflowError } from './errors.js'

/**
 * Stands in for a node output that was too large to travel through Temporal. The output itself
 * is in the {@link OutputStore}; `runNode` swaps the reference back for the data before the
 * next node runs, so workflow history only ever holds the reference.
 */
export interface OutputReference {
  $ref: `output:${string}`
}

/** Where large node outputs live (PostgreSQL in Warmflow: `packages/store/src/outputs/store.ts`). */
export interface OutputStore {
  /** Stores the JSON text of one node output and returns its id. */
  put(output: { runId: string; nodeId: string; json: string }): Promise<string>
  /** The JSON text stored under `id`, or undefined when there is none (e.g. removed by retention). */
  get(id: string): Promise<string | undefined>
}

/** Outputs whose JSON is larger than this many bytes go to the {@link OutputStore}: 256 KB. */
export const defaultLargeOutputBytes = 256 * 1024

/** Environment variable that overrides {@link defaultLargeOutputBytes}. */
export const largeOutputBytesVariable = 'WARMFLOW_LARGE_OUTPUT_BYTES'

/**
 * True for an {@link OutputReference}: an object with exactly one key, `$ref`, naming an output.
 *
 * @example
 * isOutputReference({ $ref: 'output:5f1c…' }) // true
 */
export function isOutputReference(value: unknown): value is OutputReference {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return (
    keys.length === 1 &&
    keys[0] === '$ref' &&
    typeof (value as { $ref: unknown }).$ref === 'string' &&
    (value as { $ref: string }).$ref.startsWith('output:')
  )
}

function storeMissing(message: string) {
  return new WarmflowError('output.store_missing', message, {
    text: {
      nl: 'Een blok gaf meer gegevens terug dan Temporal kan bewaren, en deze worker heeft geen database om ze op te slaan.',
      en: 'A node returned more data than Temporal can keep, and this worker has no database to store it in.',
    },
  })
}

/**
 * Returns `output` unchanged when its JSON is at most `thresholdBytes`; otherwise stores it and
 * returns an {@link OutputReference}. Without a store, large outputs fail with
 * `output.store_missing` instead of silently overloading Temporal.
 *
 * @example
 * const value = await storeLargeOutput(output, { store, runId, nodeId, thresholdBytes: 256 * 1024 })
 */
export async function storeLargeOutput(
  output: unknown,
  options: { store: OutputStore | undefined; runId: string; nodeId: string; thresholdBytes: number },
): Promise<unknown> {
  if (output === undefined) return output
  const json = JSON.stringify(output)
  if (Buffer.byteLength(json, 'utf8') <= options.thresholdBytes) return output
  if (!options.store) {
    throw storeMissing(
      `Output of node ${options.nodeId} is larger than ${options.thresholdBytes} bytes and no output store is configured`,
    )
  }
  const id = await options.store.put({ runId: options.runId, nodeId: options.nodeId, json })
  return { $ref: `output:${id}` } satisfies OutputReference
}

/**
 * Replaces every {@link OutputReference} inside `value` (at any depth) with the stored output.
 *
 * @example
 * const input = await resolveOutputReferences(args.input, store)
 */
export async function resolveOutputReferences(
  value: unknown,
  store: OutputStore | undefined,
): Promise<unknown> {
  if (isOutputReference(value)) {
    if (!store)
      throw storeMissing('Input holds a reference to a stored output, and no output store is configured')
    const id = value.$ref.slice('output:'.length)
    const json = await store.get(id)
    if (json === undefined) {
      throw new WarmflowError('output.not_found', `Stored output ${id} does not exist`, {
        text: {
          nl: 'De opgeslagen uitvoer van een eerder blok bestaat niet meer.',
          en: 'The stored output of an earlier node no longer exists.',
        },
        details: { id },
      })
    }
    return JSON.parse(json)
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => resolveOutputReferences(item, store)))
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(
        async ([key, item]) => [key, await resolveOutputReferences(item, store)] as const,
      ),
    )
    return Object.fromEntries(entries)
  }
  return value
}

/**
 * Reads `WARMFLOW_LARGE_OUTPUT_BYTES`: undefined when unset (use the default), otherwise a whole
 * number of bytes between 1 KB and 1.5 MB (Temporal refuses payloads above 2 MB).
 *
 * @example
 * const largeOutputBytes = largeOutputBytesFromEnv(process.env)
 */
export function largeOutputBytesFromEnv(env: Record<string, string | undefined>): number | undefined {
  const raw = env[largeOutputBytesVariable]?.trim()
  if (!raw) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1024 || value > 1536 * 1024) {
    throw new WarmflowError(
      'output.invalid_threshold',
      `${largeOutputBytesVariable} must be a whole number of bytes from 1024 to 1572864`,
      {
        text: {
          nl: `${largeOutputBytesVariable} moet een heel aantal bytes zijn, van 1024 tot 1572864.`,
          en: `${largeOutputBytesVariable} must be a whole number of bytes from 1024 to 1572864.`,
        },
      },
    )
  }
  return value
}
