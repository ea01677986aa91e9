#!/usr/bin/env node
// The worker process: `node packages/worker/bin/warmflow-worker.mjs` (see ../src/main.ts).
//
// TypeScript support (tsx) is switched on here, for this thread only. With `node --import tsx`
// every worker thread loads tsx as well, Temporal's workflow threads among them, and tsx turns
// on source maps there: then each promise a workflow makes (the sandbox tracks every one) also
// goes through Node's source-map cache, which cost about 3 ms of CPU per run of a small flow.
// The workflow threads run plain JavaScript and need none of it.
import { register } from 'tsx/esm/api'

register()
const { runWorkerProcess } = await import('../src/main.ts')
await runWorkerProcess()
