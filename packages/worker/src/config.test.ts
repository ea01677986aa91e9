import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultWorkflowHeapMb, loadWorkerConfig, WorkerConfigError } from './config.js'
import { createWarmflowWorker } from './worker.js'

describe('loadWorkerConfig', () => {
  it('reads the defaults the API uses', () => {
    expect(loadWorkerConfig({})).toEqual({
      databaseUrl: undefined,
      temporal: { address: undefined, namespace: 'default', taskQueue: 'warmflow' },
      dataDir: resolve('.data'),
      maxCachedWorkflows: 250,
      maxConcurrentWorkflowTasks: 40,
      workflowThreads: 1,
      workflowHeapMb: 512,
    })
  })

  it('reads every variable it knows', () => {
    const config = loadWorkerConfig({
      DATABASE_URL: 'postgres://warmflow_app:geheim@127.0.0.1:5432/warmflow',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'zorg',
      WARMFLOW_TASK_QUEUE: 'wijkteam',
      WARMFLOW_DATA_DIR: '/var/lib/warmflow',
      WARMFLOW_IN_FLIGHT_DIR: '/run/warmflow/in-flight',
    })
    expect(config).toEqual({
      databaseUrl: 'postgres://warmflow_app:geheim@127.0.0.1:5432/warmflow',
      temporal: { address: '127.0.0.1:7233', namespace: 'zorg', taskQueue: 'wijkteam' },
      dataDir: '/var/lib/warmflow',
      inFlightDir: '/run/warmflow/in-flight',
      maxCachedWorkflows: 250,
      maxConcurrentWorkflowTasks: 40,
      workflowThreads: 1,
      workflowHeapMb: 512,
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

  it('reads the workflow tasks at once and the workflow threads, and refuses what it cannot use', () => {
    const config = loadWorkerConfig({
      WARMFLOW_MAX_CONCURRENT_WORKFLOW_TASKS: '12',
      WARMFLOW_WORKFLOW_THREADS: ' 2 ',
    })
    expect(config.maxConcurrentWorkflowTasks).toBe(12)
    expect(config.workflowThreads).toBe(2)
    // Temporal runs no more tasks at once than runs fit in its cache.
    expect(
      loadWorkerConfig({ WARMFLOW_MAX_CACHED_WORKFLOWS: '8', WARMFLOW_MAX_CONCURRENT_WORKFLOW_TASKS: '40' })
        .maxConcurrentWorkflowTasks,
    ).toBe(8)
    expect(loadWorkerConfig({ WARMFLOW_WORKFLOW_THREADS: '' }).workflowThreads).toBe(1)
    for (const value of ['1', '1001', '4.5', 'veel', '-3']) {
      expect(() => loadWorkerConfig({ WARMFLOW_MAX_CONCURRENT_WORKFLOW_TASKS: value })).toThrow(
        /WARMFLOW_MAX_CONCURRENT_WORKFLOW_TASKS: must be a whole number from 2 to 1000 \/ moet een heel getal van 2 tot 1000 zijn/,
      )
    }
    for (const value of ['0', '17', '1.5', 'twee']) {
      const read = () => loadWorkerConfig({ WARMFLOW_WORKFLOW_THREADS: value })
      expect(read).toThrow(WorkerConfigError)
      expect(read).toThrow(/WARMFLOW_WORKFLOW_THREADS: must be a whole number from 1 to 16/)
    }
  })

  it("reads the workflow thread's heap limit, by default following the cache size", () => {
    expect(defaultWorkflowHeapMb(250)).toBe(512)
    expect(defaultWorkflowHeapMb(2)).toBe(512)
    // A larger cache gets a larger limit: 256 MB and 1 MB per cached run, at most 16 GB.
    expect(defaultWorkflowHeapMb(2310)).toBe(2566)
    expect(defaultWorkflowHeapMb(100_000)).toBe(16_384)
    expect(loadWorkerConfig({ WARMFLOW_MAX_CACHED_WORKFLOWS: '1000' }).workflowHeapMb).toBe(1256)
    expect(loadWorkerConfig({ WARMFLOW_WORKFLOW_HEAP_MB: '768' }).workflowHeapMb).toBe(768)
    for (const value of ['127', '16385', '512.5', 'groot', '--expose-gc']) {
      expect(() => loadWorkerConfig({ WARMFLOW_WORKFLOW_HEAP_MB: value })).toThrow(
        /WARMFLOW_WORKFLOW_HEAP_MB: must be a whole number from 128 to 16384/,
      )
    }
  })

  it('refuses a workflow heap limit that is no whole number before it sets a V8 flag', async () => {
    for (const workflowHeapMb of [64, 512.5, Number.NaN]) {
      await expect(
        createWarmflowWorker({ address: '127.0.0.1:1', taskQueue: 'warmflow', workflowHeapMb }),
      ).rejects.toThrow(/workflowHeapMb must be a whole number from 128 to 65536/)
    }
  })

  it('names a database URL it cannot parse without showing its value', () => {
    const read = () => loadWorkerConfig({ DATABASE_URL: 'geen adres met wachtwoord-geheim' })
    expect(read).toThrow(WorkerConfigError)
    expect(read).toThrow(/DATABASE_URL/)
    expect(read).not.toThrow(/geheim/)
  })
})
