import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { slimWorkflowBundle } from './workflow-bundle-code.js'

const dir = mkdtempSync(join(tmpdir(), 'warmflow-slim-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const code = [
  '// Baagøe — a comment',
  "export const text = 'één… résumé 😀'",
  'export const matches = /^[à-ÿ]+$/u.test("éé") && /😀/u.test("😀")',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal in the bundle's code
  'export const template = `naïef ${1 + 1}`',
].join('\n')
const map = {
  version: 3,
  file: 'workflow-bundle.js',
  sources: ['webpack://src/a.ts'],
  sourcesContent: ['export const text = "één"'],
  names: [],
  mappings: 'AAAA',
}
const bundle = `${code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`

describe('the workflow bundle as the worker keeps it', () => {
  it('is ASCII only, its source map without the sources, and means the same', async () => {
    const slim = slimWorkflowBundle(bundle)
    expect(/[\u0080-\uffff]/.test(slim)).toBe(false)
    const data = slim.slice(slim.indexOf('base64,') + 'base64,'.length).trim()
    const slimMap = JSON.parse(Buffer.from(data, 'base64').toString('utf8'))
    expect(slimMap.sourcesContent).toBeUndefined()
    expect(slimMap.mappings).toBe('AAAA')
    expect(slimMap.sources).toEqual(map.sources)
    expect(slim.length).toBeLessThan(bundle.length + 200)

    const original = join(dir, 'original.mjs')
    const slimmed = join(dir, 'slim.mjs')
    writeFileSync(original, bundle)
    writeFileSync(slimmed, slim)
    const before = await import(pathToFileURL(original).href)
    const after = await import(pathToFileURL(slimmed).href)
    expect(after.text).toBe('één… résumé 😀')
    expect({ ...after }).toEqual({ ...before })
    expect(after.matches).toBe(true)
  })
})
