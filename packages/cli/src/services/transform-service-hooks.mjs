// Module hooks that only stop esbuild's service in Node's module hooks thread, where tsx's own
// hooks run and start it (see transform-service.ts). Plain JavaScript: nothing to transform.
import { createRequire } from 'node:module'

/** @param {{ port: import('node:worker_threads').MessagePort, tsxPackage: string }} data */
export function initialize({ port, tsxPackage }) {
  port.on('message', async () => {
    try {
      await createRequire(tsxPackage)('esbuild').stop()
    } catch {
      // No service, or an esbuild without stop(): nothing to end.
    }
    port.postMessage('stopped')
  })
  port.unref()
}
