// Loads every native module Warmflow uses, on whichever `node` runs this file, and prints the
// Node version. CI runs it before each test run so a module that does not load on a Node version
// fails in seconds, with its name, instead of as many failing tests. All of them are N-API
// (Node-API) builds, so one `pnpm install` serves every supported Node version.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Resolve each module from the package that depends on it (pnpm does not hoist them to the root);
// `pkg` is a folder under the repository root ('' for the root).
const from = (pkg, ...chain) => {
  let require = createRequire(join(root, pkg, 'package.json'))
  for (const dep of chain) require = createRequire(require.resolve(`${dep}/package.json`))
  return require
}

const checks = [
  [
    '@temporalio/core-bridge',
    () => {
      const bridge = from('packages/worker', '@temporalio/worker')('@temporalio/core-bridge')
      if (typeof bridge.native.newRuntime !== 'function') throw new Error('no native runtime')
    },
  ],
  [
    '@swc/core (Temporal workflow bundler)',
    () => {
      const swc = from('packages/worker', '@temporalio/worker', 'swc-loader')('@swc/core')
      swc.transformSync('const a: number = 1', { jsc: { parser: { syntax: 'typescript' } } })
    },
  ],
  [
    '@node-rs/argon2',
    () => {
      const argon2 = from('packages/api')('@node-rs/argon2')
      if (!argon2.verifySync(argon2.hashSync('check'), 'check')) throw new Error('hash round trip failed')
    },
  ],
  [
    'esbuild (tsx)',
    () => {
      from('', 'tsx')('esbuild').transformSync('const a: number = 1', { loader: 'ts' })
    },
  ],
]

let failed = 0
for (const [name, check] of checks) {
  try {
    check()
    console.log(`ok   ${name}`)
  } catch (error) {
    failed += 1
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
console.log(
  `node ${process.version} (modules ABI ${process.versions.modules}, N-API ${process.versions.napi})`,
)
process.exit(failed === 0 ? 0 : 1)
