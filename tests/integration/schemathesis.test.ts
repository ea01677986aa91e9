import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type RunningServer, startServer } from '@warmflow/api'
import {
  appUrlFor,
  createScratchDatabase,
  migrateAndGrant,
  type ScratchDatabase,
} from '@warmflow/cli/services'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

// Schemathesis (PyPI) against the served OpenAPI document of a real API on 127.0.0.1 (real
// PostgreSQL and Temporal), signed in as an admin: no answer is a 5xx, and every status is
// documented for its route. Bounded: a 90 s budget, few examples per operation, one worker, and
// a hard timeout.

const repoRoot = resolve(import.meta.dirname, '../..')
// The Schemathesis release this test is written for, pinned in one place; `.ci/run` installs it.
const requirements = 'tests/schemathesis/requirements.txt'
const schemathesisVersion =
  (/^schemathesis==(\S+)$/m.exec(readFileSync(join(repoRoot, requirements), 'utf8')) ?? [])[1] ?? ''
const venvBin = join(repoRoot, '.data/schemathesis/bin/schemathesis')
const install = `python3 -m venv .data/schemathesis && .data/schemathesis/bin/pip install -r ${requirements}`
const maxTimeSeconds = Number(process.env.SCHEMATHESIS_MAX_TIME ?? 90)
// Schemathesis is stopped if it overruns its budget by much (a slow machine, a hung request).
const timeLimitMs = (maxTimeSeconds + 110) * 1000

function findSchemathesis(): string | undefined {
  const candidates = [process.env.SCHEMATHESIS_BIN, venvBin, 'schemathesis'].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  )
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' })
    if (probe.status === 0 && probe.stdout.includes(`version ${schemathesisVersion}`)) return candidate
  }
  return undefined
}

let platform: TestPlatform
let server: RunningServer
let reportDir: string

/**
 * Installs the pinned Schemathesis into `.data/schemathesis` when no usable one is found, as
 * `warmflow start` builds the Temporal CLI: `pnpm test` on a fresh machine needs no extra step
 * (only Python 3 with `venv`). Returns the error output when that fails.
 */
function installSchemathesis(): string | undefined {
  process.stdout.write(`Installing Schemathesis ${schemathesisVersion} into .data/schemathesis (once)…\n`)
  for (const [command, args] of [
    ['python3', ['-m', 'venv', '.data/schemathesis']],
    [join(repoRoot, '.data/schemathesis/bin/pip'), ['install', '-q', '-r', requirements]],
  ] as const) {
    const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 })
    if (result.status !== 0) return `${command} ${args.join(' ')}: ${result.stderr || result.error}`
  }
  return undefined
}

let installProblem: string | undefined
let scratch: ScratchDatabase | undefined

beforeAll(async () => {
  if (!findSchemathesis()) installProblem = installSchemathesis()
  // A database of its own: signed in as an admin, the fuzzer follows links from the user list
  // to PATCH /admin/users/{id} and disables or re-teams whichever users it finds. In the test
  // run's shared database those are other test files' users, whose sessions then end.
  scratch = await createScratchDatabase(inject('ownerDatabaseUrl'), 'warmflow_fuzz')
  await migrateAndGrant(scratch.url, appUrlFor(scratch.url))
  platform = await startTestPlatform({ worker: false, databaseUrl: appUrlFor(scratch.url) })
  server = await startServer(
    {
      db: platform.db,
      registry: platform.registry,
      temporal: { client: platform.client, taskQueue: platform.taskQueue },
      credentialKey: randomBytes(32),
      auth: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
    },
    { port: 0, host: '127.0.0.1' },
  )
  reportDir = mkdtempSync(join(tmpdir(), 'warmflow-schemathesis-'))
}, 300_000)
afterAll(async () => {
  await server?.close()
  await platform?.stop()
  await scratch?.drop()
  if (reportDir) rmSync(reportDir, { recursive: true, force: true })
})

describe('schemathesis', () => {
  it(
    'finds no 5xx and no undocumented status on any route, signed in as an admin',
    async () => {
      const bin = findSchemathesis()
      if (!bin) {
        throw new Error(
          `Schemathesis ${schemathesisVersion} is not installed and could not be installed (${installProblem ?? 'unknown'}). Install it with: ${install} (or set SCHEMATHESIS_BIN).`,
        )
      }
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: platform.admin.email, password: platform.admin.password }),
      })
      expect(login.status).toBe(200)
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const { csrfToken } = (await login.json()) as { csrfToken: string }
      // Something real to find, so requests get past lookups.
      const flow = await platform.request('POST', '/api/v1/flows', {
        name: 'Schemathesis',
        nodes: [{ id: 'start', type: 'manual', version: 1 }],
      })
      expect(flow.status).toBe(201)

      const junit = join(reportDir, 'junit.xml')
      const args = [
        'run',
        `${server.url}/api/v1/openapi.json`,
        '--checks',
        'not_a_server_error,status_code_conformance',
        // A longer run by hand: SCHEMATHESIS_MAX_TIME=600 SCHEMATHESIS_MAX_EXAMPLES=200 (SCHEMATHESIS_PHASES
        // chooses phases, SCHEMATHESIS_LOG=file keeps the whole output)
        '--phases',
        process.env.SCHEMATHESIS_PHASES ?? 'examples,coverage,fuzzing,stateful',
        '--max-examples',
        process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '20',
        // The time budget: fuzzing and stateful sequences repeat until it is spent.
        '--max-time',
        String(maxTimeSeconds),
        '--workers',
        '1',
        '--seed',
        '18',
        '--request-timeout',
        '15',
        '--no-color',
        '--suppress-health-check',
        'all',
        '--report',
        'junit',
        '--report-junit-path',
        junit,
        '--header',
        `Cookie: ${cookie}`,
        '--header',
        `X-CSRF-Token: ${csrfToken}`,
        // Streams never end; signing out would end the session the run uses.
        '--exclude-path-regex',
        '/events$',
        '--exclude-path',
        '/api/v1/auth/logout',
        // By hand, e.g. SCHEMATHESIS_EXTRA_ARGS='--generation-allow-x00 false' to get past the edge check.
        ...(process.env.SCHEMATHESIS_EXTRA_ARGS?.split(' ').filter(Boolean) ?? []),
      ]
      const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
        const child = spawn(bin, args, { cwd: reportDir, env: { ...process.env, NO_COLOR: '1' } })
        let output = ''
        child.stdout.on('data', (chunk) => {
          output += chunk
        })
        child.stderr.on('data', (chunk) => {
          output += chunk
        })
        const timer = setTimeout(() => child.kill('SIGTERM'), timeLimitMs)
        child.on('close', (exitCode) => {
          clearTimeout(timer)
          done({ code: exitCode, output })
        })
      })
      if (process.env.SCHEMATHESIS_LOG) writeFileSync(process.env.SCHEMATHESIS_LOG, output)
      // The failures and the summary, with long payloads cut, so the test's message stays readable.
      const start = output.indexOf('FAILURES')
      const summary = (start >= 0 ? output.slice(start) : output.slice(-8_000))
        .split('\n')
        .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
        .join('\n')
      expect(existsSync(junit), `Schemathesis wrote no report:\n${summary}`).toBe(true)
      const report = readFileSync(junit, 'utf8')
      expect(Number(/tests="(\d+)"/.exec(report)?.[1] ?? 0), summary).toBeGreaterThan(40)
      expect(code, `Schemathesis found problems (exit ${code}):\n${summary}`).toBe(0)
    },
    timeLimitMs + 60_000,
  )
})
