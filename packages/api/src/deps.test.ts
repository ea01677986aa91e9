import { Client } from '@temporalio/client'
import { createRegistry } from '@warmflow/engine'
import { createPostgresStores, offlineDb } from '@warmflow/store'
import { describe, expect, it } from 'vitest'
import { type AppDeps, wireStores } from './deps.js'

// A database that never connects: wiring stores does not query.
const db = offlineDb()
const base: AppDeps = {
  db,
  temporal: { client: new Client(), taskQueue: 'deps' },
  registry: createRegistry([]),
}

describe('wireStores', () => {
  it('hands on the stores createPostgresStores wired, the same objects', () => {
    const stores = createPostgresStores(db)
    const wired = wireStores({ ...base, stores })
    expect(wired.stores.taskStore).toBe(stores.taskStore)
    expect(wired.stores.outputs).toBe(stores.outputs)
  })

  it('makes a task store on db when none is given, and leaves outputs out', () => {
    const wired = wireStores(base)
    expect(typeof wired.stores.taskStore.getTask).toBe('function')
    expect(wired.stores.outputs).toBeUndefined()
  })
})
