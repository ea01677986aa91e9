import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { transformNode } from './transform.js'

describe('transform', () => {
  it('adds fields computed by expressions, keeping the input', async () => {
    const { output } = await runNode(transformNode, {
      input: { voornaam: 'Sam', uren: [2, 3] },
      config: { fields: { totaal: '$sum(uren)', groet: '"Hoi " & voornaam' } },
    })
    expect(output).toEqual({ voornaam: 'Sam', uren: [2, 3], totaal: 5, groet: 'Hoi Sam' })
  })

  it('can drop the input', async () => {
    const { output } = await runNode(transformNode, {
      input: { geheim: 'x', a: 1 },
      config: { fields: { b: 'a + 1' }, keepInput: false },
    })
    expect(output).toEqual({ b: 2 })
  })

  it('rejects an invalid field name in its config', async () => {
    await expect(runNode(transformNode, { config: { fields: { 'kapot veld': '1' } } })).rejects.toMatchObject(
      {
        code: 'node.invalid_config',
      },
    )
  })

  it('turns a failing expression into a clear node error', async () => {
    await expect(
      runNode(transformNode, { config: { fields: { x: '$number("geen getal")' } } }),
    ).rejects.toMatchObject({
      code: 'expression.evaluation',
    })
  })
})
