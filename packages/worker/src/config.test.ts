import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadWorkerConfig, WorkerConfigError } from './config.js'

describe('loadWorkerConfig', () => {
  it('reads the defaults the API uses', () => {
    expect(loadWorkerConfig({})).toEqual({
      databaseUrl: undefined,
      temporal: { address: undefined, namespace: 'default', taskQueue: 'warmflow' },
      dataDir: resolve('.data'),
      maxCachedWorkflows: 250,
    })
  })

  it('reads every variable it knows', () => {
    const config = loadWorkerConfig({
      DATABASE_URL: 'postgres://warmflow_app:geheim@127.0.0.1:5432/warmflow',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'zorg',
      WARMFLOW_TASK_QUEUE: 'wijkteam',
      WARMFLOW_DATA_DIR: '/var/lib/warmflow',
    })
    expect(config).toEqual({
      databaseUrl: 'postgres://warmflow_app:geheim@127.0.0.1:5432/warmflow',
      temporal: { address: '127.0.0.1:7233', namespace: 'zorg', taskQueue: 'wijkteam' },
      dataDir: '/var/lib/warmflow',
      maxCachedWorkflows: 250,
    })
  })

  it('reads the workflow cache size, and refuses one it cannot use', () => {
    expect(loadWorkerConfig({ WARMFLOW_MAX_CACHED_WORKFLOWS: '500' }).maxCachedWorkflows).toBe(500)
    // Bounded when unset, as under `warmflow start`: Temporal's own default follows the heap limit
    // (2,310 runs with a 4 GB heap), and each cached run holds some 0.4 MB of the worker's memory.
    expect(loadWorkerConfig({}).maxCachedWorkflows).toBe(250)
    expect(loadWorkerConfig({ WARMFLOW_MAX_CACHED_WORKFLOWS: '' }).maxCachedWorkflows).toBe(250)
    for (const value of ['1', '100001', '2.5', 'veel']) {
      expect(() => loadWorkerConfig({ WARMFLOW_MAX_CACHED_WORKFLOWS: value })).toThrow(
        /WARMFLOW_MAX_CACHED_WORKFLOWS: must be a whole number from 2 to 100000/,
      )
    }
  })

  it('names a database URL it cannot parse without showing its value', () => {
    const read = () => loadWorkerConfig({ DATABASE_URL: 'geen adres met wachtwoord-geheim' })
    expect(read).toThrow(WorkerConfigError)
    expect(read).toThrow(/DATABASE_URL/)
    expect(read).not.toThrow(/geheim/)
  })
})
