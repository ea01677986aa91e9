import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { draftNode } from './draft.js'

describe('ai.draft without an AI credential', () => {
  it('fills the template from upstream data and says in the meta, not the text, that no AI wrote it', async () => {
    const { output } = await runNode(draftNode, {
      input: { voornaam: '[NAAM_1]', match: { naam: 'Joost' }, dagen: ['dinsdag', 'vrijdag'] },
      config: {
        instructions: 'Schrijf een bevestiging.',
        template: 'Beste {{voornaam}}, {{match.naam}} komt op {{dagen}}.{{onbekend}}',
        fields: ['voornaam', 'match', 'dagen'],
      },
    })
    // An approved draft may be sent on as it is: how it was made stays out of the text.
    expect(output.concept).toBe('Beste [NAAM_1], Joost komt op dinsdag, vrijdag.')
    expect(output.conceptMeta).toMatchObject({
      method: 'offline-basic',
      label: { nl: expect.stringContaining('zonder AI'), en: expect.any(String) },
    })
  })

  it('lists the data when there is no template', async () => {
    const { output } = await runNode(draftNode, {
      input: { samenvatting: 'Hulp bij tuin.' },
      config: { instructions: 'Schrijf een verslag.', fields: ['samenvatting'], language: 'en' },
    })
    expect(output.concept).toBe('samenvatting: Hulp bij tuin.')
  })
})
