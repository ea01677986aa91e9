import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import type { ApiAnswer, CredentialJson } from '../api/types'
import { useApi } from '../api/useApi'
import { formatDateTime, pick } from '../i18n'
import { permissions, useAuth } from '../shell/auth'
import { Loading, ProblemMessage } from '../shell/Problem'
import { TeamOptions } from '../shell/TeamOptions'
import { CredentialForm, TestOutcome } from './CredentialForm'
import { typeOfName } from './credentialForm'

type TestResult = ApiAnswer<'/api/v1/credentials/test', 'post'>

async function loadPage(teamId: string | undefined) {
  const [types, credentials] = await Promise.all([
    api.get('/api/v1/credentials/types'),
    (async () => {
      const items: CredentialJson[] = []
      let cursor: string | null = null
      do {
        const page: ApiAnswer<'/api/v1/credentials', 'get'> = await api.get('/api/v1/credentials', {
          query: { limit: 200, ...(teamId ? { teamId } : {}), ...(cursor ? { cursor } : {}) },
        })
        items.push(...page.items)
        cursor = page.nextCursor
      } while (cursor && items.length < 2000)
      return items.sort((a, b) => a.name.localeCompare(b.name))
    })(),
  ])
  return { types: types.items, credentials }
}

/**
 * The credentials page: a team's stored credentials by name (never their values), and for
 * those who may change them: add one with a form per type, test its connection, give it new
 * values, delete it.
 */
export function CredentialsPage() {
  const { t, i18n } = useTranslation()
  const { user } = useAuth()
  const can = permissions(user?.roles ?? [])
  const teams = user?.teams ?? []
  const [teamId, setTeamId] = useState<string | undefined>(teams[0]?.id)
  const load = useApi(() => loadPage(teamId), [teamId])
  const [editing, setEditing] = useState<'new' | CredentialJson | undefined>()
  const [notice, setNotice] = useState<string | undefined>()
  const [confirming, setConfirming] = useState<string | undefined>()
  const [tests, setTests] = useState<Record<string, TestResult | 'busy'>>({})
  const [error, setError] = useState<unknown>()

  const types = load.state === 'ready' ? load.data.types : []
  const typeTitle = (name: string) => {
    const type = typeOfName(name, types)
    return type ? pick(type.title, i18n.language) : t('credentialsPage.otherType')
  }

  return (
    <section className="page credentials-page" aria-labelledby="credentials-heading">
      <div className="page-head">
        <h1 id="credentials-heading">{t('credentialsPage.heading')}</h1>
        {can.writeCredentials && editing === undefined && load.state === 'ready' && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setNotice(undefined)
              setEditing('new')
            }}
          >
            {t('credentialsPage.new')}
          </button>
        )}
      </div>
      <p>{t('credentialsPage.intro')}</p>
      {!can.writeCredentials && <p className="field-help">{t('credentialsPage.readOnly')}</p>}
      {teams.length > 1 && (
        <div className="filters">
          <label htmlFor="credentials-team">{t('credentialsPage.team')}</label>
          <select
            id="credentials-team"
            value={teamId}
            onChange={(event) => {
              setEditing(undefined)
              setTeamId(event.target.value)
            }}
          >
            <TeamOptions teams={teams} />
          </select>
        </div>
      )}
      {notice && (
        <p role="status" className="success">
          {notice}
        </p>
      )}
      {error !== undefined && <ProblemMessage error={error} />}
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ProblemMessage error={load.error} onRetry={load.reload} />}
      {load.state === 'ready' && editing !== undefined && (
        <CredentialForm
          key={editing === 'new' ? 'new' : editing.id}
          types={load.data.types}
          teamId={teamId}
          {...(editing === 'new'
            ? {}
            : { rotate: { credential: editing, type: typeOfName(editing.name, types) } })}
          onSaved={(saved, rotated) => {
            setEditing(undefined)
            setNotice(
              rotated
                ? t('credentialsPage.rotated', { name: saved.name })
                : t('credentialsPage.saved', { name: saved.name }),
            )
            load.refresh()
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {load.state === 'ready' && load.data.credentials.length === 0 && <p>{t('credentialsPage.empty')}</p>}
      {load.state === 'ready' && load.data.credentials.length > 0 && (
        <table className="flow-table credential-table">
          <caption className="visually-hidden">{t('credentialsPage.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('credentialsPage.name')}</th>
              <th scope="col">{t('credentialsPage.type')}</th>
              <th scope="col">{t('credentialsPage.description')}</th>
              <th scope="col">{t('credentialsPage.updated')}</th>
              {can.writeCredentials && <th scope="col">{t('credentialsPage.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {load.data.credentials.map((credential) => {
              const type = typeOfName(credential.name, types)
              const test = tests[credential.id]
              return (
                <tr key={credential.id}>
                  <th scope="row">
                    <code>{credential.name}</code>
                  </th>
                  <td>{typeTitle(credential.name)}</td>
                  <td>{credential.description}</td>
                  <td>{formatDateTime(credential.updatedAt, i18n.language)}</td>
                  {can.writeCredentials && (
                    <td>
                      <div className="button-row">
                        {type?.testable && (
                          <button
                            type="button"
                            className="small"
                            disabled={test === 'busy'}
                            aria-label={t('credentialsPage.testNamed', { name: credential.name })}
                            onClick={async () => {
                              setTests((current) => ({ ...current, [credential.id]: 'busy' }))
                              try {
                                const result = await api.post('/api/v1/credentials/{id}/test', {
                                  path: { id: credential.id },
                                })
                                setTests((current) => ({ ...current, [credential.id]: result }))
                              } catch (failure) {
                                setTests(({ [credential.id]: _dropped, ...rest }) => rest)
                                setError(failure)
                              }
                            }}
                          >
                            {test === 'busy' ? t('credentialsPage.testing') : t('credentialsPage.test')}
                          </button>
                        )}
                        <button
                          type="button"
                          className="small"
                          aria-label={t('credentialsPage.rotateNamed', { name: credential.name })}
                          onClick={() => {
                            setNotice(undefined)
                            setEditing(credential)
                          }}
                        >
                          {t('credentialsPage.rotate')}
                        </button>
                        {confirming === credential.id ? (
                          <button
                            type="button"
                            className="small danger"
                            onClick={async () => {
                              try {
                                await api.delete('/api/v1/credentials/{id}', { path: { id: credential.id } })
                                setConfirming(undefined)
                                setNotice(t('credentialsPage.deleted', { name: credential.name }))
                                load.refresh()
                              } catch (failure) {
                                setError(failure)
                              }
                            }}
                          >
                            {t('credentialsPage.confirmDelete', { name: credential.name })}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="small"
                            aria-label={t('credentialsPage.deleteNamed', { name: credential.name })}
                            onClick={() => setConfirming(credential.id)}
                          >
                            {t('credentialsPage.delete')}
                          </button>
                        )}
                      </div>
                      {test && test !== 'busy' && <TestOutcome result={test} />}
                    </td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
