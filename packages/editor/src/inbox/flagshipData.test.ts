// The seeded flagship flow and the inbox must agree on the shape of the coordinator's task data:
// the flow's data expressions, evaluated on a match result, give what the inbox shows as an AI
// draft beside its source and as volunteer proposals with reasons.

import { expect, it } from 'vitest'
import flow from '../../../../examples/flows/nieuwe-aanmelding.json'
import { evaluateExpression } from '../../../engine/src/expressions'
import type { TaskJson } from '../api/types'
import { findAiDraft, findSuggestions } from './taskData'

const reason = (nl: string, en: string) => ({ code: 'x', effect: 'plus', nl, en })

it('gives the inbox an AI draft with its source and proposals with reasons', async () => {
  const task = flow.nodes.find((node) => node.type === 'human.task')!
  const nodes = {
    samenvatting: {
      samenvatting: '[NAAM_1] zoekt hulp bij boodschappen.',
      samenvattingMeta: {
        method: 'offline-basic',
        label: { nl: 'Gemaakt zonder AI', en: 'Made without AI' },
      },
    },
    pseudo: { hulpvraag: 'Ik ben [NAAM_1] en zoek hulp bij boodschappen.' },
  }
  const matchOutput = {
    matches: [
      {
        volunteerId: 'v1',
        name: 'Noor',
        score: 91,
        reasons: [reason('spreekt Arabisch', 'speaks Arabic'), reason('0,6 km', '0.6 km')],
      },
    ],
    excluded: [],
  }
  const data: Record<string, unknown> = {}
  for (const [name, source] of Object.entries((task.config as { data: Record<string, string> }).data)) {
    data[name] = await evaluateExpression(source, matchOutput, { nodes })
  }
  const view = { data } as unknown as TaskJson
  // One proposal stays a list, with its reasons in both languages.
  expect(findSuggestions(view)).toEqual([
    {
      id: 'v1',
      name: 'Noor',
      score: 91,
      reasons: [
        { nl: 'spreekt Arabisch', en: 'speaks Arabic' },
        { nl: '0,6 km', en: '0.6 km' },
      ],
    },
  ])
  expect(findAiDraft(view)).toMatchObject({
    field: 'samenvatting',
    text: '[NAAM_1] zoekt hulp bij boodschappen.',
    offline: true,
    source: 'Ik ben [NAAM_1] en zoek hulp bij boodschappen.',
  })
})
