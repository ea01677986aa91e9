import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem, api, asProblem } from '../api/client'
import type { ApiAnswer, CredentialJson } from '../api/types'
import { pick } from '../i18n'
import { CheckboxField } from '../shell/CheckboxField'
import { ProblemMessage } from '../shell/Problem'
import {
  type CredentialFieldJson,
  type CredentialFormValues,
  type CredentialTypeJson,
  emptyForm,
  fieldProblems,
  nameProblem,
} from './credentialForm'

type TestResult = ApiAnswer<'/api/v1/credentials/test', 'post'>

/** The words of a connection test, announced to screen readers. */
export function TestOutcome({ result }: { result: TestResult }) {
  const { t, i18n } = useTranslation()
  return (
    <p role="status" className={result.ok ? 'success' : 'field-error'}>
      {result.ok ? t('credentialsPage.testOk') : t('credentialsPage.testFailed')}{' '}
      {pick(result.message, i18n.language)}
    </p>
  )
}

function FieldInput({
  field,
  id,
  value,
  problem,
  onChange,
}: {
  field: CredentialFieldJson
  id: string
  value: string | boolean
  problem: string | undefined
  onChange(value: string | boolean): void
}) {
  const { t, i18n } = useTranslation()
  const helpId = field.help ? `${id}-help` : undefined
  const problemId = problem ? `${id}-problem` : undefined
  const describedBy = [helpId, problemId].filter(Boolean).join(' ') || undefined
  const label = pick(field.label, i18n.language)
  if (field.kind === 'boolean') {
    return (
      <CheckboxField
        id={id}
        label={label}
        checked={value === true}
        describedBy={describedBy}
        onChange={onChange}
      >
        {field.help && (
          <p className="field-help" id={helpId}>
            {pick(field.help, i18n.language)}
          </p>
        )}
      </CheckboxField>
    )
  }
  const common = {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': problem ? true : undefined,
    'aria-required': field.required || undefined,
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {!field.required && <span className="required"> {t('credentialsPage.optional')}</span>}
      </label>
      {field.kind === 'choice' ? (
        <select {...common} value={String(value)} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('credentialsPage.choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {pick(option.label, i18n.language)}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={field.kind === 'secret' ? 'password' : field.kind === 'url' ? 'url' : 'text'}
          inputMode={field.kind === 'number' ? 'numeric' : undefined}
          autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
          spellCheck={false}
          value={String(value)}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {field.help && (
        <p className="field-help" id={helpId}>
          {pick(field.help, i18n.language)}
        </p>
      )}
      {problem && (
        <p className="field-error" id={problemId}>
          {problem}
        </p>
      )}
    </div>
  )
}

/**
 * The form for one credential: new (type, name, description and the type's fields) or a
 * rotation of a stored one (only the fields, all empty). "Test connection" tries what is typed
 * before it is saved. Secret values are sent once and never shown again.
 */
export function CredentialForm({
  types,
  teamId,
  rotate,
  onSaved,
  onCancel,
}: {
  types: readonly CredentialTypeJson[]
  teamId: string | undefined
  /** The stored credential to give new values, with its type. */
  rotate?: { credential: CredentialJson; type: CredentialTypeJson | undefined }
  onSaved(credential: CredentialJson, rotated: boolean): void
  onCancel(): void
}) {
  const { t, i18n } = useTranslation()
  const baseId = useId()
  const [slot, setSlot] = useState(rotate?.type?.slot ?? types[0]?.slot ?? '')
  const type = rotate ? rotate.type : types.find((candidate) => candidate.slot === slot)
  const generic = type === undefined
  const fields: CredentialFieldJson[] = type?.fields ?? [
    { name: 'value', label: { nl: 'Geheime waarde', en: 'Secret value' }, kind: 'secret', required: true },
  ]
  const [name, setName] = useState(rotate?.credential.name ?? slot)
  const [description, setDescription] = useState(rotate?.credential.description ?? '')
  const [values, setValues] = useState<CredentialFormValues>(() => emptyForm({ fields }))
  const [problems, setProblems] = useState<Map<string, { nl: string; en: string }>>(new Map())
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState<'save' | 'test' | undefined>()
  const [tested, setTested] = useState<TestResult | undefined>()
  const [triedName, setTriedName] = useState(false)

  const nameIssue = rotate ? undefined : nameProblem(name, slot)
  const body = () => (generic ? { value: String(values.value ?? '') } : { fields: values })

  function failed(failure: unknown) {
    const problem = asProblem(failure)
    if (failure instanceof ApiProblem && problem.status === 422 && problem.errors.length > 0) {
      setProblems(fieldProblems(problem.errors))
      setError(undefined)
    } else setError(failure)
  }

  async function save() {
    setTriedName(true)
    if (nameIssue) return
    setBusy('save')
    setError(undefined)
    setProblems(new Map())
    try {
      const saved = rotate
        ? await api.put('/api/v1/credentials/{id}', {
            path: { id: rotate.credential.id },
            body: { description, ...body() },
          })
        : await api.post('/api/v1/credentials', {
            query: teamId ? { teamId } : {},
            body: { name, description, ...body() },
          })
      setValues(emptyForm({ fields }))
      onSaved(saved, rotate !== undefined)
    } catch (failure) {
      failed(failure)
    } finally {
      setBusy(undefined)
    }
  }

  async function test() {
    if (!type) return
    setBusy('test')
    setError(undefined)
    setProblems(new Map())
    setTested(undefined)
    try {
      setTested(await api.post('/api/v1/credentials/test', { body: { type: type.slot, fields: values } }))
    } catch (failure) {
      failed(failure)
    } finally {
      setBusy(undefined)
    }
  }

  const heading = rotate
    ? t('credentialsPage.rotateHeading', { name: rotate.credential.name })
    : t('credentialsPage.newHeading')
  return (
    <form
      className="card credential-form"
      aria-labelledby={`${baseId}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <h2 id={`${baseId}-heading`}>{heading}</h2>
      {rotate && <p className="field-help">{t('credentialsPage.rotateHelp')}</p>}
      {!rotate && (
        <>
          <div className="field">
            <label htmlFor={`${baseId}-type`}>{t('credentialsPage.type')}</label>
            <select
              id={`${baseId}-type`}
              value={slot}
              onChange={(event) => {
                const next = types.find((candidate) => candidate.slot === event.target.value)
                setSlot(event.target.value)
                if (!name || nameProblem(name, slot) === undefined) setName(event.target.value)
                setValues(emptyForm({ fields: next?.fields ?? fields }))
                setProblems(new Map())
                setTested(undefined)
              }}
            >
              {types.map((option) => (
                <option key={option.slot} value={option.slot}>
                  {pick(option.title, i18n.language)}
                </option>
              ))}
            </select>
            {type && <p className="field-help">{pick(type.description, i18n.language)}</p>}
          </div>
          <div className="field">
            <label htmlFor={`${baseId}-name`}>{t('credentialsPage.name')}</label>
            <input
              id={`${baseId}-name`}
              value={name}
              spellCheck={false}
              autoComplete="off"
              aria-describedby={`${baseId}-name-help${triedName && nameIssue ? ` ${baseId}-name-problem` : ''}`}
              aria-invalid={triedName && nameIssue ? true : undefined}
              onChange={(event) => setName(event.target.value)}
            />
            <p className="field-help" id={`${baseId}-name-help`}>
              {t('credentialsPage.nameHelp', { slot })}
            </p>
            {triedName && nameIssue && (
              <p className="field-error" id={`${baseId}-name-problem`}>
                {t(nameIssue, { slot })}
              </p>
            )}
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={`${baseId}-description`}>
          {t('credentialsPage.description')} <span className="required">{t('credentialsPage.optional')}</span>
        </label>
        <input
          id={`${baseId}-description`}
          value={description}
          maxLength={500}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <fieldset className="field-group">
        <legend>{t('credentialsPage.values')}</legend>
        <p className="field-help">{t('credentialsPage.valuesHelp')}</p>
        {fields.map((field) => {
          const problem = problems.get(field.name)
          return (
            <FieldInput
              key={`${slot}-${field.name}`}
              field={field}
              id={`${baseId}-field-${field.name}`}
              value={values[field.name] ?? ''}
              problem={problem ? pick(problem, i18n.language) : undefined}
              onChange={(value) => {
                setValues((current) => ({ ...current, [field.name]: value }))
                setTested(undefined)
              }}
            />
          )
        })}
      </fieldset>
      {problems.size > 0 && (
        <p className="field-error" role="alert">
          {t('credentialsPage.fixFields')}
        </p>
      )}
      {error !== undefined && <ProblemMessage error={error} />}
      {tested && <TestOutcome result={tested} />}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy !== undefined}>
          {busy === 'save' ? t('credentialsPage.saving') : t('credentialsPage.save')}
        </button>
        {type?.testable && (
          <button type="button" disabled={busy !== undefined} onClick={() => void test()}>
            {busy === 'test' ? t('credentialsPage.testing') : t('credentialsPage.test')}
          </button>
        )}
        <button type="button" className="link-button" onClick={onCancel}>
          {t('credentialsPage.cancel')}
        </button>
      </div>
    </form>
  )
}
