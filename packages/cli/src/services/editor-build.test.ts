import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  editorBuildInputs,
  editorBuildState,
  editorDistDir,
  editorSourceHash,
  ensureEditorBuilt,
} from './editor-build.js'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

function write(root: string, file: string, content: string) {
  mkdirSync(dirname(join(root, file)), { recursive: true })
  writeFileSync(join(root, file), content)
}

/** A small workspace shaped like Warmflow's: the editor bundles the engine, not the API. */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'warmflow-editor-build-'))
  roots.push(root)
  write(
    root,
    'packages/editor/package.json',
    JSON.stringify({
      name: '@warmflow/editor',
      dependencies: { '@warmflow/engine': 'workspace:*', react: '^19' },
    }),
  )
  write(root, 'packages/editor/index.html', '<div id="root"></div>')
  write(root, 'packages/editor/src/main.tsx', 'export const page = 1')
  write(root, 'packages/editor/src/main.test.tsx', 'test')
  write(root, 'packages/editor/node_modules/react/index.js', 'react')
  write(root, 'packages/engine/package.json', JSON.stringify({ name: '@warmflow/engine' }))
  write(root, 'packages/engine/src/core.ts', 'export const core = 1')
  write(root, 'packages/api/package.json', JSON.stringify({ name: '@warmflow/api' }))
  write(root, 'packages/api/src/app.ts', 'export const app = 1')
  write(root, 'pnpm-lock.yaml', 'lockfileVersion: 9.0')
  return root
}

/** Stands in for `vite build`: writes a page into dist, as the real build does. */
async function fakeBuild(root: string) {
  write(root, 'packages/editor/dist/index.html', '<html></html>')
}

describe('editor build freshness', () => {
  it('reads the editor, the workspace packages it bundles and the lockfile, not tests or other packages', () => {
    expect(editorBuildInputs(workspace())).toEqual([
      'packages/editor/index.html',
      'packages/editor/package.json',
      'packages/editor/src/main.tsx',
      'packages/engine/package.json',
      'packages/engine/src/core.ts',
      'pnpm-lock.yaml',
    ])
  })

  it('says a missing build is stale, and fresh after a build', async () => {
    const root = workspace()
    expect(editorBuildState(root).state).toBe('missing')
    let builds = 0
    const build = async (at: string) => {
      builds++
      await fakeBuild(at)
    }
    expect(await ensureEditorBuilt(root, { log: () => undefined, build })).toBe('missing')
    expect(editorBuildState(root)).toEqual({ state: 'fresh', hash: editorSourceHash(root) })
    // A second start with nothing changed does not build.
    expect(await ensureEditorBuilt(root, { log: () => undefined, build })).toBe('fresh')
    expect(builds).toBe(1)
  })

  it('says stale after a change to the editor, to a package it bundles or to the lockfile', async () => {
    const root = workspace()
    for (const [file, content] of [
      ['packages/editor/src/main.tsx', 'export const page = 2'],
      ['packages/editor/src/new-page.tsx', 'export const added = 1'],
      ['packages/engine/src/core.ts', 'export const core = 2'],
      ['pnpm-lock.yaml', 'lockfileVersion: 9.1'],
    ] as const) {
      await ensureEditorBuilt(root, { log: () => undefined, build: fakeBuild })
      expect(editorBuildState(root).state).toBe('fresh')
      write(root, file, content)
      expect(editorBuildState(root).state, file).toBe('changed')
    }
  })

  it('needs no build after a change to a test or to a package the editor does not bundle', async () => {
    const root = workspace()
    await ensureEditorBuilt(root, { log: () => undefined, build: fakeBuild })
    write(root, 'packages/editor/src/main.test.tsx', 'changed test')
    write(root, 'packages/api/src/app.ts', 'export const app = 2')
    expect(editorBuildState(root).state).toBe('fresh')
  })

  it('says a build whose output was removed is missing, and a failed build is never marked fresh', async () => {
    const root = workspace()
    await ensureEditorBuilt(root, { log: () => undefined, build: fakeBuild })
    rmSync(editorDistDir(root), { recursive: true })
    expect(editorBuildState(root).state).toBe('missing')
    const failing = async () => {
      throw new Error('build failed')
    }
    await expect(ensureEditorBuilt(root, { log: () => undefined, build: failing })).rejects.toThrow(
      'build failed',
    )
    expect(editorBuildState(root).state).toBe('missing')
  })
})
