import type { AiDraftJson, SuggestionJson, TaskFieldJson, TaskJson } from '../api/types'
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

/**
 * Data fields that count the volunteers the matching left out (`afgevallen` in the flagship
 * flow): the inbox explains the number beside the proposals instead of showing the raw field.
 */
export const excludedKeys = ['afgevallen', 'excluded', 'excludedCount']

/** How many volunteers the matching left out, when the task says so. */
export function excludedCount(task: TaskJson): number | undefined {
  const data = task.data ?? {}
  for (const key of excludedKeys) {
    const value = data[key]
    if (typeof value === 'number' && Number.isFinite(value)) return value
    if (Array.isArray(value)) return value.length
  }
  return undefined
}

type HistoryEntry = TaskJson['history'][number]

/**
 * One line of a task's history in words: who did what, and for a decision what was decided, who
 * was chosen (by the proposal's name) and the reason, e.g. `Anna keurde goed · gekozen: Noor`.
 */
export function historyLine(
  entry: HistoryEntry,
  suggestions: readonly SuggestionJson[],
  t: (key: string, values?: Record<string, string>) => string,
): string {
  const name = entry.byName ?? t('task.did.someone')
  const parts: string[] = []
  const decision = entry.data.decision
  if (entry.type === 'completed' && (decision === 'approved' || decision === 'rejected')) {
    parts.push(t(`task.did.${decision}`, { name }))
    const fields = asRecord(entry.data.fields) ?? {}
    const chosen = suggestions.find((s) =>
      Object.values(fields).some((value) => value === s.id || value === s.name),
    )
    if (chosen && decision === 'approved') parts.push(t('task.did.chose', { choice: chosen.name }))
  } else if ((entry.type === 'claimed' || entry.type === 'unclaimed') && entry.byName) {
    parts.push(t(`task.did.${entry.type}`, { name }))
  } else if (entry.type === 'handed_over' && entry.byName) {
    parts.push(t('task.did.handed_over', { name, to: entry.toName ?? t('task.did.colleague') }))
  } else {
    parts.push(t(`task.event.${entry.type}`, { defaultValue: entry.type }))
  }
  const reason = entry.data.reason
  if (typeof reason === 'string' && reason.trim()) parts.push(t('task.did.reason', { reason }))
  return parts.join(' · ')
}

/** What is wrong with one form value, as a text key and its values (`task.fieldError.*`). */
export interface FieldProblem {
  key: string
  values?: Record<string, number>
}

/**
 * Checks one value of a task form before it is sent, the way the flow will check it, so the
 * coordinator reads what is wrong in their own language beside the field. Required fields count
 * only when approving (a rejection needs a reason, not a complete form).
 *
 * @example
 * fieldProblem({ type: 'integer', title, minimum: 1 }, 0, 'approve') // { key: 'task.fieldError.min', values: { min: 1 } }
 */
export function fieldProblem(
  field: TaskFieldJson,
  value: unknown,
  decision: 'approve' | 'reject',
): FieldProblem | undefined {
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  if (empty) {
    return field.required && field.type !== 'boolean' && decision === 'approve'
      ? { key: 'task.fieldError.required' }
      : undefined
  }
  switch (field.type) {
    case 'string':
    case 'text':
      return typeof value === 'string' && field.maxLength !== undefined && value.length > field.maxLength
        ? { key: 'task.fieldError.tooLong', values: { max: field.maxLength } }
        : undefined
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'task.fieldError.number' }
      if (field.type === 'integer' && !Number.isInteger(value)) return { key: 'task.fieldError.whole' }
      if (field.minimum !== undefined && value < field.minimum)
        return { key: 'task.fieldError.min', values: { min: field.minimum } }
      if (field.maximum !== undefined && value > field.maximum)
        return { key: 'task.fieldError.max', values: { max: field.maximum } }
      return undefined
    case 'enum':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? undefined
        : { key: 'task.fieldError.choose' }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value)
        ? undefined
        : { key: 'task.fieldError.date' }
    default:
      return undefined
  }
}
