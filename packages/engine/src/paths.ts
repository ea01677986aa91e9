import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

/**
 * Absolute path of the interpreter workflow module, for `Worker.create({ workflowsPath })`.
 *
 * @example
 * await Worker.create({ workflowsPath, activities, taskQueue: 'warmflow' })
 */
export const workflowsPath: string = fileURLToPath(new URL('./workflows/index.ts', import.meta.url))

/**
 * How to bundle the interpreter workflow (`Worker.create({ bundlerOptions })`, or
 * `bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions })`). JSONata is loaded once per
 * workflow thread instead of once per run: its module keeps no state of a run (each expression
 * gets its own environment), and setting it up took about 0.5 ms of every run.
 */
export const workflowBundlerOptions: { preloadModules: string[] } = {
  preloadModules: [createRequire(import.meta.url).resolve('jsonata')],
}
