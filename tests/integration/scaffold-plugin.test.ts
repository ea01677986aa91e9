// Acceptance test of `warmflow create-node`: scaffold a plugin into a temporary folder outside
// the repository, install it (offline: the engine is a link to this workspace, the tools come
// from the local pnpm store), run its own tests, typecheck and build, then load the built
// plugin through warmflow.config.json into a real worker and run a flow with its node on the
// Temporal dev server.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  buildRunInput,
  interpreterWorkflowType,
  type RunFlowResult,
  snapshotFlow,
  validateFlow,
} from '@warmflow/engine'
import { resolvePluginReferences } from '@warmflow/worker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const run = promisify(execFile)
// A clean environment for the child processes: no settings of this vitest run leak into the
// plugin's own vitest.
const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_OPTIONS$|TEST$|FORCE_COLOR$)/.test(key)),
  ),
  NO_COLOR: '1',
}

let folder: string
let pluginDir: string
let cliOutput: string
const steps: Record<string, { stdout: string; ms: number }> = {}

async function step(name: string, command: string, args: string[], cwd: string) {
  const started = Date.now()
  const { stdout } = await run(command, args, { cwd, env, maxBuffer: 10 * 1024 * 1024 })
  steps[name] = { stdout, ms: Date.now() - started }
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'warmflow-scaffold-'))
  pluginDir = join(folder, 'zorg-welkom')
  const cli = await run(
    process.execPath,
    [
      join(repo, 'node_modules/tsx/dist/cli.mjs'),
      join(repo, 'packages/cli/src/bin.ts'),
      'create-node',
      'zorg-welkom',
      '--dir',
      'zorg-welkom',
    ],
    { cwd: folder, env },
  )
  cliOutput = cli.stdout
  // Offline from the local store. On a machine whose pnpm has the packages but not their
  // metadata cached (a fresh CI clone installs from the lockfile), pnpm may look the versions
  // up; it still downloads no package the workspace does not already have.
  await step('install', 'pnpm', ['install', '--offline', '--no-frozen-lockfile'], pluginDir).catch(() =>
    step('install', 'pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile'], pluginDir),
  )
  await step('test', 'pnpm', ['test'], pluginDir)
  await step('typecheck', 'pnpm', ['typecheck'], pluginDir)
  await step('build', 'pnpm', ['build'], pluginDir)
}, 300_000)
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true })
})

describe('warmflow create-node', () => {
  it('creates the package, registers it and says what to do next', () => {
    expect(cliOutput).toContain('zorg-welkom.welcome@1')
    expect(cliOutput).toContain('pnpm install')
    for (const file of [
      'package.json',
      'tsconfig.json',
      'README.md',
      'src/welcome.ts',
      'src/welcome.test.ts',
    ]) {
      expect(existsSync(join(pluginDir, file)), file).toBe(true)
    }
    const pkg = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'))
    expect(pkg.peerDependencies['@warmflow/engine']).toBe('^0.1.0')
    expect(pkg.devDependencies['@warmflow/engine']).toMatch(/^link:/)
    expect(resolve(pluginDir, pkg.devDependencies['@warmflow/engine'].slice('link:'.length))).toBe(
      join(repo, 'packages/engine'),
    )
    expect(JSON.parse(readFileSync(join(folder, 'warmflow.config.json'), 'utf8'))).toEqual({
      plugins: ['./zorg-welkom'],
    })
  })

  it('installs offline, passes its own tests and typecheck, and builds', () => {
    expect(steps.test!.stdout).toMatch(/Tests\s+4 passed/)
    expect(existsSync(join(pluginDir, 'dist/index.js'))).toBe(true)
    expect(existsSync(join(pluginDir, 'dist/index.d.ts'))).toBe(true)
    // Reported for the tutorial's timing: what a new user waits for.
    console.info(
      `scaffold steps: ${Object.entries(steps)
        .map(([name, s]) => `${name} ${(s.ms / 1000).toFixed(1)} s`)
        .join(', ')}`,
    )
  })
})

describe('the scaffolded plugin in Warmflow', () => {
  let platform: TestPlatform
  beforeAll(async () => {
    // The list the worker and the API load: here from the warmflow.config.json the scaffold wrote.
    const references = resolvePluginReferences({ env: {}, cwd: folder })
    platform = await startTestPlatform({
      plugins: references.map((reference) => resolve(reference.baseDir, reference.spec)),
    })
  })
  afterAll(async () => {
    await platform?.stop()
  })

  it('loads into the worker and runs a flow with its node on the dev server', async () => {
    const node = platform.registry.get('zorg-welkom.welcome', 1)
    expect(node?.title).toEqual({ nl: 'Welkomstbericht', en: 'Welcome message' })
    const validation = validateFlow(
      {
        name: 'Welkom',
        nodes: [
          { id: 'start', type: 'manual', version: 1 },
          {
            id: 'welkom',
            type: 'zorg-welkom.welcome',
            version: 1,
            config: { greeting: 'Hallo', organisation: 'Vrijwilligerscentrale Zeist' },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'welkom' }],
      },
      platform.registry,
    )
    expect(validation.problems).toEqual([])
    if (!validation.ok) return
    const runId = crypto.randomUUID()
    const input = buildRunInput({
      runId,
      snapshot: snapshotFlow(`scaffold-${runId}`, 1, validation.flow),
      input: { firstName: 'Noor' },
      registry: platform.registry,
    })
    const handle = await platform.client.workflow.start(interpreterWorkflowType, {
      taskQueue: platform.taskQueue,
      workflowId: `scaffold-${runId}`,
      args: [input],
    })
    const result = (await handle.result()) as RunFlowResult
    expect(result.status).toBe('completed')
    expect(result.nodes.welkom).toMatchObject({
      status: 'completed',
      output: { message: 'Hallo Noor, fijn dat je er bent bij Vrijwilligerscentrale Zeist!' },
    })
  })
})
