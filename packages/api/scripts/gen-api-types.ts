/**
 * Writes the editor's API types (`packages/editor/src/api/schema.gen.ts`) from the OpenAPI
 * document that `createApp` serves at `/api/v1/openapi.json`. The document is built in this
 * process: no server, database or Temporal is needed.
 *
 * Run `pnpm gen:api-types` after changing a route or schema; a test fails while the committed
 * file differs from a fresh generation.
 */
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Client } from '@temporalio/client'
import { controlPlugin, createRegistry } from '@warmflow/engine'
import { builtinPlugin } from '@warmflow/nodes'
import { offlineDb } from '@warmflow/store'
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { createApp } from '../src/app.js'

/** Where the generated editor types live. */
export const apiTypesPath = fileURLToPath(new URL('../../editor/src/api/schema.gen.ts', import.meta.url))

const header = `/**
 * The Warmflow API's types, generated from its OpenAPI document (/api/v1/openapi.json).
 * Do not edit: change the API's route schemas and run \`pnpm gen:api-types\`.
 */

`

/** The API's OpenAPI document, as `GET /api/v1/openapi.json` answers it. */
export async function openApiDocument(): Promise<OpenAPI3> {
  // Building the routes touches neither the database nor Temporal: a driver that never
  // connects and a lazily connecting client are enough.
  const db = offlineDb()
  const app = createApp({
    db,
    temporal: { client: new Client(), taskQueue: 'openapi' },
    registry: createRegistry([controlPlugin, builtinPlugin]),
  })
  const response = await app.request('/api/v1/openapi.json')
  if (!response.ok) throw new Error(`The OpenAPI document could not be built (${response.status}).`)
  return (await response.json()) as OpenAPI3
}

/** The text of `schema.gen.ts` for the current API. */
export async function generateApiTypes(): Promise<string> {
  const nodes = await openapiTS(await openApiDocument(), { silent: true })
  return header + astToString(nodes)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(apiTypesPath, await generateApiTypes())
  process.stdout.write(`wrote ${apiTypesPath}\n`)
  process.exit(0)
}
