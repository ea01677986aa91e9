// Replays the recorded histories in tests/histories against the current interpreter bundle: a
// change to the interpreter that would break runs already in flight fails here. Regenerate the
// histories (only for a deliberate, patched() change) next to the old ones with:
//   WARMFLOW_RECORD_HISTORIES=1 WARMFLOW_RECORD_SUFFIX=-<date> npx vitest run tests/integration/engine-interpreter.test.ts
import { readdirSync, readFileSync } from 'node:fs'
import { Worker } from '@temporalio/worker'
import { expect, inject, it } from 'vitest'
import { historiesDir } from './engine-harness.js'

const names = readdirSync(historiesDir)
  .filter((file) => file.endsWith('.json'))
  .sort()

it('has a recorded history for every representative kind of run', () => {
  expect(names).toEqual(
    expect.arrayContaining([
      'branch.json',
      'error-port.json',
      'human-task-approved.json',
      'human-task-cancelled.json',
      'human-task-expired.json',
      'human-task-rejected.json',
      'linear.json',
      'parallel.json',
      'switch-merge-first.json',
      'wait.json',
      // Recorded after triggers ran inside the workflow and runs wrote their final status.
      'linear-2026-11.json',
      'human-task-approved-2026-11.json',
    ]),
  )
})

it('replays every recorded history without a determinism error', async () => {
  const histories = names.map((file) => ({
    workflowId: file.replace(/\.json$/, ''),
    history: JSON.parse(readFileSync(`${historiesDir}${file}`, 'utf8')) as unknown,
  }))
  const results: { workflowId: string; error?: string }[] = []
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: { code: readFileSync(inject('workflowBundlePath'), 'utf8') } },
    histories,
  )) {
    results.push({
      workflowId: result.workflowId,
      ...(result.error ? { error: String(result.error) } : {}),
    })
  }
  expect(results).toEqual(names.map((file) => ({ workflowId: file.replace(/\.json$/, '') })))
}, 60_000)
