// Runs a TypeScript file with tsx registered for the main thread only, as the production worker
// launcher does (packages/worker/bin/warmflow-worker.mjs), so Temporal's workflow threads run
// without tsx: `node bench/main-thread-tsx.mjs bench/worker-child.ts`.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { register } from 'tsx/esm/api'

register()
await import(pathToFileURL(resolve(process.argv[2])).href)
