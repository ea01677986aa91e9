import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { formatDateTime } from '../i18n'
import { permissions, useAuth } from '../shell/auth'
import { Loading, ProblemMessage } from '../shell/Problem'
import { Link } from '../shell/router'
import { TeamOptions } from '../shell/TeamOptions'
import { outboxText } from './texts'
import './outbox.css'

/** One message, read when it is chosen. */
function OutboxMessage({ id, canDesign }: { id: string; canDesign: boolean }) {
  const { i18n } = useTranslation()
  const text = outboxText(i18n.language)
  const load = useApi(() => api.get('/api/v1/outbox/{id}', { path: { id } }), [id])
  if (load.state === 'loading') return <Loading />
  if (load.state === 'error') return <ProblemMessage error={load.error} onRetry={load.reload} />
  const message = load.data
  return (
    <article className="outbox-message" aria-labelledby="outbox-subject">
      <h2 id="outbox-subject">{message.subject || text.noSubject}</h2>
      <dl className="outbox-headers">
        <dt>{text.from}</dt>
        <dd>{message.from}</dd>
        <dt>{text.to}</dt>
        <dd>{message.to.join(', ')}</dd>
        {message.cc.length > 0 && (
          <>
            <dt>{text.cc}</dt>
            <dd>{message.cc.join(', ')}</dd>
          </>
        )}
        <dt>{text.received}</dt>
        <dd>{formatDateTime(message.receivedAt, i18n.language)}</dd>
        {message.attachments.length > 0 && (
          <>
            <dt>{text.attachments}</dt>
            <dd>{message.attachments.map((a) => a.filename).join(', ')}</dd>
          </>
        )}
      </dl>
      {/* Plain text only: an HTML body from a flow is never rendered here. */}
      <pre className="outbox-body">{message.text}</pre>
      {canDesign && message.flowId && message.runId && (
        <p>
          <Link
            href={`/flows/${encodeURIComponent(message.flowId)}?run=${encodeURIComponent(message.runId)}`}
          >
            {text.openRun}
          </Link>
        </p>
      )}
    </article>
  )
}

/**
 * The local test outbox: e-mail that flows sent while no SMTP credential was set up, which a
 * real mail server would have delivered. Every message can be opened and read.
 */
export function OutboxPage() {
  const { i18n } = useTranslation()
  const text = outboxText(i18n.language)
  const { user } = useAuth()
  const can = permissions(user?.roles ?? [])
  const teams = user?.teams ?? []
  const [teamId, setTeamId] = useState<string | undefined>(undefined)
  const [chosen, setChosen] = useState<string | undefined>()
  const load = useApi(
    () => api.get('/api/v1/outbox', { query: { limit: 200, ...(teamId ? { teamId } : {}) } }),
    [teamId],
  )

  return (
    <section className="page outbox-page" aria-labelledby="outbox-heading">
      <div className="page-head">
        <h1 id="outbox-heading">{text.heading}</h1>
        <button type="button" onClick={load.refresh}>
          {text.refresh}
        </button>
      </div>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ProblemMessage error={load.error} onRetry={load.reload} />}
      {load.state === 'ready' && !load.data.enabled && <p>{text.disabled}</p>}
      {load.state === 'ready' && load.data.enabled && (
        <>
          <p className="outbox-notice" role="note">
            {text.intro}
          </p>
          {teams.length > 1 && (
            <div className="filters">
              <label htmlFor="outbox-team">{text.team}</label>
              <select
                id="outbox-team"
                value={teamId ?? ''}
                onChange={(event) => setTeamId(event.target.value || undefined)}
              >
                <option value="">—</option>
                <TeamOptions teams={teams} />
              </select>
            </div>
          )}
          {load.data.items.length === 0 ? (
            <p>{text.empty}</p>
          ) : (
            <div className="outbox-layout">
              <nav aria-label={text.list}>
                <ul className="outbox-list">
                  {load.data.items.map((item) => (
                    <li key={item.id}>
                      <button
                        type="button"
                        className="outbox-item"
                        aria-current={chosen === item.id ? 'true' : undefined}
                        onClick={() => setChosen(item.id)}
                      >
                        <strong>{item.subject || text.noSubject}</strong>
                        <span>
                          {text.to}: {item.to.join(', ')}
                        </span>
                        <span>{formatDateTime(item.receivedAt, i18n.language)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </nav>
              <div className="outbox-reader">
                {chosen ? <OutboxMessage id={chosen} canDesign={can.design} /> : <p>{text.choose}</p>}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  )
}
