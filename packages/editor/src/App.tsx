import { useCallback, useEffect, useState } from 'react'
import { type FlowSummary, fetchFlows } from './api'
import { FlowCanvas } from './FlowCanvas'
import { type Lang, type TextKey, texts } from './i18n'

type Load = { state: 'loading' } | { state: 'error' } | { state: 'ready'; flows: FlowSummary[] }

export function App() {
  const [lang, setLang] = useState<Lang>('nl')
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [selected, setSelected] = useState<string | null>(null)
  const t = (key: TextKey) => texts[lang][key]

  const reload = useCallback(() => {
    setLoad({ state: 'loading' })
    fetchFlows().then(
      (flows) => setLoad({ state: 'ready', flows }),
      () => setLoad({ state: 'error' }),
    )
  }, [])
  useEffect(reload, [reload])
  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const flow = load.state === 'ready' ? load.flows.find((f) => f.id === selected) : undefined
  return (
    <div className="app">
      <header>
        <h1>
          {t('appTitle')} <small>{t('tagline')}</small>
        </h1>
        <button type="button" onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}>
          {t('language')}
        </button>
      </header>
      <main>
        {load.state === 'loading' && <p role="status">{t('loading')}</p>}
        {load.state === 'error' && (
          <div role="alert">
            <p>{t('loadError')}</p>
            <button type="button" onClick={reload}>
              {t('retry')}
            </button>
          </div>
        )}
        {load.state === 'ready' && !flow && (
          <section aria-labelledby="flows-heading">
            <h2 id="flows-heading">{t('flows')}</h2>
            {load.flows.length === 0 ? (
              <p>{t('noFlows')}</p>
            ) : (
              <ul className="flow-list">
                {load.flows.map((f) => (
                  <li key={f.id}>
                    <button type="button" onClick={() => setSelected(f.id)}>
                      <strong>{f.name}</strong>
                      <span>
                        {t('version')} {f.latestVersion ?? '–'}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {flow && (
          <>
            <button type="button" onClick={() => setSelected(null)}>
              ← {t('back')}
            </button>
            <h2>{flow.name}</h2>
            <FlowCanvas flow={flow} label={t('canvasLabel')} />
          </>
        )}
      </main>
    </div>
  )
}
