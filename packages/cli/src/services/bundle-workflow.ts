// Run by `ensureWorkflowBundle` as a short-lived process of its own: bundles the interpreter
// workflow (webpack) into the file named by its argument, so webpack's memory is given back to
// the system when it ends instead of staying in the platform's process.
//
//   node --import tsx/esm bundle-workflow.ts <file>
import { renameSync, writeFileSync } from 'node:fs'
import { bundleWorkflowCode } from '@temporalio/worker'
import { workflowBundlerOptions, workflowsPath } from '@warmflow/engine'
import { slimWorkflowBundle } from './workflow-bundle-code.js'

const file = process.argv[2]
if (!file) {
  process.stderr.write('usage: bundle-workflow.ts <file>\n')
  process.exit(2)
}
const quiet = () => undefined
const { code } = await bundleWorkflowCode({
  workflowsPath,
  ...workflowBundlerOptions,
  logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet },
})
// Written next to its place and renamed: a start never reads half a bundle.
const partial = `${file}.${process.pid}.partial`
writeFileSync(partial, slimWorkflowBundle(code), { mode: 0o600 })
renameSync(partial, file)
