import { describe, expect, it } from 'vitest'
import { endOnFatalError, endsConnection } from './index.js'

// The shape node-postgres gives an error PostgreSQL sends before it closes the connection.
const adminShutdown = Object.assign(new Error('terminating connection due to administrator command'), {
  severity: 'FATAL',
  code: '57P01',
})

/** A client whose query fails with `error`, counting the calls of `end`. */
function clientFailingWith(error: unknown) {
  const client = {
    ended: 0,
    query: (() => Promise.reject(error)) as never,
    end: () => {
      client.ended++
      return Promise.resolve()
    },
  }
  return client
}

describe('a pooled client after a failed query', () => {
  it('tells errors that end the connection from those that do not', () => {
    expect(endsConnection(adminShutdown)).toBe(true)
    expect(endsConnection({ code: '57P03', severity: 'FATAL' })).toBe(true)
    expect(endsConnection({ severity: 'PANIC' })).toBe(true)
    expect(
      endsConnection(Object.assign(new Error('canceling statement'), { code: '57014', severity: 'ERROR' })),
    ).toBe(false)
    expect(endsConnection({ code: '23505', severity: 'ERROR' })).toBe(false)
    expect(endsConnection(new Error('Connection terminated unexpectedly'))).toBe(false)
    expect(endsConnection(undefined)).toBe(false)
  })

  it('is ended before the pool takes it back when the error ends the connection, and not otherwise', async () => {
    const fatal = clientFailingWith(adminShutdown)
    endOnFatalError(fatal)
    // The caller still gets the error, and by the time it handles it the client is ending.
    await expect((fatal.query as () => Promise<unknown>)()).rejects.toBe(adminShutdown)
    expect(fatal.ended).toBe(1)

    const timeout = clientFailingWith({ code: '57014', severity: 'ERROR' })
    endOnFatalError(timeout)
    await expect((timeout.query as () => Promise<unknown>)()).rejects.toMatchObject({ code: '57014' })
    expect(timeout.ended).toBe(0)
  })
})
