import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem, api, asProblem } from '../api/client'
import type { ApiAnswer, TaskFieldJson, TaskJson } from '../api/types'
import { useApi } from '../api/useApi'
import { formatDateTime, formatDecimal, pick } from '../i18n'
import { useActivityBeat } from '../impact/useActivityBeat'
import { permissions, useAuth } from '../shell/auth'
import { CheckboxField } from '../shell/CheckboxField'
import { Loading, ProblemMessage } from '../shell/Problem'
import { Link } from '../shell/router'
import {
  draftMadeBy,
  excludedCount,
  excludedKeys,
  type FieldProblem,
  fieldProblem,
  findAiDraft,
  findSuggestions,
  historyLine,
  sourceKeys,
} from './taskData'

type Data = Record<string, unknown>

const pickable = /volunteer|match|choice|keuze|vrijwilliger/i

/**
 * The form's starting values: the task's own data, else the AI draft meant for that field. A
 * decided task shows what was decided (e.g. the chosen volunteer).
 */
function initialValues(task: TaskJson): Data {
  const decided = task.outcome?.fields
  if (task.status !== 'open' && typeof decided === 'object' && decided !== null) return { ...decided }
  const initial: Data = {}
  for (const name of Object.keys(task.form?.fields ?? {})) {
    const value = task.data[name]
    if (value !== undefined && (typeof value !== 'object' || value === null)) initial[name] = value
    else {
      const draft = findAiDraft(task)
      if (draft && draft.field === name) initial[name] = draft.text
    }
  }
  return initial
}

/**
 * One task: what the flow asks, the AI draft beside its source (labelled as AI-made and whether
 * the offline method made it), the suggestions with reasons, editable fields, claim, hand-over
 * to a colleague, and approve/reject with a reason.
 */
