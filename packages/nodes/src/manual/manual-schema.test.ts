import { runNode } from '@warmflow/engine/testing'
import { expect, it } from 'vitest'
import { manualTrigger } from './manual.js'

const fields = [
  { name: 'naam', type: 'text', required: true, label: { nl: 'Naam', en: 'Name' } },
  { name: 'leeftijd', type: 'number', label: { nl: 'Leeftijd', en: 'Age' } },
]

it('checks the start data against the input schema in its config', async () => {
  const { output } = await runNode(manualTrigger, {
    config: { fields },
    input: { naam: 'Test', leeftijd: '40' },
  })
  expect(output).toEqual({ naam: 'Test', leeftijd: 40 })
  await expect(runNode(manualTrigger, { config: { fields }, input: { leeftijd: 3 } })).rejects.toMatchObject({
    code: 'trigger.invalid_input',
    text: {
      nl: 'De gegevens kloppen niet: Naam: dit veld is verplicht',
      en: 'The data is not valid: Name: this field is required',
    },
  })
})
