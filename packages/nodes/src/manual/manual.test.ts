import { runNode } from '@warmflow/engine/testing'
import { expect, it } from 'vitest'
import { manualTrigger } from './manual.js'

it('passes the start data on unchanged', async () => {
  const { output } = await runNode(manualTrigger, { input: { naam: 'Test', leeftijd: 40 } })
  expect(output).toEqual({ naam: 'Test', leeftijd: 40 })
})
