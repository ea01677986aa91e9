import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends the test output with one plain line, `N passed, N failed` (`, N skipped` when any), that
 * CI reads. Errors outside any test count as failures.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      let failedHere = 0
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed += 1
        else if (state === 'failed') failedHere += 1
        else skipped += 1
      }
      // A file can fail outside its tests (a hook, an import): that counts as a failure too.
      failed += failedHere === 0 && module.state() === 'failed' ? 1 : failedHere
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
  }
}
