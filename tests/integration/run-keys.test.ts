// Each run's own data key (run_keys) on the test run's PostgreSQL: made once however many
// processes ask at once, wrapped so the table alone opens nothing, destroyed for good, and used
// for the large node outputs of the run, which are unreadable once it is destroyed.
import { randomUUID } from 'node:crypto'
import { createSealer, generatePayloadKey, parsePayloadKeys } from '@warmflow/engine'
import { createDb, createOutputStore, createRunKeyStore, type Database } from '@warmflow/store'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

let db: Kysely<Database>
const sealer = createSealer(parsePayloadKeys(inject('payloadKeys')))

beforeAll(() => {
  db = createDb(inject('databaseUrl'), { max: 6 })
})
afterAll(async () => {
  await db?.destroy()
})

describe('run key store', () => {
  it('makes one key per run, however many processes ask at once, and wraps it', async () => {
    const workflowId = `run-${randomUUID()}`
    const [a, b] = [createRunKeyStore(db, sealer), createRunKeyStore(db, sealer)]
    const keys = await Promise.all([
      a.obtain(workflowId),
      b.obtain(workflowId),
      a.obtain(workflowId),
      b.find(workflowId),
    ])
    const first = Buffer.from(keys[0]!)
    expect(first).toHaveLength(32)
    for (const key of keys.slice(0, 3)) expect(Buffer.from(key!).equals(first)).toBe(true)
    const row = await db
      .selectFrom('run_keys')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .executeTakeFirstOrThrow()
    expect(row.key_id).toBe(parsePayloadKeys(inject('payloadKeys'))[0]!.id)
    expect(Buffer.from(row.wrapped!).includes(first)).toBe(false)
    // Other payload keys do not unwrap it.
    const stranger = createRunKeyStore(db, createSealer(parsePayloadKeys(generatePayloadKey('k9'))))
    await expect(stranger.find(workflowId)).rejects.toMatchObject({ code: 'codec.unknown_key' })
  })

  it('destroys a key for good: never made again, gone at once here and after the cache time elsewhere', async () => {
    const workflowId = `run-${randomUUID()}`
    const here = createRunKeyStore(db, sealer)
    const elsewhere = createRunKeyStore(db, sealer, { cacheMs: 0 })
    const cached = createRunKeyStore(db, sealer, { cacheMs: 60_000 })
    expect(await here.obtain(workflowId)).toBeDefined()
    expect(await cached.find(workflowId)).toBeDefined()
    expect(await here.destroy([workflowId, workflowId])).toBe(1)
    expect(await here.find(workflowId)).toBeUndefined()
    expect(await here.obtain(workflowId)).toBeUndefined()
    expect(await elsewhere.find(workflowId)).toBeUndefined()
    // A process that read the key within its cache time still has it (at most 30 s by default).
    expect(await cached.find(workflowId)).toBeDefined()
    const row = await db
      .selectFrom('run_keys')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ key_id: null, wrapped: null })
    expect(row.destroyed_at).toBeInstanceOf(Date)
    // Destroying again changes nothing; a run that never had a key can never get one.
    expect(await here.destroy([workflowId])).toBe(0)
    const never = `run-${randomUUID()}`
    expect(await here.destroy([never])).toBe(0)
    expect(await elsewhere.obtain(never)).toBeUndefined()
  })
})

describe('large node outputs under the run key', () => {
  it("seals an output with its run's key and cannot read it once the key is destroyed", async () => {
    const team = await db
      .insertInto('teams')
      .values({ name: `keys-${randomUUID()}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    const flow = await db
      .insertInto('flows')
      .values({ name: 'keys', description: '', draft: '{}', team_id: team.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    const runId = randomUUID()
    const workflowId = `run-${runId}`
    await db
      .insertInto('runs')
      .values({
        id: runId,
        flow_id: flow.id,
        flow_version: null,
        definition: '{}',
        workflow_id: workflowId,
        status: 'running',
        team_id: team.id,
      })
      .execute()
    const runKeys = createRunKeyStore(db, sealer)
    const outputs = createOutputStore(db, { sealer, runKeys })
    const json = JSON.stringify({ note: `marker-${runId}` })
    const id = await outputs.put({ runId, nodeId: 'n', json })
    const row = await db.selectFrom('node_outputs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.key_id).toBe(`run:${workflowId}`)
    expect(Buffer.from(row.data).includes(`marker-${runId}`)).toBe(false)
    expect(await outputs.get(id)).toBe(json)
    // An output of a run without a row (or without run keys) uses the payload keys.
    const loose = await outputs.put({ runId: randomUUID(), nodeId: 'n', json })
    const looseRow = await db
      .selectFrom('node_outputs')
      .select('key_id')
      .where('id', '=', loose)
      .executeTakeFirstOrThrow()
    expect(looseRow.key_id).toBe(parsePayloadKeys(inject('payloadKeys'))[0]!.id)

    await runKeys.destroy([workflowId])
    await expect(outputs.get(id)).rejects.toMatchObject({ code: 'codec.run_erased' })
    // A store without run keys cannot read it either, and says why.
    await expect(createOutputStore(db, { sealer }).get(id)).rejects.toMatchObject({
      code: 'output.no_run_keys',
    })
  })
})
