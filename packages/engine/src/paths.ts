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
 * Absolute path of the module exporting Warmflow's `failureConverter` (Temporal's default one
 * with `encodeCommonAttributes`), for `dataConverter.failureConverterPath` of workers and
 * clients and for the workflow bundle. See {@link warmflowDataConverter}.
 */
export const failureConverterPath: string = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url))

/**
 * How to bundle the interpreter workflow (`Worker.create({ bundlerOptions })`, or
 * `bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions })`). JSONata is loaded once per
 * workflow thread instead of once per run: its module keeps no state of a run (each expression
 * gets its own environment), and setting it up took about 0.5 ms of every run. Failures are
 * converted with {@link failureConverterPath}, as in the worker and the clients.
 */
export const workflowBundlerOptions: { preloadModules: string[]; failureConverterPath: string } = {
  preloadModules: [createRequire(import.meta.url).resolve('jsonata')],
  // Failures the workflow raises are encrypted like those of activities.
  failureConverterPath,
}
