import { describe, expect, it } from 'vitest'
import { WarmflowError } from './errors.js'
import {
  isOutputReference,
  largeOutputBytesFromEnv,
  type OutputStore,
  resolveOutputReferences,
  storeLargeOutput,
} from './outputs.js'

/** An in-memory store: the edge of the world for these unit tests (PostgreSQL is tested in tests/). */
function memoryStore(): OutputStore & { rows: Map<string, string> } {
  const rows = new Map<string, string>()
  return {
    rows,
    async put({ json }) {
      const id = `00000000-0000-4000-8000-${String(rows.size).padStart(12, '0')}`
      rows.set(id, json)
      return id
    },
    async get(id) {
      return rows.get(id)
    },
  }
}

describe('large outputs', () => {
  it('keeps small outputs inline and stores large ones behind a reference', async () => {
    const store = memoryStore()
    const small = { a: 'x'.repeat(10) }
    expect(await storeLargeOutput(small, { store, runId: 'r', nodeId: 'n', thresholdBytes: 100 })).toBe(small)
    const large = { a: 'x'.repeat(200) }
    const ref = await storeLargeOutput(large, { store, runId: 'r', nodeId: 'n', thresholdBytes: 100 })
    expect(isOutputReference(ref)).toBe(true)
    expect(store.rows.size).toBe(1)
    expect(await resolveOutputReferences(ref, store)).toEqual(large)
  })

  it('counts bytes, not characters', async () => {
    const store = memoryStore()
    // 60 characters of 2 bytes each: 120 bytes of UTF-8 plus quotes.
    const ref = await storeLargeOutput('é'.repeat(60), {
      store,
      runId: 'r',
      nodeId: 'n',
      thresholdBytes: 100,
    })
    expect(isOutputReference(ref)).toBe(true)
  })

  it('fails clearly without a store instead of overloading Temporal', async () => {
    await expect(
      storeLargeOutput(
        { a: 'x'.repeat(200) },
        { store: undefined, runId: 'r', nodeId: 'n', thresholdBytes: 100 },
      ),
    ).rejects.toMatchObject({ code: 'output.store_missing', retryable: false })
    await expect(resolveOutputReferences({ $ref: 'output:abc' }, undefined)).rejects.toMatchObject({
      code: 'output.store_missing',
    })
  })

  it('resolves references at any depth, and reports a missing one', async () => {
    const store = memoryStore()
    const id = await store.put({ runId: 'r', nodeId: 'a', json: '{"big":[1,2,3]}' })
    const input = { left: { $ref: `output:${id}` }, list: [{ $ref: `output:${id}` }, 4], plain: 'x' }
    expect(await resolveOutputReferences(input, store)).toEqual({
      left: { big: [1, 2, 3] },
      list: [{ big: [1, 2, 3] }, 4],
      plain: 'x',
    })
    await expect(resolveOutputReferences({ $ref: 'output:gone' }, store)).rejects.toMatchObject({
      code: 'output.not_found',
    })
  })

  it('only treats exact reference objects as references', () => {
    expect(isOutputReference({ $ref: 'output:1', other: true })).toBe(false)
    expect(isOutputReference({ $ref: '#/definitions/x' })).toBe(false)
    expect(isOutputReference([{ $ref: 'output:1' }])).toBe(false)
    expect(isOutputReference(null)).toBe(false)
  })
})

describe('large output threshold from the environment', () => {
  it('uses the default when unset and refuses values Temporal could not carry', () => {
    expect(largeOutputBytesFromEnv({})).toBeUndefined()
    expect(largeOutputBytesFromEnv({ WARMFLOW_LARGE_OUTPUT_BYTES: '65536' })).toBe(65536)
    expect(() => largeOutputBytesFromEnv({ WARMFLOW_LARGE_OUTPUT_BYTES: '3000000' })).toThrow(/1572864/)
    expect(() => largeOutputBytesFromEnv({ WARMFLOW_LARGE_OUTPUT_BYTES: 'veel' })).toThrow(WarmflowError)
  })
})
