#!/usr/bin/env node
// The `warmflow` command (`pnpm start`, `pnpm warmflow …`; see ../src/bin.ts).
//
// `warmflow start` runs compiled JavaScript (../src/services/start-bundle.mjs): the supervisor
// builds the bundle when its sources changed and hands it to the API+worker it starts
// (WARMFLOW_START_BUNDLE), so neither process loads tsx. The other commands, and `start` when
// compiling fails, run the TypeScript sources through tsx, registered for this thread only, so
// the in-process worker's workflow threads run without tsx's source maps (see
// packages/worker/bin/warmflow-worker.mjs).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const startBundleVariable = 'WARMFLOW_START_BUNDLE'

async function startEntry() {
  if (process.argv[2] !== 'start') return undefined
  const given = process.env[startBundleVariable]
  if (given && existsSync(given)) return given
  const { ensureStartBundle } = await import('../src/services/start-bundle.mjs')
  const entry = await ensureStartBundle(fileURLToPath(new URL('../../../', import.meta.url)))
  // The API+worker child, and its restarts, run this same bundle.
  if (entry) process.env[startBundleVariable] = entry
  return entry
}

const entry = await startEntry()
if (entry) {
  // Tells the code that it runs compiled (see ../src/start.ts): tsx is not loaded.
  globalThis[Symbol.for('warmflow.compiled')] = true
  await import(pathToFileURL(entry).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/bin.ts')
}
