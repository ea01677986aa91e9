import type { AiDraftJson, SuggestionJson, TaskJson } from '../api/types'
import { pick } from '../i18n'

type Data = Record<string, unknown>

const asRecord = (value: unknown): Data | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : undefined

/** Data fields that may hold the text an AI draft was made from. */
export const sourceKeys = [
  'source',
  'sourceText',
  'bron',
  'omschrijving',
  'tekst',
  'text',
  'original',
  'description',
]

/**
 * The AI draft of a task and the text it was made from. AI nodes put `<field>Meta` (method,
 * label, model) beside their result, e.g. `samenvatting` + `samenvattingMeta`; only a value
 * with such a label counts as AI-made.
 */
export function findAiDraft(task: TaskJson): AiDraftJson | undefined {
  const data = task.data ?? {}
  const sourceIn = (record: Data) =>
    sourceKeys.map((key) => record[key]).find((value): value is string => typeof value === 'string')
  const fromPair = (record: Data): (AiDraftJson & { field: string }) | undefined => {
    for (const [field, value] of Object.entries(record)) {
      const meta = asRecord(record[`${field}Meta`])
      if (typeof value !== 'string' || !meta || typeof meta.method !== 'string') continue
      return {
        field,
        text: value,
        offline: meta.method === 'offline-basic' || meta.method === 'offline',
        ...(typeof meta.model === 'string' ? { model: meta.model } : {}),
        ...(asRecord(meta.label) ? { label: meta.label as AiDraftJson['label'] } : {}),
      }
    }
    return undefined
  }
  const top = fromPair(data)
  if (top) return { ...top, source: sourceIn(data) }
  for (const value of Object.values(data)) {
    const record = asRecord(value)
    const nested = record && fromPair(record)
    if (nested) return { ...nested, source: sourceIn(record) ?? sourceIn(data) }
  }
  return undefined
}

/**
 * The one line under an AI draft that says how it was made: the AI node's own label when it has
 * one (it says so when the offline method made it), else a general text for the offline method
 * or the AI model.
 */
export function draftMadeBy(
  draft: AiDraftJson,
  lang: string,
  t: (key: string, values?: Record<string, string>) => string,
): string {
  if (draft.label) return pick(draft.label, lang)
  return draft.offline ? t('task.offlineMethod') : t('task.aiModel', { model: draft.model ?? 'AI' })
}

/** The volunteer suggestions of a task, with their reasons. */
export function findSuggestions(task: TaskJson): SuggestionJson[] {
  const data = task.data ?? {}
  const list = [data.suggestions, data.matches, data.candidates, data.volunteers].find(Array.isArray) as
    | unknown[]
    | undefined
  return (list ?? []).flatMap((item, index) => {
    const record = asRecord(item)
    if (!record) return []
    const id = String(record.id ?? record.volunteerId ?? index)
    const name = String(record.name ?? record.displayName ?? id)
    const reasons = [record.reasons, record.explanation, record.why].find(Array.isArray) as
      | SuggestionJson['reasons']
      | undefined
    return [
      {
        id,
        name,
        ...(typeof record.score === 'number' ? { score: record.score } : {}),
        reasons: reasons ?? [],
      },
    ]
  })
}
