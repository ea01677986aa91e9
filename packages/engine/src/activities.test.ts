import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeIssues } from './activities.js'
import { NodeError } from './errors.js'
import { defineNode } from './node.js'
import { runNode } from './testing.js'

// Values and keys that stand for a client's data: none may appear in an error.
const personal = ['Fatima El Amrani', 'Jan Jansen', 'Piet Pietersen', 'Marie de Vries', '0612345678']

const strictNode = defineNode({
  type: 'test.strict',
  version: 1,
  category: 'data',
  title: { nl: 'Streng', en: 'Strict' },
  input: z.strictObject({ leeftijd: z.number(), status: z.enum(['open', 'dicht']).optional() }),
  config: z.object({ velden: z.record(z.string().regex(/^[a-z]+$/), z.string()).default({}) }),
  output: z.object({ aantal: z.number() }),
  async execute({ input }) {
    return { aantal: input.status === 'open' ? 1 : ('Marie de Vries' as unknown as number) }
  },
})

async function failure(options: Parameters<typeof runNode>[1]): Promise<NodeError> {
  const error = await runNode(strictNode, options).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(NodeError)
  return error as NodeError
}

function expectNoPersonalData(error: NodeError) {
  for (const text of [error.message, error.text.nl, error.text.en]) {
    for (const value of personal) expect(text).not.toContain(value)
  }
}

describe('validation errors name what is wrong, never the value', () => {
  it('for input: the field and the kind, not the value or an unexpected key', async () => {
    const error = await failure({
      input: { leeftijd: 'Fatima El Amrani', status: 'Jan Jansen', 'Piet Pietersen': '0612345678' },
    })
    expect(error.code).toBe('node.invalid_input')
    expectNoPersonalData(error)
    expect(error.message).toContain('leeftijd: Invalid input: expected number, received string')
    expect(error.message).toContain('status: Invalid option')
    expect(error.message).toContain('Unrecognized key')
  })

  it('for config: keys that are not field names are left out of the path', async () => {
    const error = await failure({ input: { leeftijd: 3 }, config: { velden: { 'Jan Jansen': 'x' } } })
    expect(error.code).toBe('node.invalid_config')
    expectNoPersonalData(error)
    expect(error.message).toContain('velden.…: Invalid key')
  })

  it('for output: the kind of the mistake only', async () => {
    const error = await failure({ input: { leeftijd: 3, status: 'dicht' } })
    expect(error.code).toBe('node.invalid_output')
    expectNoPersonalData(error)
    expect(error.message).toContain('aantal: Invalid input: expected number, received string')
  })

  it('lists at most five problems', () => {
    const many = z.array(z.number()).safeParse(Array.from({ length: 8 }, (_, i) => `naam ${i}`))
    const text = describeIssues(many.error!)
    expect(text.split('; ')).toHaveLength(6)
    expect(text).toMatch(/and 3 more$/)
    expect(text).not.toContain('naam')
  })
})
