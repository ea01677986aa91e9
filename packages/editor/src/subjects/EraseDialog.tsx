import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { useBusy } from '../api/useBusy'
import { ProblemMessage } from '../shell/Problem'
import { CountList, IdentifiersText, type SubjectErasedJson, type SubjectFindJson } from './parts'
import {
  confirmWord,
  type ErasureReason,
  erasedCountKeys,
  erasureReasons,
  heldCountKeys,
  isConfirmed,
  maxReferenceLength,
  referenceProblem,
  type SubjectIdentifiers,
} from './subjects'

type Field = 'reason' | 'reference' | 'confirm'

/**
 * "Vergeet deze persoon" (AVG art. 17) as a modal dialog: what will be erased and that running
 * flows are stopped first, the ground for erasure, an optional case number, and the word
 * `VERGETEN` (en: `ERASE`) typed to confirm; then what was erased. Escape or "Annuleren" closes it
 * without erasing; `onClose` gets the erased counts when it did erase.
 */
export function EraseDialog({
  query,
  counts,
  onClose,
}: {
  query: SubjectIdentifiers
  counts: SubjectFindJson['counts']
  onClose(erased: SubjectErasedJson | undefined): void
}) {
  const { t, i18n } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const doneHeading = useRef<HTMLHeadingElement>(null)
  const reasonRef = useRef<HTMLSelectElement>(null)
  const referenceRef = useRef<HTMLInputElement>(null)
  const confirmRef = useRef<HTMLInputElement>(null)
  const [reason, setReason] = useState<ErasureReason | ''>('')
  const [reference, setReference] = useState('')
  const [typed, setTyped] = useState('')
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({})
  const erase = useBusy()
  const [erased, setErased] = useState<SubjectErasedJson>()
  const word = confirmWord(i18n.language)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (!element.open) element.showModal()
    heading.current?.focus()
    return () => {
      if (element.open) element.close()
    }
  }, [])

  useEffect(() => {
    if (erased) doneHeading.current?.focus()
  }, [erased])

  function close() {
    // Closed first, so the page behind is no longer inert and can take the focus back.
    dialog.current?.close()
    onClose(erased)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    const found: Partial<Record<Field, string>> = {}
    if (reason === '') found.reason = 'subjects.erase.reasonMissing'
    const badReference = referenceProblem(reference)
    if (badReference) found.reference = badReference
    if (!isConfirmed(typed, i18n.language)) found.confirm = 'subjects.erase.confirmMissing'
    setProblems(found)
    const first = (['reason', 'reference', 'confirm'] as const).find((field) => found[field])
    if (first) {
      ;({ reason: reasonRef, reference: referenceRef, confirm: confirmRef })[first].current?.focus()
      return
    }
    if (reason === '') return
    const ref = reference.trim()
    await erase.run(async () => {
      const answer = await api.post('/api/v1/subjects/erase', {
        body: { ...query, reason, ...(ref ? { reference: ref } : {}), confirm: true },
      })
      setErased(answer.erased)
    })
  }

  // A problem shown goes away once the field is changed; the next "Definitief vergeten" checks again.
  const fixed = (field: Field) =>
    setProblems((current) => (current[field] ? { ...current, [field]: undefined } : current))
  const describedBy = (field: Field, help?: string) =>
    [help, problems[field] ? `erase-${field}-problem` : undefined].filter(Boolean).join(' ') || undefined
  const fieldProblem = (field: Field) => {
    const key = problems[field]
    return (
      key && (
        <p id={`erase-${field}-problem`} className="field-error">
          {t(key, { word })}
        </p>
      )
    )
  }

  return (
    <dialog
      ref={dialog}
      className="subjects-dialog"
      aria-labelledby={erased ? 'erase-done-heading' : 'erase-heading'}
      onCancel={(event) => {
        // Escape: not while the erasure is under way; afterwards it closes like "Sluiten".
        event.preventDefault()
        if (!erase.busy) close()
      }}
    >
      {erased ? (
        <div role="status">
          <h2 id="erase-done-heading" ref={doneHeading} tabIndex={-1}>
            {t('subjects.erase.doneHeading')}
          </h2>
          <p>{t('subjects.erase.doneText')}</p>
          <CountList counts={erased} keys={erasedCountKeys} prefix="erasedCount" />
          <div className="button-row">
            <button type="button" className="primary" onClick={close}>
              {t('subjects.erase.close')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <h2 id="erase-heading" ref={heading} tabIndex={-1}>
            {t('subjects.erase.heading')}
          </h2>
          <p>
            {t('subjects.erase.whom')}{' '}
            <strong>
              <IdentifiersText query={query} />
            </strong>
          </p>
          <p>{t('subjects.erase.what')}</p>
          <CountList
            counts={counts}
            keys={heldCountKeys.filter((key) => key !== 'openRuns' && counts[key] > 0)}
            prefix="count"
            className="subjects-counts-small"
          />
          <p className="subjects-warning">
            {counts.openRuns > 0
              ? t('subjects.erase.stopsRunning', { count: counts.openRuns })
              : t('subjects.erase.stopsNone')}
          </p>
          <p className="subjects-warning">{t('subjects.erase.final')}</p>
          <div className="field">
            <label htmlFor="erase-reason">{t('subjects.erase.reason')}</label>
            <select
              id="erase-reason"
              ref={reasonRef}
              value={reason}
              aria-invalid={problems.reason ? true : undefined}
              aria-describedby={describedBy('reason', 'erase-reason-help')}
              onChange={(event) => {
                setReason(erasureReasons.find((value) => value === event.target.value) ?? '')
                fixed('reason')
              }}
            >
              <option value="">{t('subjects.erase.reasonChoose')}</option>
              {erasureReasons.map((value) => (
                <option key={value} value={value}>
                  {t(`subjects.reason.${value}`)}
                </option>
              ))}
            </select>
            <p id="erase-reason-help" className="field-help">
              {t('subjects.erase.reasonHelp')}
            </p>
            {fieldProblem('reason')}
          </div>
          <div className="field">
            <label htmlFor="erase-reference">{t('subjects.erase.reference')}</label>
            <input
              id="erase-reference"
              ref={referenceRef}
              autoComplete="off"
              maxLength={maxReferenceLength}
              value={reference}
              aria-invalid={problems.reference ? true : undefined}
              aria-describedby={describedBy('reference', 'erase-reference-help')}
              onChange={(event) => {
                setReference(event.target.value)
                fixed('reference')
              }}
            />
            <p id="erase-reference-help" className="field-help">
              {t('subjects.erase.referenceHelp')}
            </p>
            {fieldProblem('reference')}
          </div>
          <div className="field">
            <label htmlFor="erase-confirm">{t('subjects.erase.confirm', { word })}</label>
            <input
              id="erase-confirm"
              ref={confirmRef}
              autoComplete="off"
              spellCheck={false}
              value={typed}
              aria-invalid={problems.confirm ? true : undefined}
              aria-describedby={describedBy('confirm')}
              onChange={(event) => {
                setTyped(event.target.value)
                fixed('confirm')
              }}
            />
            {fieldProblem('confirm')}
          </div>
          {erase.error !== undefined && <ProblemMessage error={erase.error} />}
          <div className="button-row">
            <button type="button" onClick={close} disabled={erase.busy}>
              {t('subjects.erase.cancel')}
            </button>
            <button type="submit" className="danger-solid" disabled={erase.busy}>
              {erase.busy ? t('subjects.erase.busy') : t('subjects.erase.submit')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  )
}
