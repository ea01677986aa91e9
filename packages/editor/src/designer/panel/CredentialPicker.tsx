import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../api/useApi'
import { ProblemMessage } from '../../shell/Problem'
import { credentialChoices } from '../credentialChoice'
import { teamCredentialNames } from '../teamCredentials'

/**
 * The secret slots of a node: for each, a select of the flow team's stored credentials (those
 * named for the slot first). A chosen name the team does not have stays visible, with a warning.
 */
export function CredentialPicker({
  slots,
  teamId,
  value,
  onChange,
}: {
  slots: readonly string[]
  teamId: string | undefined
  value: Record<string, string>
  onChange(value: Record<string, string>): void
}) {
  const { t } = useTranslation()
  const names = useApi(() => teamCredentialNames(teamId), [teamId])
  const baseId = useId()
  return (
    <fieldset className="field-group">
      <legend>{t('credentials.heading')}</legend>
      <p className="field-help">{t('credentials.help')}</p>
      {names.state === 'error' && <ProblemMessage error={names.error} onRetry={names.reload} />}
      {slots.map((slot) => {
        const id = `${baseId}-${slot}`
        const chosen = value[slot]
        const choices = credentialChoices(slot, names.state === 'ready' ? names.data : [], chosen)
        const ready = names.state === 'ready'
        const missing = ready ? choices.missing : undefined
        const noneYet = ready && choices.fitting.length === 0 && (!chosen || choices.others.length === 0)
        const choose = ready && !chosen && !choices.hasDefault && choices.fitting.length > 0
        const describedBy = [
          missing ? `${id}-missing` : '',
          noneYet ? `${id}-none` : '',
          choose ? `${id}-choose` : '',
        ]
          .filter(Boolean)
          .join(' ')
        return (
          <div className="field" key={slot}>
            <label htmlFor={id}>{t('credentials.slot', { slot })}</label>
            <select
              id={id}
              value={chosen ?? ''}
              aria-describedby={describedBy || undefined}
              onChange={(event) => {
                const next = { ...value }
                if (event.target.value) next[slot] = event.target.value
                else delete next[slot]
                onChange(next)
              }}
            >
              <option value="">
                {choices.hasDefault
                  ? t('credentials.useDefault', { name: slot.toLowerCase() })
                  : t('credentials.none')}
              </option>
              {chosen && (!ready || missing) && (
                <option value={chosen}>
                  {ready ? t('credentials.missingOption', { name: chosen }) : chosen}
                </option>
              )}
              {choices.fitting.length > 0 && (
                <optgroup label={t('credentials.fitting', { slot })}>
                  {choices.fitting.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </optgroup>
              )}
              {choices.others.length > 0 && (
                <optgroup label={t('credentials.others')}>
                  {choices.others.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
            {missing && (
              <p className="field-error" id={`${id}-missing`}>
                {t('credentials.missing', { name: missing })}
              </p>
            )}
            {noneYet && (
              <p className="field-help" id={`${id}-none`}>
                {t('credentials.noneYet', { slot })}{' '}
                <a href="/credentials" target="_blank" rel="noreferrer">
                  {t('credentials.pageLink')}
                </a>
              </p>
            )}
            {choose && (
              <p className="field-help" id={`${id}-choose`}>
                {t('credentials.choose', { slot })}
              </p>
            )}
          </div>
        )
      })}
    </fieldset>
  )
}
