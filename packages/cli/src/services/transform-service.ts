import { createRequire, register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'

const hooks = new URL('./transform-service-hooks.mjs', import.meta.url)

/**
 * Stops the esbuild service tsx started to compile TypeScript that was not in its cache yet, in
 * this thread and in the module hooks thread: a process of some 16 MB that otherwise stays until
 * this process ends. A later import that needs compiling starts it again. Does nothing when tsx
 * is not loaded.
 *
 * @example
 * await stopTransformService() // once start-up has imported everything
 */
export async function stopTransformService(): Promise<void> {
  let tsxApi: string
  try {
    tsxApi = import.meta.resolve('tsx/esm/api')
  } catch {
    return
  }
  try {
    await createRequire(new URL(tsxApi))('esbuild').stop()
  } catch {
    // Not loaded here, or already stopped.
  }
  const { port1, port2 } = new MessageChannel()
  register(hooks, { data: { port: port2, tsxApi }, transferList: [port2] })
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000)
    port1.once('message', () => {
      clearTimeout(timer)
      resolve()
    })
    port1.postMessage('stop')
  })
  port1.close()
}
