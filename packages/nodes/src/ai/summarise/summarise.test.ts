import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { summariseNode } from './summarise.js'

const text =
  'Mevrouw [NAAM_1] belde op maandag. Het regende hard. Ze zoekt hulp bij boodschappen doen op dinsdagmiddag, omdat ze slecht ter been is. Haar kat heet Minoes. Boodschappen zijn zwaar sinds haar operatie.'

describe('ai.summarise without an AI credential', () => {
  it('picks the key sentences and says it did so without AI in the meta, not in the text', async () => {
    const { output } = await runNode(summariseNode, {
      input: { omschrijving: text },
      config: { maxSentences: 2 },
    })
    const summary = output.samenvatting as string
    // The text may be e-mailed to a volunteer as it is: no marker of how it was made in it.
    expect(summary).not.toMatch(/zonder AI|basismethode/)
    expect(summary.startsWith('Mevrouw [NAAM_1]')).toBe(true)
    expect(summary).toContain('Ze zoekt hulp bij boodschappen doen op dinsdagmiddag')
    expect(summary).not.toContain('Het regende hard')
    expect(output.samenvattingMeta).toEqual({
      method: 'offline-basic',
      fromPseudonymised: false,
      label: expect.objectContaining({ nl: expect.stringContaining('zonder AI') }),
    })
  })

  it('summarises English text and labels it in English', async () => {
    const { output } = await runNode(summariseNode, {
      input: {
        note: 'The weather was fine. He needs help with paperwork from the council. He likes tea. The paperwork piles up.',
      },
      config: { fields: ['note'], language: 'en', maxSentences: 1, outputField: 'summary' },
    })
    expect(output.summary).toBe('He needs help with paperwork from the council.')
    expect(output.summaryMeta).toMatchObject({ method: 'offline-basic', label: { en: expect.any(String) } })
  })

  it('keeps the input and marks the summary as pseudonymised when its source was', async () => {
    const marker = { pseudonymised: ['omschrijving'], mapping: 'wfpm1:x:y:z' }
    const { output } = await runNode(summariseNode, { input: { omschrijving: text, _privacy: marker } })
    expect(output.omschrijving).toBe(text)
    expect(output._privacy).toEqual(marker)
    expect(output.samenvattingMeta).toMatchObject({ fromPseudonymised: true })
    const plain = await runNode(summariseNode, { input: { omschrijving: text } })
    expect(plain.output.samenvattingMeta).toMatchObject({ fromPseudonymised: false })
  })

  it('says clearly when the text field is missing', async () => {
    await expect(runNode(summariseNode, { input: { anders: 'x' } })).rejects.toMatchObject({
      code: 'ai.no_text',
    })
  })

  it('rejects a credential that is not valid', async () => {
    await expect(
      runNode(summariseNode, { input: { omschrijving: text }, secrets: { ai: '{"baseUrl":"geen url"}' } }),
    ).rejects.toMatchObject({ code: 'ai.invalid_credential' })
  })
})
