import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { TaskJson } from '../api/types'
import { en } from '../i18n/en'
import { nl } from '../i18n/nl'
import {
  draftMadeBy,
  excludedCount,
  fieldProblem,
  findAiDraft,
  findSuggestions,
  historyLine,
} from './taskData'

const base: TaskJson = {
  id: 't1',
  runId: 'r1',
  flowId: 'f1',
  nodeId: 'approve',
  teamId: 'team',
  role: 'approver',
  assignee: null,
  title: { nl: 'Beoordelen', en: 'Review' },
  status: 'open',
  deadline: null,
  overdue: false,
  fourEyes: false,
  createdAt: '2026-11-28T10:00:00Z',
  updatedAt: '2026-11-28T10:00:00Z',
  form: { fields: {} },
  data: {},
  outcome: null,
  history: [],
}

describe('task data for the inbox', () => {
  it('finds an AI draft by the meta an AI node puts beside it, with the offline method and source', () => {
    const draft = findAiDraft({
      ...base,
      data: {
        samenvatting: 'Mevrouw zoekt hulp.',
        samenvattingMeta: { method: 'offline-basic', label: { nl: 'Zonder AI', en: 'Without AI' } },
        omschrijving: 'Mevrouw is 82 en zoekt hulp bij boodschappen.',
      },
    })
    expect(draft).toEqual({
      field: 'samenvatting',
      text: 'Mevrouw zoekt hulp.',
      offline: true,
      label: { nl: 'Zonder AI', en: 'Without AI' },
      source: 'Mevrouw is 82 en zoekt hulp bij boodschappen.',
    })
  })

  it('finds a draft made by a model inside a node output, and never labels plain text as AI-made', () => {
    const draft = findAiDraft({
      ...base,
      data: {
        summarise: {
          summary: 'Kort.',
          summaryMeta: { method: 'openai-compatible', model: 'mistral' },
          text: 'Lang.',
        },
      },
    })
    expect(draft).toMatchObject({ text: 'Kort.', offline: false, model: 'mistral', source: 'Lang.' })
    expect(findAiDraft({ ...base, data: { samenvatting: 'Door een mens geschreven.' } })).toBeUndefined()
  })

  it('reads volunteer matches with their bilingual reasons', () => {
    const suggestions = findSuggestions({
      ...base,
      data: {
        matches: [
          {
            volunteerId: 'v1',
            name: 'Ahmed',
            score: 0.82,
            reasons: [{ code: 'language', effect: 'plus', nl: 'spreekt Arabisch', en: 'speaks Arabic' }],
          },
        ],
      },
    })
    expect(suggestions).toEqual([
      {
        id: 'v1',
        name: 'Ahmed',
        score: 0.82,
        reasons: [{ code: 'language', effect: 'plus', nl: 'spreekt Arabisch', en: 'speaks Arabic' }],
      },
    ])
    expect(findSuggestions(base)).toEqual([])
  })

  it("says in one line how a draft was made: the AI node's own label, else a general text", () => {
    const t = (key: string, values?: Record<string, string>) => (values ? `${key} ${values.model}` : key)
    const label = {
      nl: 'Concept gemaakt door AI (mistral-small). Een mens beslist.',
      en: 'Draft made by AI.',
    }
    expect(draftMadeBy({ text: 'x', model: 'mistral-small', label }, 'nl', t)).toBe(label.nl)
    expect(draftMadeBy({ text: 'x', model: 'mistral-small', label }, 'en', t)).toBe(label.en)
    expect(draftMadeBy({ text: 'x', offline: true }, 'nl', t)).toBe('task.offlineMethod')
    expect(draftMadeBy({ text: 'x', model: 'mistral-small' }, 'nl', t)).toBe('task.aiModel mistral-small')
    expect(draftMadeBy({ text: 'x' }, 'nl', t)).toBe('task.aiModel AI')
  })

  it('explains the number of volunteers the matching left out instead of a raw field', () => {
    expect(excludedCount({ ...base, data: { afgevallen: 4 } })).toBe(4)
    expect(excludedCount({ ...base, data: { excluded: [{ id: 'a' }, { id: 'b' }] } })).toBe(2)
    expect(excludedCount(base)).toBeUndefined()
  })

  it('says in the history what was decided, who was chosen and by whom, in both languages', async () => {
    const i18n = i18next.createInstance()
    await i18n.init({
      resources: { nl: { translation: nl }, en: { translation: en } },
      lng: 'nl',
      interpolation: { escapeValue: false },
    })
    const proposals = [
      { id: 'v1', name: 'Noor', reasons: [] },
      { id: 'v2', name: 'Sem', reasons: [] },
    ]
    const decided = {
      type: 'completed',
      at: '2026-11-28T10:00:00Z',
      byName: 'Anna',
      data: { decision: 'approved', fields: { vrijwilliger: 'v2' }, reason: 'Woont dichtbij', userId: 'u1' },
    }
    const nlT = i18n.getFixedT('nl')
    const enT = i18n.getFixedT('en')
    expect(historyLine(decided, proposals, nlT)).toBe(
      'Anna keurde goed · gekozen: Sem · reden: Woont dichtbij',
    )
    expect(historyLine(decided, proposals, enT)).toBe('Anna approved · chosen: Sem · reason: Woont dichtbij')
    expect(
      historyLine(
        { type: 'handed_over', at: decided.at, byName: 'Anna', toName: 'Bram', data: {} },
        proposals,
        nlT,
      ),
    ).toBe('Anna droeg de taak over aan Bram')
    expect(
      historyLine(
        { type: 'completed', at: decided.at, data: { decision: 'rejected', fields: {} } },
        proposals,
        enT,
      ),
    ).toBe('Someone rejected')
    expect(historyLine({ type: 'created', at: decided.at, data: {} }, proposals, nlT)).toBe('Taak gemaakt')
  })

  it('says what is wrong with a form value as a text key, required fields only when approving', () => {
    const title = { nl: 'Uren', en: 'Hours' }
    const hours = { type: 'integer' as const, title, required: true, minimum: 1, maximum: 40 }
    expect(fieldProblem(hours, undefined, 'approve')).toEqual({ key: 'task.fieldError.required' })
    expect(fieldProblem(hours, '  ', 'approve')).toEqual({ key: 'task.fieldError.required' })
    expect(fieldProblem(hours, undefined, 'reject')).toBeUndefined()
    expect(fieldProblem(hours, 2.5, 'approve')).toEqual({ key: 'task.fieldError.whole' })
    expect(fieldProblem(hours, 0, 'reject')).toEqual({ key: 'task.fieldError.min', values: { min: 1 } })
    expect(fieldProblem(hours, 41, 'approve')).toEqual({ key: 'task.fieldError.max', values: { max: 40 } })
    expect(fieldProblem(hours, 4, 'approve')).toBeUndefined()
    const note = { type: 'text' as const, title, required: false, maxLength: 5 }
    expect(fieldProblem(note, 'te lange tekst', 'approve')).toEqual({
      key: 'task.fieldError.tooLong',
      values: { max: 5 },
    })
    const kind = { type: 'enum' as const, title, required: false, options: ['a', 'b'] }
    expect(fieldProblem(kind, 'c', 'approve')).toEqual({ key: 'task.fieldError.choose' })
    expect(fieldProblem({ type: 'date', title, required: false }, '28-11-2026', 'approve')).toEqual({
      key: 'task.fieldError.date',
    })
  })
})
