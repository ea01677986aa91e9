import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { useBusy } from '../api/useBusy'
import { runStatusText } from '../designer/runStatus'
import { formatDateTime } from '../i18n'
import { downloadBlob } from '../shell/download'
import { Loading, ProblemMessage } from '../shell/Problem'
import { EraseDialog } from './EraseDialog'
import { CountList, IdentifiersText, type SubjectErasedJson, type SubjectFindJson } from './parts'
import {
  erasedCountKeys,
  exportFileName,
  heldCountKeys,
  holdsAnything,
  maxEmailLength,
  maxPhoneLength,
  type SubjectIdentifiers,
  subjectQuery,
  withScriptsOff,
} from './subjects'
import './subjects.css'

/** A search that was answered: what was asked and what was found. */
interface Found {
  query: SubjectIdentifiers
  found: SubjectFindJson
}

/**
 * Right of access (AVG art. 15) and right to erasure (art. 17) for the privacy officer and the
 * administrator: find what Warmflow holds about one person by e-mail address or phone number,
 * download it as JSON or open it as a printable page, and erase it ("Vergeet deze persoon").
 * What is typed stays in this page's memory: never in the address, never in storage.
 */
export function SubjectsPage() {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [phone, setPhone] = useState('')
  const [formProblem, setFormProblem] = useState<{ field: 'email' | 'phone' | 'both'; key: string }>()
  const search = useBusy()
  const [result, setResult] = useState<Found>()
  const [erased, setErased] = useState<SubjectErasedJson>()
  const [erasing, setErasing] = useState(false)
  const emailRef = useRef<HTMLInputElement>(null)
  const phoneRef = useRef<HTMLInputElement>(null)
  const resultHeading = useRef<HTMLHeadingElement>(null)
  const eraseButton = useRef<HTMLButtonElement>(null)
  const focusResult = useRef(false)

  useEffect(() => {
    if (result && focusResult.current) {
      focusResult.current = false
      resultHeading.current?.focus()
    }
  }, [result])

  const find = useCallback(
    (query: SubjectIdentifiers) =>
      search.run(async () => {
        const found = await api.post('/api/v1/subjects/find', { body: query })
        focusResult.current = true
        setResult({ query, found })
      }),
    [search.run],
  )

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = subjectQuery(email, phone)
    if (!checked.ok) {
      setFormProblem({ field: checked.field, key: checked.problem })
      ;(checked.field === 'phone' ? phoneRef : emailRef).current?.focus()
      return
    }
    setFormProblem(undefined)
    setResult(undefined)
    setErased(undefined)
    void find(checked.query)
  }

  function closeErase(done: SubjectErasedJson | undefined) {
    setErasing(false)
    if (done && result) {
      setErased(done)
      // Look again, so the page shows what is left (nothing, unless a run started meanwhile).
      void find(result.query)
    } else eraseButton.current?.focus()
  }

  const emailInvalid = formProblem && formProblem.field !== 'phone'
  const phoneInvalid = formProblem && formProblem.field !== 'email'
  return (
    <section className="page subjects-page" aria-labelledby="subjects-heading">
      <h1 id="subjects-heading">{t('subjects.heading')}</h1>
      <p className="subjects-intro">{t('subjects.intro')}</p>
      <form
        className="card subjects-search"
        onSubmit={submit}
        noValidate
        aria-labelledby="subjects-search-heading"
      >
        <h2 id="subjects-search-heading">{t('subjects.searchHeading')}</h2>
        <div className="subjects-fields">
          <div className="field">
            <label htmlFor="subjects-email">{t('subjects.email')}</label>
            <input
              id="subjects-email"
              ref={emailRef}
              type="email"
              inputMode="email"
              autoComplete="off"
              spellCheck={false}
              maxLength={maxEmailLength}
              value={email}
              aria-invalid={emailInvalid || undefined}
              aria-describedby={
                formProblem ? 'subjects-search-help subjects-search-problem' : 'subjects-search-help'
              }
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="subjects-phone">{t('subjects.phone')}</label>
            <input
              id="subjects-phone"
              ref={phoneRef}
              type="tel"
              autoComplete="off"
              maxLength={maxPhoneLength}
              value={phone}
              aria-invalid={phoneInvalid || undefined}
              aria-describedby={
                formProblem ? 'subjects-search-help subjects-search-problem' : 'subjects-search-help'
              }
              onChange={(event) => setPhone(event.target.value)}
            />
          </div>
        </div>
        <p id="subjects-search-help" className="field-help">
          {t('subjects.searchHelp')}
        </p>
        {formProblem && (
          <p id="subjects-search-problem" className="field-error" role="alert">
            {t(formProblem.key)}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={search.busy}>
            {t('subjects.search')}
          </button>
        </div>
      </form>
      {search.busy && <Loading label={t('subjects.searching')} />}
      {search.error !== undefined && (
        <ProblemMessage error={search.error} onRetry={result ? () => void find(result.query) : undefined} />
      )}
      {erased && <ErasedSummary erased={erased} />}
      {result && !search.busy && (
        <SubjectResult
          result={result}
          headingRef={resultHeading}
          eraseButtonRef={eraseButton}
          onErase={() => setErasing(true)}
        />
      )}
      {erasing && result && (
        <EraseDialog query={result.query} counts={result.found.counts} onClose={closeErase} />
      )}
    </section>
  )
}

function ErasedSummary({ erased }: { erased: SubjectErasedJson }) {
  const { t } = useTranslation()
  return (
    <section className="subjects-erased" aria-labelledby="subjects-erased-heading" role="status">
      <h2 id="subjects-erased-heading">{t('subjects.erase.doneHeading')}</h2>
      <p>{t('subjects.erase.doneText')}</p>
      <CountList counts={erased} keys={erasedCountKeys} prefix="erasedCount" />
    </section>
  )
}

function SubjectResult({
  result,
  headingRef,
  eraseButtonRef,
  onErase,
}: {
  result: Found
  headingRef: React.RefObject<HTMLHeadingElement | null>
  eraseButtonRef: React.RefObject<HTMLButtonElement | null>
  onErase(): void
}) {
  const { t, i18n } = useTranslation()
  const { query, found } = result
  const anything = holdsAnything(found)
  return (
    <section className="subjects-result" aria-labelledby="subjects-result-heading">
      <h2 id="subjects-result-heading" ref={headingRef} tabIndex={-1}>
        {t('subjects.resultHeading')}
      </h2>
      <p className="muted">
        <IdentifiersText query={query} />
      </p>
      {!anything ? (
        <p className="subjects-nothing">{t('subjects.nothing')}</p>
      ) : (
        <>
          <CountList counts={found.counts} keys={heldCountKeys} prefix="count" />
          {found.runs.length > 0 && (
            <table className="flow-table subjects-runs">
              <caption>{t('subjects.runsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('subjects.runFlow')}</th>
                  <th scope="col">{t('subjects.runTeam')}</th>
                  <th scope="col">{t('subjects.runDate')}</th>
                  <th scope="col">{t('subjects.runStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {found.runs.map((run) => (
                  <tr key={run.id}>
                    <th scope="row">{run.flowName}</th>
                    <td>{run.teamName}</td>
                    <td>{formatDateTime(run.createdAt, i18n.language)}</td>
                    <td>
                      <span className={`badge run-badge-${run.status}`}>{runStatusText(run, t)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(found.truncated || found.runs.length < found.counts.runs) && (
            <p className="field-help">
              {t('subjects.moreRuns', { shown: found.runs.length, count: found.counts.runs })}
            </p>
          )}
        </>
      )}
      <ExportButtons query={query} />
      {anything && (
        <div className="subjects-danger">
          <h3>{t('subjects.erase.heading')}</h3>
          <p>{t('subjects.erase.intro')}</p>
          <button type="button" className="danger" ref={eraseButtonRef} onClick={onErase}>
            {t('subjects.erase.open')}
          </button>
        </div>
      )}
    </section>
  )
}

/** The access export (AVG art. 15): downloaded as JSON, or opened as a printable page. */
function ExportButtons({ query }: { query: SubjectIdentifiers }) {
  const { t } = useTranslation()
  const download = useBusy()
  const [blocked, setBlocked] = useState<string>()

  // A page the browser would not open stays linkable until the next search or leaving the page.
  useEffect(() => {
    return () => {
      if (blocked) URL.revokeObjectURL(blocked)
    }
  }, [blocked])

  const exportAs = (format: 'json' | 'html') =>
    download.run(async () => {
      setBlocked(undefined)
      const answer: unknown = await api.post('/api/v1/subjects/export', { body: { ...query, format } })
      if (format === 'json') {
        const text = typeof answer === 'string' ? answer : JSON.stringify(answer, null, 2)
        downloadBlob(new Blob([text], { type: 'application/json' }), exportFileName('json'))
        return
      }
      if (typeof answer !== 'string') throw new TypeError('the HTML export is not text')
      const url = URL.createObjectURL(new Blob([withScriptsOff(answer)], { type: 'text/html;charset=utf-8' }))
      const opened = window.open(url, '_blank')
      if (opened) setTimeout(() => URL.revokeObjectURL(url), 60_000)
      else setBlocked(url)
    })

  return (
    <div className="subjects-exports">
      <h3>{t('subjects.export.heading')}</h3>
      <p>{t('subjects.export.intro')}</p>
      <div className="button-row">
        <button type="button" disabled={download.busy} onClick={() => void exportAs('json')}>
          {t('subjects.export.json')}
        </button>
        <button type="button" disabled={download.busy} onClick={() => void exportAs('html')}>
          {t('subjects.export.html')}
        </button>
      </div>
      {download.busy && <Loading label={t('subjects.export.busy')} />}
      {download.error !== undefined && <ProblemMessage error={download.error} />}
      {blocked && (
        <p role="status">
          {t('subjects.export.blocked')}{' '}
          <a href={blocked} target="_blank" rel="noreferrer">
            {t('subjects.export.openLink')}
          </a>
        </p>
      )}
    </div>
  )
}
