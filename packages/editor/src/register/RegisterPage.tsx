import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import type { ApiAnswer } from '../api/types'
import { useApi } from '../api/useApi'
import { formatDateTime, pick } from '../i18n'
import { Loading, ProblemMessage } from '../shell/Problem'
import './register.css'

/** The processing register as the API sends it. */
export type RegisterJson = ApiAnswer<'/api/v1/register', 'get'>
/** One flow of the register. */
export type RegisterFlowJson = RegisterJson['flows'][number]

/** The address of an export of the register, in the reader's language. */
export function registerExportHref(format: 'csv' | 'md', language: string): string {
  return `/api/v1/register?format=${format}&lang=${language === 'en' ? 'en' : 'nl'}`
}

/**
 * The processing register (AVG art. 30) for the privacy officer and the administrator: one row
 * per published flow with its purpose, personal data, data subjects, recipients, retention and
 * safeguards, flows that need attention marked, and downloads as CSV and Markdown.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation()
  const load = useApi(() => api.get('/api/v1/register', { query: { format: 'json' } }), [])
  const lang = i18n.language

  return (
    <section className="page register-page" aria-labelledby="register-heading">
      <div className="page-head">
        <h1 id="register-heading">{t('register.heading')}</h1>
        <div className="register-exports">
          <a className="button" href={registerExportHref('csv', lang)} download>
            {t('register.exportCsv')}
          </a>
          <a className="button" href={registerExportHref('md', lang)} download>
            {t('register.exportMarkdown')}
          </a>
        </div>
      </div>
      <p>{t('register.intro')}</p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ProblemMessage error={load.error} onRetry={load.reload} />}
      {load.state === 'ready' && <RegisterTable register={load.data} lang={lang} />}
    </section>
  )
}

function RegisterTable({ register, lang }: { register: RegisterJson; lang: string }) {
  const { t } = useTranslation()
  const { flows } = register
  if (flows.length === 0) return <p>{t('register.empty')}</p>
  const marked = flows.filter((flow) => flow.marks.length > 0).length
  const list = (items: { label: { nl: string; en: string } }[]) =>
    items.length === 0 ? t('register.none') : items.map((item) => pick(item.label, lang)).join(', ')
  return (
    <>
      <p className="register-summary">
        {t('register.summary', { count: flows.length, marked })}{' '}
        {t(register.scope === 'all' ? 'register.scopeAll' : 'register.scopeTeams')}
      </p>
      {register.truncated && <p className="field-help">{t('register.truncated')}</p>}
      {/* Wide: it scrolls sideways, so keyboard users can focus it and scroll with the arrow keys. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="register-scroll" aria-labelledby="register-heading" tabIndex={0}>
        <table className="flow-table register-table">
          <thead>
            <tr>
              <th scope="col">{t('register.flow')}</th>
              <th scope="col">{t('register.purpose')}</th>
              <th scope="col">{t('register.categories')}</th>
              <th scope="col">{t('register.subjects')}</th>
              <th scope="col">{t('register.recipients')}</th>
              <th scope="col">{t('register.retention')}</th>
              <th scope="col">{t('register.safeguards')}</th>
              <th scope="col">{t('register.marks')}</th>
            </tr>
          </thead>
          <tbody>
            {flows.map((flow) => (
              <tr key={flow.flowId} className={flow.marks.length > 0 ? 'register-marked' : undefined}>
                <th scope="row">
                  <span className="register-flow-name">{flow.name}</span>
                  <span className="field-help">
                    {t('register.version', { team: flow.teamName, version: flow.version })},{' '}
                    {formatDateTime(flow.publishedAt, lang)}
                  </span>
                </th>
                <td>
                  {flow.purpose === null ? (
                    <strong className="register-missing">{t('register.purposeMissing')}</strong>
                  ) : (
                    <span className="register-purpose">{flow.purpose}</span>
                  )}
                </td>
                <td>{list(flow.categories)}</td>
                <td>{list(flow.subjects)}</td>
                <td>
                  {flow.recipients.length === 0 ? (
                    t('register.none')
                  ) : (
                    <ul className="register-list">
                      {flow.recipients.map((recipient) => (
                        <li
                          key={`${recipient.kind}-${recipient.credential ?? ''}-${recipient.host ?? ''}`}
                          className={recipient.location === 'outside-eu' ? 'register-outside-eu' : undefined}
                        >
                          {pick(recipient.label, lang)}
                          {recipient.host ? ` (${recipient.host})` : ''}:{' '}
                          {pick(recipient.locationLabel, lang)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{t('register.days', { count: flow.retentionDays })}</td>
                <td>
                  <ul className="register-list">
                    {flow.safeguards.map((safeguard) => (
                      <li key={safeguard.code}>{pick(safeguard.text, lang)}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  {flow.marks.length === 0 ? (
                    t('register.none')
                  ) : (
                    <ul className="register-list register-marks">
                      {flow.marks.map((mark) => (
                        <li key={mark.code}>
                          <span aria-hidden="true">⚠ </span>
                          <span className="visually-hidden">{t('register.marked')}: </span>
                          {pick(mark.text, lang)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  )
}
