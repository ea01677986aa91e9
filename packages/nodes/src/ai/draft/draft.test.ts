import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { draftNode } from './draft.js'

describe('ai.draft without an AI credential', () => {
  it('fills the template from upstream data and says that no AI wrote it', async () => {
    const { output } = await runNode(draftNode, {
      input: { voornaam: '[NAAM_1]', match: { naam: 'Joost' }, dagen: ['dinsdag', 'vrijdag'] },
      config: {
        instructions: 'Schrijf een bevestiging.',
        template: 'Beste {{voornaam}}, {{match.naam}} komt op {{dagen}}.{{onbekend}}',
        fields: ['voornaam', 'match', 'dagen'],
      },
    })
    expect(output.concept).toBe(
      '[Concept zonder AI: alleen het sjabloon ingevuld. Controleer en vul aan.]\n\nBeste [NAAM_1], Joost komt op dinsdag, vrijdag.',
    )
    expect(output.conceptMeta).toMatchObject({ method: 'offline-basic' })
  })

  it('lists the data when there is no template', async () => {
    const { output } = await runNode(draftNode, {
      input: { samenvatting: 'Hulp bij tuin.' },
      config: { instructions: 'Schrijf een verslag.', fields: ['samenvatting'], language: 'en' },
    })
    expect(output.concept).toBe(
      '[Draft without AI: template filled in only. Check and complete it.]\n\nsamenvatting: Hulp bij tuin.',
    )
  })
})
