import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { apiTypesPath, generateApiTypes, openApiDocument } from '../../packages/api/scripts/gen-api-types.js'

describe("the editor's API types", () => {
  it('are generated from the OpenAPI document the API serves', async () => {
    const document = await openApiDocument()
    expect(document.paths?.['/api/v1/tasks/{id}/assign']).toBeDefined()
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['Flow', 'Run', 'Task', 'NodeType', 'Credential']),
    )
  })

  it('match a fresh generation (after changing a route or schema, run `pnpm gen:api-types`)', async () => {
    const committed = await readFile(apiTypesPath, 'utf8')
    const fresh = await generateApiTypes()
    expect(
      committed === fresh,
      'packages/editor/src/api/schema.gen.ts differs from the API: run `pnpm gen:api-types` and commit the result',
    ).toBe(true)
  })
})
