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
 * `bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions })`). JSONata and RE2JS (its
 * regular expressions) are loaded once per workflow thread instead of once per run: their modules
 * keep no state of a run (each expression gets its own environment; a pattern compiles to the
 * same program whoever asks), and setting them up took about 0.5 and 0.4 ms of every run.
 * Failures are converted with {@link failureConverterPath}, as in the worker and the clients.
 */
export const workflowBundlerOptions: { preloadModules: string[]; failureConverterPath: string } = {
  preloadModules: [
    createRequire(import.meta.url).resolve('jsonata'),
    // Through our module that uses it: RE2JS says it has no side effects, so the bundler drops a
    // require of RE2JS itself whose result goes unused.
    fileURLToPath(new URL('./expressions/regex.ts', import.meta.url)),
  ],
  // Failures the workflow raises are encrypted like those of activities.
  failureConverterPath,
}
