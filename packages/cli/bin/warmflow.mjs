#!/usr/bin/env node
// The `warmflow` command (`pnpm start`, `pnpm warmflow …`; see ../src/bin.ts). TypeScript
// support (tsx) is registered for this thread only, so the in-process worker's workflow
// threads run without tsx's source maps (see packages/worker/bin/warmflow-worker.mjs).
import { register } from 'tsx/esm/api'

register()
await import('../src/bin.ts')
