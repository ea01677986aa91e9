import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import type { FlowJson } from '../api/types'
import { useApi } from '../api/useApi'
import { formatDateTime } from '../i18n'
import { useAuth } from '../shell/auth'
import { Loading, ProblemMessage } from '../shell/Problem'
import { Link } from '../shell/router'

/** The status word of a flow: draft until published, then the version. */
export function flowStatus(flow: FlowJson): 'draft' | 'published' | 'archived' {
  if (flow.archived) return 'archived'
  if (!flow.latestVersion) return 'draft'
  return 'published'
}

/** The designer's start page: the flows of the user's teams, with status, last run and search. */
export function FlowList() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const load = useApi(async () => (await api.get('/api/v1/flows')).items, [])
  const [search, setSearch] = useState('')
  const [team, setTeam] = useState('all')

  const teams = user?.teams ?? []
  const teamName = (flow: FlowJson) => teams.find((candidate) => candidate.id === flow.teamId)?.name ?? ''
  const flows = load.state === 'ready' ? load.data : undefined
  const shown = useMemo(() => {
    if (!flows) return []
    const words = search.trim().toLowerCase()
    return flows.filter(
      (flow) =>
        (team === 'all' || flow.teamId === team) &&
        (!words || `${flow.name} ${flow.description}`.toLowerCase().includes(words)),
    )
  }, [flows, search, team])

  return (
    <section className="page" aria-labelledby="flows-heading">
      <div className="page-head">
        <h1 id="flows-heading">{t('flows.heading')}</h1>
        <Link className="button primary" href="/flows/new">
          {t('flows.new')}
        </Link>
      </div>
      <div className="filters">
        <label htmlFor="flow-search">{t('flows.search')}</label>
        <input
          id="flow-search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('flows.searchPlaceholder')}
        />
        {teams.length > 1 && (
          <>
            <label htmlFor="flow-team">{t('flows.team')}</label>
            <select id="flow-team" value={team} onChange={(event) => setTeam(event.target.value)}>
              <option value="all">{t('flows.allTeams')}</option>
              {teams.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ProblemMessage error={load.error} onRetry={load.reload} />}
      {load.state === 'ready' && shown.length === 0 && (
        <p>{load.data.length === 0 ? t('flows.empty') : t('flows.noMatch')}</p>
      )}
      {load.state === 'ready' && shown.length > 0 && (
        <table className="flow-table">
          <caption className="visually-hidden">{t('flows.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('flows.name')}</th>
              <th scope="col">{t('flows.team')}</th>
              <th scope="col">{t('flows.status')}</th>
              <th scope="col">{t('flows.lastRun')}</th>
              <th scope="col">{t('flows.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((flow) => {
              const status = flowStatus(flow)
              return (
                <tr key={flow.id}>
                  <th scope="row">
                    <Link href={`/flows/${flow.id}`}>{flow.name}</Link>
                  </th>
                  <td>{teamName(flow)}</td>
                  <td>
                    <span className={`badge status-${status}`}>{t(`flows.statusValue.${status}`)}</span>
                    {flow.latestVersion ? ` ${t('flows.version', { version: flow.latestVersion })}` : ''}
                  </td>
                  <td>
                    {flow.lastRun === undefined
                      ? '–'
                      : flow.lastRun
                        ? `${t(`run.status.${flow.lastRun.status}`, { defaultValue: flow.lastRun.status })} · ${formatDateTime(flow.lastRun.createdAt, i18n.language)}`
                        : t('flows.neverRun')}
                  </td>
                  <td>{formatDateTime(flow.updatedAt, i18n.language)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
