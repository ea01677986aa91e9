import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { CatalogueNode } from '../api/types'
import { testI18n } from '../i18n/testing'
import { checkFlow, type FlowProblem, registryFromCatalogue } from './catalogue'
import { fieldProblemText } from './problemText'

const i18n = testI18n()

const text = { nl: 'Voorbeeld', en: 'Example' }
// A node type as the API's catalogue describes it, its config schema made by zod like the real ones.
const example: CatalogueNode = {
  key: 'example@1',
  type: 'example',
  version: 1,
  title: text,
  description: text,
  category: 'data',
  secrets: [],
  personalData: {},
  configSchema: z.toJSONSchema(
    z.object({
      role: z.string().min(1),
      code: z.string().min(4).max(8),
      fields: z.array(z.string()).min(1),
      limit: z.number().int().min(1).max(50),
      email: z.email(),
    }),
  ) as CatalogueNode['configSchema'],
  inputSchema: {},
  outputSchema: {},
}

/** The engine's own problems for one config, as the designer checks it. */
function problemsFor(config: Record<string, unknown>): FlowProblem[] {
  const result = checkFlow(
    { name: 'x', nodes: [{ id: 'n', type: 'example', version: 1, config }], edges: [] },
    registryFromCatalogue([example]),
  )
  return result.ok ? [] : result.problems.filter((problem) => problem.code === 'node.invalid_config')
}

function words(config: Record<string, unknown>, lang: 'nl' | 'en' = 'nl'): Record<string, string> {
  // The first problem of a field is the one shown under it (a format and its pattern both fail).
  const said: Record<string, string> = {}
  for (const problem of problemsFor(config)) {
    said[String(problem.path?.at(-1))] ??= fieldProblemText(problem, i18n.getFixedT(lang), lang)
  }
  return said
}

describe('config problems in plain words', () => {
  it('asks for a value where a text or list is empty, not "too small or too short"', () => {
    const said = words({ role: '', code: 'abcd', fields: [], limit: 5, email: 'a@b.nl' })
    expect(said).toEqual({ role: 'Vul dit veld in.', fields: 'Vul dit veld in.' })
  })

  it('names the bound of a text or number that is out of range', () => {
    expect(words({ role: 'x', code: 'ab', fields: ['a'], limit: 0, email: 'a@b.nl' })).toEqual({
      code: 'Vul minstens 4 tekens in.',
      limit: 'Vul een getal van 1 of meer in.',
    })
    expect(words({ role: 'x', code: 'abcdefghij', fields: ['a'], limit: 80, email: 'a@b.nl' }, 'en')).toEqual(
      {
        code: 'Use at most 8 characters.',
        limit: 'Fill in a number of 50 or less.',
      },
    )
  })

  it('says what an e-mail address should look like', () => {
    expect(words({ role: 'x', code: 'abcd', fields: ['a'], limit: 5, email: 'geen adres' })).toEqual({
      email: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
    })
  })
})
