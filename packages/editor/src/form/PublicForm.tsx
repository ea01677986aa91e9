import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem, api, type LocalizedText } from '../api/client'
import { useApi } from '../api/useApi'
import { pick } from '../i18n'
import { CheckboxField } from '../shell/CheckboxField'
import { LanguageSwitch } from '../shell/LanguageSwitch'
import { Loading, ProblemMessage } from '../shell/Problem'

/** One field of a public form, as `GET /api/v1/forms/{id}` describes it in its JSON Schema. */
interface FormFieldSchema {
  type?: string
  format?: string
  maxLength?: number
  enum?: string[]
  items?: { enum?: string[] }
  'x-label'?: LocalizedText
  'x-help'?: LocalizedText
  'x-type'?: string
  'x-options'?: { value: string; label: LocalizedText }[]
}

/** A flow's public intake form. */
interface PublicFormJson {
  flowId: string
  title: LocalizedText
  intro?: LocalizedText
  submitLabel: LocalizedText
  honeypotField: string
  schema: { properties?: Record<string, FormFieldSchema>; required?: string[] }
}

type Values = Record<string, string | string[] | boolean>

/** The kind of input a form field becomes. */
function kindOf(field: FormFieldSchema): string {
  const declared = field['x-type']
  if (declared) return declared
  if (field.type === 'array') return 'multiselect'
  if (field.enum) return 'select'
  if (field.type === 'boolean' || field.type === 'number') return field.type
  if (field.format === 'email' || field.format === 'date') return field.format
  return (field.maxLength ?? 0) > 500 ? 'textarea' : 'text'
}

function optionsOf(field: FormFieldSchema): { value: string; label: LocalizedText }[] {
  if (field['x-options']) return field['x-options']
  return (field.enum ?? field.items?.enum ?? []).map((value) => ({ value, label: { nl: value, en: value } }))
}

/** What is sent: empty optional fields are left out, numbers are numbers. */
function submission(schema: PublicFormJson['schema'], values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const value = values[name]
    if (value === undefined || value === '') continue
    body[name] = kindOf(field) === 'number' && typeof value === 'string' ? Number(value) : value
  }
  return body
}

/**
 * The public intake form of a published flow, for anyone without an account: the fields of the
 * flow's form trigger with labels and help in Dutch or English, a check of each field by the
 * server (problems shown beside the field), and the flow's thank-you text once it is sent.
 */
