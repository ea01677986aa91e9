import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { integrationBesideCode, serviceMarkers, type Tier } from './tiers.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const skipped = new Set(['node_modules', '.git', 'dist', '.data', 'test-results'])

/** Every `*.test.ts` in the repository, relative to its root, whatever the vitest globs say. */
function testFilesOnDisk(dir = root): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...testFilesOnDisk(path))
    else if (entry.name.endsWith('.test.ts')) found.push(relative(root, path))
  }
  return found.sort()
}

/** The files each vitest project runs, as vitest itself resolves them from vitest.config.ts. */
let listing: Promise<Map<string, Tier[]>> | undefined
const filesPerProject = () => {
  listing ??= listFilesPerProject()
  return listing
}

async function listFilesPerProject(): Promise<Map<string, Tier[]>> {
  // The child must not think it runs inside this test run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'list', '--filesOnly', '--json'],
    { cwd: root, env, timeout: 30_000, maxBuffer: 4 * 1024 * 1024 },
  )
  const listed = JSON.parse(stdout) as { file: string; projectName: Tier }[]
  const projects = new Map<string, Tier[]>()
  for (const { file, projectName } of listed) {
    const key = relative(root, file)
    projects.set(key, [...(projects.get(key) ?? []), projectName])
  }
  return projects
}

describe('test tiers', () => {
  it('puts every *.test.ts in exactly one of the unit, integration and e2e projects', async () => {
    const onDisk = testFilesOnDisk()
    const projects = await filesPerProject()
    expect(onDisk.length).toBeGreaterThan(50)
    const notExactlyOnce = onDisk.filter((file) => projects.get(file)?.length !== 1)
    expect(
      notExactlyOnce.map((file) => `${file}: ${projects.get(file)?.join(', ') ?? 'no project'}`),
    ).toEqual([])
    expect([...projects.keys()].filter((file) => !onDisk.includes(file))).toEqual([])
    expect([...new Set(onDisk.map((file) => projects.get(file)![0]))].sort()).toEqual([
      'e2e',
      'integration',
      'unit',
    ])
  })

  it('names only files that exist as integration tests beside the code', () => {
    expect(integrationBesideCode.filter((file) => !existsSync(join(root, file)))).toEqual([])
  })

  it('keeps the unit tier free of PostgreSQL, Temporal and the browser', async () => {
    const projects = await filesPerProject()
    const unit = [...projects].filter(([, tiers]) => tiers.includes('unit')).map(([file]) => file)
    expect(unit.length).toBeGreaterThan(30)
    const needServices = unit.flatMap((file) => {
      const source = readFileSync(join(root, file), 'utf8')
      const found = serviceMarkers.filter((marker) => marker.test(source))
      return found.length > 0 ? [`${file}: ${found.map(String).join(' ')}`] : []
    })
    expect(needServices).toEqual([])
  })
})
