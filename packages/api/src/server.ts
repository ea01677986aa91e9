import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import type { AppDeps } from './deps.js'

/** A running HTTP server and how to stop it. */
export interface RunningServer {
  url: string
  close(): Promise<void>
}

/**
 * Starts the API on a port (0 picks a free one) and resolves once it listens.
 *
 * @example
 * const server = await startServer(deps, { port: 3000, host: '127.0.0.1' })
 * console.log(server.url)
 */
export function startServer(deps: AppDeps, options: { port: number; host: string }): Promise<RunningServer> {
  const app = createApp(deps)
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
        resolve({
          url: `http://${host}:${info.port}`,
          close: () => new Promise((done) => server.close(() => done())),
        })
      },
    )
    server.once('error', reject)
  })
}
