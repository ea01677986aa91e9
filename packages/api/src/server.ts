import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import type { AppDeps } from './deps.js'

/** A running HTTP server and how to stop it. */
export interface RunningServer {
  url: string
  /**
   * Stops accepting connections, lets requests in flight finish and resolves once every
   * connection is closed. Connections still open after `graceMs` (a long event stream, a
   * client that never lets go) are cut then. Without `graceMs` it waits as long as they last.
   */
  close(options?: { graceMs?: number }): Promise<void>
}

/**
 * Starts the API on a port (0 picks a free one) and resolves once it listens.
 *
 * @example
 * const server = await startServer(deps, { port: 3000, host: '127.0.0.1' })
 * console.log(server.url)
 * process.once('SIGTERM', () => server.close({ graceMs: 25_000 }))
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
          close: (closeOptions) => closeGracefully(server as Server, closeOptions?.graceMs),
        })
      },
    )
    server.once('error', reject)
  })
}

/**
 * `server.close()` refuses new connections and ends idle keep-alive ones; a connection that
 * finishes its request afterwards becomes idle and is ended by the next sweep. After `graceMs`
 * whatever is left is cut.
 */
function closeGracefully(server: Server, graceMs: number | undefined): Promise<void> {
  return new Promise((done) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100)
    const cut = graceMs === undefined ? undefined : setTimeout(() => server.closeAllConnections(), graceMs)
    server.close(() => {
      clearInterval(sweep)
      if (cut) clearTimeout(cut)
      done()
    })
    server.closeIdleConnections()
  })
}
