/**
 * The name model (packages/nodes/src/privacy/name-model.ts): the shipped weights are what the
 * training script makes from the committed notes, and with the rules it finds more names than
 * the rules alone on notes neither had seen (cross-validation against the blind rule output of
 * each hand-written set), without removing more harmless text.
 */
import { readFile } from 'node:fs/promises'
import { encodeNameModel } from '@warmflow/nodes'
import { describe, expect, it } from 'vitest'
import { crossValidate, foldTable, pooled } from '../fixtures/privacy-eval/cross-validate-name-model.js'
import { trainShippedModel } from '../fixtures/privacy-eval/name-model-training.js'

const rate = (s: { caught: number; total: number }) => s.caught / Math.max(1, s.total)

describe('the name model', () => {
  it('is exactly the model `pnpm train:name-model` makes from the committed notes', async () => {
    const shipped = await readFile(
      new URL('../../packages/nodes/data/privacy/name-model.bin', import.meta.url),
    )
    const trained = Buffer.from(encodeNameModel(await trainShippedModel()))
    expect(trained.length).toBe(shipped.length)
    expect(
      trained.equals(shipped),
      'run `pnpm train:name-model` after changing the notes or the features',
    ).toBe(true)
  }, 60_000)

  it('finds more names with the rules than the rules alone on unseen sets, in every role, and removes no more harmless text', async () => {
    const folds = await crossValidate()
    console.log(`Cross-validation, each set judged by a model trained without it:\n${foldTable(folds)}`)
    expect(folds.map((fold) => fold.set)).toEqual([
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '20',
      '21',
      '22',
      '23',
      '24',
      '25',
      '26',
      '27',
      '28',
      '29',
      '30',
      '31',
      '32',
      '33',
      '34',
      '35',
      '36',
      '37',
      '38',
      '39',
      '40',
      '41',
      '42',
      '43',
      '44',
      '45',
      '46',
      '47',
      '48',
      '49',
      '50',
      '51',
      '52',
      '53',
      '54',
      '55',
      '56',
      '57',
      '58',
      '59',
      '60',
      '61',
      '62',
      '63',
      '64',
      '65',
      '66',
      '67',
      '68',
      '69',
      '70',
      '71',
      '72',
      '73',
      '74',
      '75',
      '76',
      '77',
      '78',
      '79',
      '80',
      '81',
      '82',
      '83',
      '84',
      '85',
      '86',
      '87',
      '88',
      '89',
      '90',
      '91',
      '92',
      '93',
    ])
    const rules = pooled(folds, (fold) => fold.rules)
    const withModel = pooled(folds, (fold) => fold.withModel)
    expect(rate(withModel.names)).toBeGreaterThanOrEqual(rate(rules.names) + 0.02)
    for (const role of ['client', 'family', 'network', 'professional'] as const) {
      expect(rate(withModel.roles[role]), role).toBeGreaterThan(rate(rules.roles[role]))
    }
    expect(rate(withModel.harmless)).toBeLessThanOrEqual(rate(rules.harmless))
  }, 1_200_000) // one model trained per set: 88 folds take 330-470 s alone on the 2-core machine, up to twice that beside a CI run
})
