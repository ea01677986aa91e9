import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { planTemporalServer, temporalDatabasesFrom, temporalServerArgs } from './temporal-server.js'

const dir = mkdtempSync(join(tmpdir(), 'warmflow-cluster-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the cluster profile’s Temporal configuration', () => {
  it('keeps the password out of the file and membership ports below 32768', async () => {
    const databases = temporalDatabasesFrom(
      'postgres://temporal:geheim%2Fwachtwoord@127.0.0.1:5433/wf_temporal',
    )
    expect(databases).toMatchObject({
      user: 'temporal',
      password: 'geheim/wachtwoord',
      port: 5433,
      database: 'wf_temporal',
      visibilityDatabase: 'wf_temporal_visibility',
    })
    const plan = await planTemporalServer(dir, databases, { frontendPort: 17233 })
    const yaml = readFileSync(join(dir, 'warmflow.yaml'), 'utf8')
    expect(yaml.startsWith('# enable-template')).toBe(true)
    expect(yaml).not.toContain('geheim')
    expect(yaml).toContain('password: {{ env "WARMFLOW_TEMPORAL_DB_PASSWORD" | quote }}')
    expect(yaml).toContain('connectAddr: "127.0.0.1:5433"')
    expect(yaml).toContain('grpcPort: 17233')
    expect(plan.address).toBe('127.0.0.1:17233')
    expect(plan.env).toEqual({ WARMFLOW_TEMPORAL_DB_PASSWORD: 'geheim/wachtwoord' })
    const membership = [...yaml.matchAll(/membershipPort: (\d+)/g)].map((m) => Number(m[1]))
    expect(membership).toHaveLength(4)
    for (const port of membership) expect(port).toBeLessThan(32_768)
    expect(new Set(membership).size).toBe(4)
    expect(temporalServerArgs(plan)).toEqual([
      '--root',
      dir,
      '--config',
      '.',
      '--env',
      'warmflow',
      '--allow-no-auth',
      'start',
    ])
  })

  it('refuses a database name that is not a plain identifier', () => {
    expect(() => temporalDatabasesFrom('postgres://t:p@127.0.0.1/temporal;drop')).toThrow(
      /plain lower-case name/,
    )
  })
})