export function PublicForm({ flowId }: { flowId: string }) {
  const { t, i18n } = useTranslation()
  const form = useApi<PublicFormJson>(() => api.get('/api/v1/forms/{id}', { path: { id: flowId } }), [flowId])
  const [values, setValues] = useState<Values>({})
  const [honeypot, setHoneypot] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiProblem | undefined>()
  const [thanks, setThanks] = useState<LocalizedText | undefined>()
  const baseId = useId()
  const done = useRef<HTMLParagraphElement>(null)
  const problemBox = useRef<HTMLDivElement>(null)

  const title = form.state === 'ready' ? pick(form.data.title, i18n.language) : t('publicForm.heading')
  useEffect(() => {
    document.title = `${title} · Warmflow`
  }, [title])
  useEffect(() => {
    if (thanks) done.current?.focus()
  }, [thanks])
  useEffect(() => {
    if (error) problemBox.current?.focus()
  }, [error])

  let content: React.ReactNode
  if (form.state === 'loading') content = <Loading />
  else if (form.state === 'error') content = <ProblemMessage error={form.error} onRetry={form.reload} />
  else if (thanks) {
    content = (
      <p className="success" role="status" tabIndex={-1} ref={done}>
        {pick(thanks, i18n.language)}
      </p>
    )
  } else {
    const { schema, honeypotField } = form.data
    const required = new Set(schema.required ?? [])
    const fieldProblems = new Map<string, string>()
    for (const item of error?.errors ?? []) {
      const name = item.path?.[item.path.length - 1]
      if (typeof name === 'string') fieldProblems.set(name, pick(item.message, i18n.language))
    }
    const submit = async (event: FormEvent) => {
      event.preventDefault()
      setBusy(true)
      setError(undefined)
      try {
        const answer = await api.post('/api/v1/forms/{id}', {
          path: { id: flowId },
          body: { ...submission(schema, values), [honeypotField]: honeypot },
        })
        setThanks(answer.thanks)
      } catch (failure) {
        setError(
          failure instanceof ApiProblem
            ? failure
            : new ApiProblem(-1, 'client.unexpected', {
                nl: t('publicForm.failed'),
                en: t('publicForm.failed'),
              }),
        )
      } finally {
        setBusy(false)
      }
    }
    content = (
      <form onSubmit={submit} className="card" noValidate aria-labelledby={`${baseId}-heading`}>
        <p className="small-text muted">{t('publicForm.requiredHint')}</p>
        {Object.entries(schema.properties ?? {}).map(([name, field]) => (
          <PublicField
            key={name}
            id={`${baseId}-${name}`}
            field={field}
            required={required.has(name)}
            value={values[name]}
            problem={fieldProblems.get(name)}
            onChange={(value) => setValues((current) => ({ ...current, [name]: value }))}
          />
        ))}
        {/* People never see or fill this field; bots that fill every field do. */}
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor={`${baseId}-hp`}>{honeypotField}</label>
          <input
            id={`${baseId}-hp`}
            name={honeypotField}
            tabIndex={-1}
            autoComplete="off"
            value={honeypot}
            onChange={(event) => setHoneypot(event.target.value)}
          />
        </div>
        {error && fieldProblems.size > 0 && (
          <div className="problem" role="alert" tabIndex={-1} ref={problemBox}>
            <p>
              <strong>{t('publicForm.fix')}</strong>
            </p>
            <ul>
              {[...fieldProblems.values()].map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        )}
        {error && fieldProblems.size === 0 && (
          <div tabIndex={-1} ref={problemBox}>
            <ProblemMessage error={error} />
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('publicForm.busy') : pick(form.data.submitLabel, i18n.language)}
        </button>
      </form>
    )
  }

  return (
    <main id="main" className="login public-form">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <h1 id={`${baseId}-heading`}>{title}</h1>
      {form.state === 'ready' && form.data.intro && !thanks && (
        <p className="tagline">{pick(form.data.intro, i18n.language)}</p>
      )}
      {content}
    </main>
  )
}

function PublicField({
  id,
  field,
  required,
  value,
  problem,
  onChange,
}: {
  id: string
  field: FormFieldSchema
  required: boolean
  value: Values[string] | undefined
  problem: string | undefined
  onChange(value: Values[string]): void
}) {
  const { t, i18n } = useTranslation()
  const kind = kindOf(field)
  const label = (
    <>
      {pick(field['x-label'], i18n.language)}
      {required && <span className="required"> ({t('form.required')})</span>}
    </>
  )
  const help = field['x-help'] ? pick(field['x-help'], i18n.language) : ''
  const describedBy = [help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ')
  const helpText = help ? (
    <p id={`${id}-help`} className="field-help">
      {help}
    </p>
  ) : null
  const problemText = problem ? (
    <p id={`${id}-error`} className="field-error">
      {problem}
    </p>
  ) : null

  if (kind === 'multiselect') {
    const chosen = Array.isArray(value) ? value : []
    return (
      <fieldset className="field-group" aria-describedby={describedBy || undefined}>
        <legend>{label}</legend>
        {helpText}
        {optionsOf(field).map((option) => (
          <label key={option.value} className="check">
            <input
              type="checkbox"
              value={option.value}
              checked={chosen.includes(option.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...chosen, option.value]
                    : chosen.filter((item) => item !== option.value),
                )
              }
            />
            {pick(option.label, i18n.language)}
          </label>
        ))}
        {problemText}
      </fieldset>
    )
  }
  if (kind === 'boolean') {
    return (
      <CheckboxField
        id={id}
        label={label}
        checked={value === true}
        describedBy={describedBy || undefined}
        onChange={onChange}
      >
        {helpText}
        {problemText}
      </CheckboxField>
    )
  }
  const common = {
    id,
    required,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': problem ? true : undefined,
  } as const
  const text = typeof value === 'string' ? value : ''
  let input: React.ReactNode
  if (kind === 'select') {
    input = (
      <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('form.choose')}</option>
        {optionsOf(field).map((option) => (
          <option key={option.value} value={option.value}>
            {pick(option.label, i18n.language)}
          </option>
        ))}
      </select>
    )
  } else if (kind === 'textarea') {
    input = (
      <textarea
        {...common}
        rows={5}
        maxLength={field.maxLength}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
    )
  } else {
    const type =
      kind === 'email'
        ? 'email'
        : kind === 'phone'
          ? 'tel'
          : kind === 'date'
            ? 'date'
            : kind === 'number'
              ? 'number'
              : 'text'
    const autoComplete =
      kind === 'email' ? 'email' : kind === 'phone' ? 'tel' : kind === 'postcode' ? 'postal-code' : undefined
    input = (
      <input
        {...common}
        type={type}
        autoComplete={autoComplete}
        maxLength={field.maxLength}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
    )
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {helpText}
      {input}
      {problemText}
    </div>
  )
}
