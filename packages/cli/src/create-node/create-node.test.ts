import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateNodeError, createNodePlugin, warmflowRoot } from './index.js'
import { json } from './templates.js'

// A fake Warmflow checkout (package.json files and pnpm-workspace.yaml only) so the choice
// between workspace:* and link: can be tested without touching the real repository.
let root: string
let fakeWarmflow: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'warmflow-create-node-'))
  fakeWarmflow = join(root, 'warmflow')
  mkdirSync(join(fakeWarmflow, 'packages/engine'), { recursive: true })
  writeFileSync(
    join(fakeWarmflow, 'package.json'),
    JSON.stringify({
      devDependencies: { typescript: '~5.9.3', vitest: '^4.1.12', '@types/node': '^20.19.43' },
    }),
  )
  writeFileSync(
    join(fakeWarmflow, 'packages/engine/package.json'),
    JSON.stringify({ dependencies: { zod: '^4.6.7' } }),
  )
  writeFileSync(join(fakeWarmflow, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n  - "plugins/*"\n')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const read = (file: string) => readFileSync(file, 'utf8')

describe('createNodePlugin', () => {
  it('inside the workspace: plugins/<name>, workspace:* for the engine, registered relative to the config file', () => {
    const created = createNodePlugin({ name: 'client-lookup', cwd: fakeWarmflow, warmflowRoot: fakeWarmflow })
    expect(created.dir).toBe(join(fakeWarmflow, 'plugins/client-lookup'))
    expect(created.inWorkspace).toBe(true)
    const pkg = JSON.parse(read(join(created.dir, 'package.json')))
    expect(pkg.name).toBe('warmflow-plugin-client-lookup')
    expect(pkg.devDependencies).toMatchObject({
      '@warmflow/engine': 'workspace:*',
      zod: '^4.6.7',
      vitest: '^4.1.12',
    })
    expect(pkg.peerDependencies['@warmflow/engine']).toMatch(/^\^\d+\.\d+\.\d+$/)
    expect(read(join(created.dir, 'src/welcome.ts'))).toContain("type: 'client-lookup.welcome'")
    expect(read(join(created.dir, 'src/index.ts'))).toContain('nodes: [clientLookupWelcome]')
    expect(read(join(fakeWarmflow, 'warmflow.config.json'))).toBe(
      '{\n  "plugins": ["./plugins/client-lookup"]\n}\n',
    )
    expect(created.nextSteps).toEqual([
      'pnpm install',
      'pnpm --filter warmflow-plugin-client-lookup test',
      'pnpm --filter warmflow-plugin-client-lookup build',
      'pnpm start',
    ])
  })

  it('outside the workspace: a link: to the engine, and a scoped name kept as the package name', () => {
    const outside = join(root, 'elsewhere')
    mkdirSync(outside, { recursive: true })
    writeFileSync(join(outside, 'warmflow.config.json'), JSON.stringify({ plugins: ['./x'], other: true }))
    const created = createNodePlugin({
      name: '@zorg-utrecht/client-lookup',
      cwd: outside,
      dir: 'lookup',
      warmflowRoot: fakeWarmflow,
    })
    expect(created.inWorkspace).toBe(false)
    const pkg = JSON.parse(read(join(created.dir, 'package.json')))
    expect(pkg.name).toBe('@zorg-utrecht/client-lookup')
    expect(pkg.devDependencies['@warmflow/engine']).toBe('link:../../warmflow/packages/engine')
    expect(JSON.parse(read(join(outside, 'warmflow.config.json')))).toEqual({
      plugins: ['./x', './lookup'],
      other: true,
    })
  })

  it('registers a plugin once, and can skip registering', () => {
    const cwd = join(root, 'twice')
    createNodePlugin({ name: 'a', cwd, dir: 'a', warmflowRoot: fakeWarmflow })
    rmSync(join(cwd, 'a'), { recursive: true })
    createNodePlugin({ name: 'a', cwd, dir: 'a', warmflowRoot: fakeWarmflow })
    expect(JSON.parse(read(join(cwd, 'warmflow.config.json'))).plugins).toEqual(['./a'])
    const quiet = createNodePlugin({
      name: 'b',
      cwd,
      dir: 'b',
      configFile: false,
      warmflowRoot: fakeWarmflow,
    })
    expect(quiet.configFile).toBeUndefined()
    expect(JSON.parse(read(join(cwd, 'warmflow.config.json'))).plugins).toEqual(['./a'])
  })

  it('refuses a name that is not lower-case words with dashes, in Dutch and English', () => {
    for (const name of ['Client Lookup', 'client_lookup', '1lookup', '']) {
      try {
        createNodePlugin({ name, cwd: root, warmflowRoot: fakeWarmflow })
        expect.unreachable(name)
      } catch (error) {
        expect(error).toBeInstanceOf(CreateNodeError)
        expect((error as CreateNodeError).code).toBe('create_node.invalid_name')
        expect((error as CreateNodeError).text.nl).toContain('kleine letters')
      }
    }
  })

  it('does not overwrite a folder that is not empty', () => {
    const cwd = join(root, 'busy')
    mkdirSync(join(cwd, 'plugins/busy'), { recursive: true })
    writeFileSync(join(cwd, 'plugins/busy/keep.txt'), 'mine')
    expect(() => createNodePlugin({ name: 'busy', cwd, warmflowRoot: fakeWarmflow })).toThrow(/not empty/)
    expect(read(join(cwd, 'plugins/busy/keep.txt'))).toBe('mine')
  })

  it('finds the real Warmflow checkout by default', () => {
    expect(JSON.parse(read(join(warmflowRoot, 'packages/engine/package.json'))).name).toBe('@warmflow/engine')
  })
})

describe('json', () => {
  it('puts short lists on one line and keeps long ones expanded, as Biome does', () => {
    expect(json({ a: ['x', 'y'], b: { c: [1, 2] } })).toBe(
      '{\n  "a": ["x", "y"],\n  "b": {\n    "c": [1, 2]\n  }\n}\n',
    )
    const long = Array.from({ length: 12 }, (_, i) => `./plugins/a-rather-long-plugin-name-${i}`)
    expect(json({ plugins: long })).toBe(`${JSON.stringify({ plugins: long }, null, 2)}\n`)
  })
})
