import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { getHeapStatistics } from 'node:v8'
import { Worker as Thread } from 'node:worker_threads'
import { DefaultLogger, Runtime } from '@temporalio/worker'
import { createWarmflowWorker } from '@warmflow/worker'
import { expect, inject, it } from 'vitest'

/** The V8 heap limit (MB) of a new thread in this process. */
function newThreadHeapLimitMb(): Promise<number> {
  const thread = new Thread(
    "require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)",
    { eval: true },
  )
  return new Promise((resolve, reject) => {
    thread.once('message', (bytes: number) => resolve(bytes / 1024 / 1024))
    thread.once('error', reject)
  })
}

it("gives the workflow threads their heap limit and leaves the process's own for later threads", async () => {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] })
  const before = await newThreadHeapLimitMb()
  const mainBefore = getHeapStatistics().heap_size_limit
  const { worker, connection } = await createWarmflowWorker({
    address: inject('temporalAddress'),
    taskQueue: `test-${randomUUID()}`,
    workflowBundle: { code: await readFile(inject('workflowBundlePath'), 'utf8') },
    maxCachedWorkflows: 10,
    workflowHeapMb: 256,
  })
  const running = worker.run()
  try {
    // The limit is set for the workflow threads only: this thread and threads made after the
    // worker (as under `pnpm start`, where the API shares the process) keep the process's limit.
    expect(getHeapStatistics().heap_size_limit).toBe(mainBefore)
    expect(await newThreadHeapLimitMb()).toBe(before)
    expect(before).toBeGreaterThan(256 + 64)
  } finally {
    worker.shutdown()
    await running
    await connection.close()
  }
})