export function TaskDetail({ taskId, onChanged }: { taskId: string; onChanged(): void }) {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const task = useApi(() => api.get('/api/v1/tasks/{id}', { path: { id: taskId } }), [taskId])
  const [values, setValues] = useState<Data>({})
  // Each loaded task (also after an action) starts the form again from the task's own values.
  const [valuesOf, setValuesOf] = useState<TaskJson>()
  if (task.state === 'ready' && task.data !== valuesOf) {
    setValuesOf(task.data)
    setValues(initialValues(task.data))
  }
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ problem: unknown; at: 'actions' | 'form'; reloaded: boolean }>()
  // What the last action did, as a text key: it follows a change of language.
  const [done, setDone] = useState<{ key: string; values?: Record<string, string> }>()
  const result = done ? t(done.key, done.values) : undefined
  const [reasonMissing, setReasonMissing] = useState(false)
  const [pickMissing, setPickMissing] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, FieldProblem>>({})
  const heading = useRef<HTMLHeadingElement>(null)
  const formId = useId()

  useEffect(() => {
    if (task.state === 'ready') heading.current?.focus()
  }, [task.state])

  const current = task.state === 'ready' ? task.data : undefined
  useActivityBeat(taskId, current?.status === 'open')
  const draft = useMemo(() => (current ? findAiDraft(current) : undefined), [current])
  const suggestions = useMemo(() => (current ? findSuggestions(current) : []), [current])
  const fields = Object.entries(current?.form?.fields ?? {})
  const pickField = fields.find(
    ([name, field]) => pickable.test(name) && (field.type === 'enum' || field.type === 'string'),
  )
  // With proposals to choose from, the radio buttons are the field: no box to type an id in.
  const pickByRadio = pickField !== undefined && suggestions.length > 0
  const formFields = fields.filter(([name]) => !(pickByRadio && name === pickField[0]))
  /** A field's problem in words, with its numbers in the reader's language. */
  const problemText = (problem: FieldProblem | undefined) =>
    problem &&
    t(
      problem.key,
      Object.fromEntries(
        Object.entries(problem.values ?? {}).map(([key, value]) => [
          key,
          formatDecimal(value, i18n.language, 2),
        ]),
      ),
    )

  if (task.state === 'loading') return <Loading />
  if (task.state === 'error')
    return (
      <section className="task-detail">
        {/* Retrying helps when the connection or the server failed, not when the task is not there. */}
        <ProblemMessage
          error={task.error}
          onRetry={asProblem(task.error).retryable ? task.reload : undefined}
        />
        <p>
          <Link href="/inbox" className="button primary">
            {t('task.backToTasks')}
          </Link>
        </p>
      </section>
    )
  const item = task.data
  const open = item.status === 'open'
  const mine = item.assignee !== null && item.assignee === user?.id
  const admin = (user?.roles ?? []).includes('admin')
  // A colleague has it: only they may decide; claiming it would be refused.
  const taken = open && item.assignee !== null && !mine
  const holder = item.assigneeName ?? t('task.aColleague')
  // The API lets you hand over a task that is yours or nobody's; an admin any open task. An
  // admin may also give a colleague's task back to the team.
  const mayHandOver = open && (item.assignee === null || mine || admin)
  const mayDecide = open && !taken
  // The flow and its run open in the designer, for those who may use it.
  const canOpenFlow = permissions(user?.roles ?? []).design
  const excluded = excludedCount(item)
  const pickName = pickField?.[0]
  const choose = (suggestion: (typeof suggestions)[number]) => {
    if (!pickField) return
    const [name, field] = pickField
    const value = field.options && !field.options.includes(suggestion.id) ? suggestion.name : suggestion.id
    setValues({ ...values, [name]: value })
    setPickMissing(false)
  }
  const suggestionList = (inForm: boolean) => (
    <fieldset
      className="suggestions"
      aria-describedby={pickMissing && inForm ? `${formId}-pick-error` : undefined}
    >
      <legend>
        {t('task.suggestions')}
        {inForm && pickField?.[1].required && <span className="required"> ({t('form.required')})</span>}
      </legend>
      <p className="field-help">{t('task.scoreHelp')}</p>
      {suggestions.map((suggestion) => (
        <label key={suggestion.id} className="suggestion">
          <input
            type="radio"
            name={`${formId}-suggestion`}
            value={suggestion.id}
            disabled={!inForm || busy}
            checked={
              pickName ? values[pickName] === suggestion.id || values[pickName] === suggestion.name : false
            }
            onChange={() => choose(suggestion)}
          />
          <span>
            <strong>{suggestion.name}</strong>
            {suggestion.score !== undefined &&
              ` · ${t('task.score', { score: formatDecimal(suggestion.score, i18n.language) })}`}
            {suggestion.reasons && suggestion.reasons.length > 0 && (
              <span className="reasons">
                {suggestion.reasons.map((reason) => pick(reason, i18n.language)).join(' · ')}
              </span>
            )}
          </span>
        </label>
      ))}
      {excluded !== undefined && excluded > 0 && (
        <p className="small-text muted">{t('task.excluded', { count: excluded })}</p>
      )}
      {pickMissing && inForm && (
        <p className="field-error" id={`${formId}-pick-error`}>
          {t('task.pickRequired')}
        </p>
      )}
    </fieldset>
  )

  /** Sends one task action (`send` makes the call) and shows its outcome. */
  async function act(action: 'claim' | 'unclaim' | 'assign' | 'complete', send: () => Promise<unknown>) {
    setBusy(true)
    setError(undefined)
    try {
      await send()
      onChanged()
      task.refresh()
      return true
    } catch (failure) {
      // 409: someone else was just quicker (claimed, handed over or decided it): show how it is now.
      const stale = failure instanceof ApiProblem && failure.status === 409
      setError({ problem: failure, at: action === 'complete' ? 'form' : 'actions', reloaded: stale })
      if (stale) {
        onChanged()
        task.refresh()
      }
      return false
    } finally {
      setBusy(false)
    }
  }

  async function decide(decision: 'approve' | 'reject', event?: FormEvent) {
    event?.preventDefault()
    if (decision === 'reject' && !reason.trim()) {
      setReasonMissing(true)
      document.getElementById(`${formId}-reason`)?.focus()
      return
    }
    setReasonMissing(false)
    if (decision === 'approve' && pickByRadio && pickField[1].required && !values[pickField[0]]) {
      setPickMissing(true)
      document.querySelector<HTMLInputElement>(`input[name="${formId}-suggestion"]`)?.focus()
      return
    }
    setPickMissing(false)
    // Checked here first, so what is wrong is said beside the field in the reader's language.
    const problems: Record<string, FieldProblem> = {}
    for (const [name, field] of formFields) {
      const problem = fieldProblem(field, values[name], decision)
      if (problem) problems[name] = problem
    }
    setFieldErrors(problems)
    const firstWrong = formFields.find(([name]) => problems[name])
    if (firstWrong) {
      document.getElementById(`${formId}-${firstWrong[0]}`)?.focus()
      return
    }
    const ok = await act('complete', () =>
      api.post('/api/v1/tasks/{id}/complete', {
        path: { id: taskId },
        body: { decision, fields: values, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      }),
    )
    if (ok) setDone({ key: decision === 'approve' ? 'task.approved' : 'task.rejected' })
  }

  // Shown elsewhere: the draft and its source side by side, and the suggestions.
  const shown = new Set<string>(['suggestions', 'matches', 'candidates', 'volunteers', ...excludedKeys])
  if (draft?.field) {
    shown.add(draft.field)
    shown.add(`${draft.field}Meta`)
    for (const key of sourceKeys) if (item.data?.[key] === draft.source) shown.add(key)
  }
  const errorInForm = error?.at === 'form' && mayDecide
  const otherData = Object.entries(item.data ?? {}).filter(
    ([name, value]) => !shown.has(name) && (typeof value !== 'object' || value === null),
  )

  return (
    <section className="task-detail" aria-labelledby="task-heading">
      <Link href="/inbox" className="back-link">
        {t('task.back')}
      </Link>
      <h2 id="task-heading" ref={heading} tabIndex={-1}>
        {pick(item.title, i18n.language)}
      </h2>
      <dl className="task-facts">
        <dt>{t('task.status')}</dt>
        <dd>{t(`task.statusValue.${item.status}`, { defaultValue: item.status })}</dd>
        <dt>{t('task.assignee')}</dt>
        <dd>{item.assignee === null ? t('inbox.unassigned') : mine ? t('inbox.assignedToMe') : holder}</dd>
        {item.deadline && (
          <>
            <dt>{t('task.deadline')}</dt>
            <dd>{formatDateTime(item.deadline, i18n.language)}</dd>
          </>
        )}
        <dt>{t('task.flow')}</dt>
        <dd>
          {item.flowName ?? t('task.flow')}
          {canOpenFlow && (
            <>
              {' · '}
              <Link href={`/flows/${encodeURIComponent(item.flowId)}`}>{t('task.openFlow')}</Link>
              {' · '}
              <Link href={`/flows/${encodeURIComponent(item.flowId)}?run=${encodeURIComponent(item.runId)}`}>
                {t('task.openRun')}
              </Link>
            </>
          )}
        </dd>
      </dl>
      {taken && (
        <div className="taken-note">
          <p>
            <strong>{t('task.takenBy', { name: holder })}</strong>
          </p>
          <p className="small-text">{t(admin ? 'task.takenAdmin' : 'task.takenHelp')}</p>
        </div>
      )}
      {mayHandOver && (
        <div className="button-row">
          {item.assignee === null ? (
            <button
              type="button"
              onClick={() =>
                void act('claim', () => api.post('/api/v1/tasks/{id}/claim', { path: { id: taskId } }))
              }
              disabled={busy}
            >
              {t('task.claim')}
            </button>
          ) : (
            <button
              type="button"
              onClick={() =>
                void act('unclaim', () => api.post('/api/v1/tasks/{id}/unclaim', { path: { id: taskId } }))
              }
              disabled={busy}
            >
              {t('task.unclaim')}
            </button>
          )}
        </div>
      )}
      {error !== undefined && !errorInForm && <ActionProblem {...error} />}
      {mayHandOver && (
        <HandOver
          taskId={item.id}
          assignee={item.assignee}
          busy={busy}
          onHandOver={async (colleague) => {
            if (
              await act('assign', () =>
                api.post('/api/v1/tasks/{id}/assign', {
                  path: { id: taskId },
                  body: { userId: colleague.id },
                }),
              )
            )
              setDone({ key: 'task.handedOver', values: { name: colleague.name } })
          }}
        />
      )}
      {draft && (
        <div className="draft-pair">
          <section className="ai-draft" aria-labelledby="ai-draft-heading">
            <h3 id="ai-draft-heading">
              {t('task.aiDraft')}{' '}
              <span className="badge badge-ai">{t(draft.offline ? 'task.offlineMade' : 'task.aiMade')}</span>
            </h3>
            <p className="small-text">{draftMadeBy(draft, i18n.language, t)}</p>
            <p className="draft-text">{draft.text}</p>
          </section>
          {draft.source && (
            <section className="ai-source" aria-labelledby="ai-source-heading">
              <h3 id="ai-source-heading">{t('task.source')}</h3>
              <p className="draft-text">{draft.source}</p>
            </section>
          )}
        </div>
      )}
      {otherData.length > 0 && (
        <dl className="task-data">
          {otherData.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{typeof value === 'number' ? formatDecimal(value, i18n.language, 2) : String(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {suggestions.length > 0 && !(pickByRadio && mayDecide) && suggestionList(false)}
      {taken ? null : open ? (
        <form
          noValidate
          onSubmit={(event) => void decide('approve', event)}
          aria-labelledby="decide-heading"
          className="decide"
        >
          <h3 id="decide-heading">{t('task.decide')}</h3>
          {pickByRadio && mayDecide && suggestionList(true)}
          {formFields.map(([name, field]) => (
            <TaskField
              key={name}
              id={`${formId}-${name}`}
              field={field}
              value={values[name]}
              error={problemText(fieldErrors[name])}
              onChange={(value) => {
                setValues({ ...values, [name]: value })
                if (fieldErrors[name])
                  setFieldErrors(
                    Object.fromEntries(Object.entries(fieldErrors).filter(([key]) => key !== name)),
                  )
              }}
            />
          ))}
          <div className="field">
            <label htmlFor={`${formId}-reason`}>{t('task.reason')}</label>
            <p className="field-help" id={`${formId}-reason-help`}>
              {t('task.reasonHelp')}
            </p>
            <textarea
              id={`${formId}-reason`}
              rows={2}
              value={reason}
              aria-describedby={`${formId}-reason-help${reasonMissing ? ` ${formId}-reason-error` : ''}`}
              aria-invalid={reasonMissing || undefined}
              onChange={(event) => setReason(event.target.value)}
            />
            {reasonMissing && (
              <p className="field-error" id={`${formId}-reason-error`}>
                {t('task.reasonRequired')}
              </p>
            )}
          </div>
          {Object.keys(fieldErrors).length > 0 && (
            <p className="field-error" role="alert">
              {t('task.fixFields')}
            </p>
          )}
          {error !== undefined && errorInForm && <ActionProblem {...error} />}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy}>
              {t('task.approve')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void decide('reject')}>
              {t('task.reject')}
            </button>
          </div>
        </form>
      ) : (
        <p role="status" className="success">
          {result ??
            t('task.closed', { status: t(`task.statusValue.${item.status}`, { defaultValue: item.status }) })}
        </p>
      )}
      {result && open && (
        <p role="status" className="success">
          {result}
        </p>
      )}
      {item.history && item.history.length > 0 && (
        <section aria-labelledby="history-heading">
          <h3 id="history-heading">{t('task.history')}</h3>
          <ol className="history">
            {item.history.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: history entries are ordered
              <li key={index}>
                {formatDateTime(entry.at, i18n.language)} · {historyLine(entry, suggestions, t)}
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  )
}

/**
 * What went wrong with claiming, handing over or deciding. After a 409 the task was read again:
 * that is said instead of the general advice to load the newest version.
 */
function ActionProblem({ problem, reloaded }: { problem: unknown; reloaded: boolean }) {
  const { t } = useTranslation()
  return <ProblemMessage error={problem} advice={reloaded ? t('task.reloaded') : undefined} />
}

type Candidate = ApiAnswer<'/api/v1/tasks/{id}/candidates', 'get'>['items'][number]

/** Hands the task over to a colleague of its team who may do it (a labelled select and a button). */
function HandOver({
  taskId,
  assignee,
  busy,
  onHandOver,
}: {
  taskId: string
  assignee: string | null
  busy: boolean
  onHandOver(colleague: Candidate): Promise<void>
}) {
  const { t } = useTranslation()
  const id = useId()
  const [chosen, setChosen] = useState('')
  // Who can take the task over changes with who has it now.
  const candidates = useApi(
    async () => (await api.get('/api/v1/tasks/{id}/candidates', { path: { id: taskId } })).items,
    [taskId, assignee],
  )
  const colleague =
    candidates.state === 'ready' ? candidates.data.find((item) => item.id === chosen) : undefined
  return (
    <section className="hand-over" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('task.handOverHeading')}</h3>
      {candidates.state === 'loading' && <Loading />}
      {candidates.state === 'error' && (
        <ProblemMessage error={candidates.error} onRetry={candidates.reload} />
      )}
      {candidates.state === 'ready' && candidates.data.length === 0 && <p>{t('task.handOverNone')}</p>}
      {candidates.state === 'ready' && candidates.data.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (!colleague) return
            void onHandOver(colleague).then(() => setChosen(''))
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-colleague`}>{t('task.handOverTo')}</label>
            <p className="field-help" id={`${id}-help`}>
              {t('task.handOverHelp')}
            </p>
            <select
              id={`${id}-colleague`}
              aria-describedby={`${id}-help`}
              value={chosen}
              onChange={(event) => setChosen(event.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {candidates.data.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.email ? `${item.name} (${item.email})` : item.name}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="submit" disabled={busy || !colleague}>
              {t('task.handOver')}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

/** One editable field of a task's form, with what is wrong with it (if anything) below it. */
function TaskField({
  id,
  field,
  value,
  error,
  onChange,
}: {
  id: string
  field: TaskFieldJson
  value: unknown
  error?: string | undefined
  onChange(value: unknown): void
}) {
  const { t, i18n } = useTranslation()
  const label = (
    <>
      {pick(field.title, i18n.language)}
      {field.required && <span className="required"> ({t('form.required')})</span>}
    </>
  )
  const help = field.description ? (
    <p className="field-help" id={`${id}-help`}>
      {pick(field.description, i18n.language)}
    </p>
  ) : null
  const errorText = error ? (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null
  const describedBy =
    [field.description ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  const invalid = error ? true : undefined
  if (field.type === 'boolean') {
    return (
      <CheckboxField id={id} label={label} checked={value === true} onChange={onChange}>
        {help}
        {errorText}
      </CheckboxField>
    )
  }
  let input: React.ReactNode
  if (field.type === 'enum') {
    input = (
      <select
        id={id}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        value={String(value ?? '')}
        onChange={(event) => onChange(event.target.value || undefined)}
        required={field.required}
      >
        <option value="">{t('form.choose')}</option>
        {(field.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    )
  } else if (field.type === 'text') {
    input = (
      <textarea
        id={id}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        rows={6}
        maxLength={field.maxLength}
        required={field.required}
        value={String(value ?? '')}
        onChange={(event) => onChange(event.target.value)}
      />
    )
  } else if (field.type === 'number' || field.type === 'integer') {
    input = (
      <input
        id={id}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        type="number"
        inputMode="decimal"
        step={field.type === 'integer' ? 1 : 'any'}
        min={field.minimum}
        max={field.maximum}
        required={field.required}
        value={typeof value === 'number' ? value : ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      />
    )
  } else {
    input = (
      <input
        id={id}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        type={field.type === 'date' ? 'date' : 'text'}
        maxLength={field.maxLength}
        required={field.required}
        value={String(value ?? '')}
        onChange={(event) => onChange(event.target.value)}
      />
    )
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help}
      {input}
      {errorText}
    </div>
  )
}
