import { runNode } from '@warmflow/engine/testing'
import { describe, expect, it } from 'vitest'
import { classifyNode } from './classify.js'

const labels = [
  { id: 'vervoer', keywords: ['rijden', 'ziekenhuis', 'auto', 'rit'] },
  { id: 'eenzaamheid', keywords: ['eenzaam', 'maatje', 'alleen', 'koffie'] },
  { id: 'administratie', keywords: ['brieven', 'formulier', 'belasting'] },
]

describe('ai.classify without an AI credential', () => {
  it('counts keywords, picks the best label and gives a confidence', async () => {
    const { output } = await runNode(classifyNode, {
      input: {
        omschrijving:
          'Ze is eenzaam en zoekt een maatje om koffie mee te drinken. Soms een rit naar de markt.',
      },
      config: { labels },
    })
    const result = output.categorie as { label: string; confidence: number; reason: string }
    expect(result.label).toBe('eenzaamheid')
    expect(result.confidence).toBeGreaterThan(0.5)
    expect(result.confidence).toBeLessThanOrEqual(1)
    expect(result.reason).toMatch(/zonder AI/)
    expect(output.categorieMeta).toMatchObject({ method: 'offline-basic' })
  })

  it('returns no label and confidence 0 when nothing matches', async () => {
    const { output } = await runNode(classifyNode, {
      input: { omschrijving: 'Iets heel anders.' },
      config: { labels },
    })
    expect(output.categorie).toMatchObject({ label: null, confidence: 0 })
  })

  it('needs at least two labels', async () => {
    await expect(
      runNode(classifyNode, { input: { omschrijving: 'x' }, config: { labels: [{ id: 'a' }] } }),
    ).rejects.toMatchObject({ code: 'node.invalid_config' })
  })
})
