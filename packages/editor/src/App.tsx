import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { FlowList } from './designer/FlowList'
import { designerKey } from './designer/keys'
import { prefetchDesignerData } from './designer/prefetch'
import { PublicForm } from './form/PublicForm'
import { outboxText } from './outbox/texts'
import { AuthProvider, permissions, useAuth } from './shell/auth'
import { LanguageSwitch } from './shell/LanguageSwitch'
import { Loading } from './shell/Problem'
import { CodeSplit, pageCode } from './shell/page'
import { Link, matchPath, navigate, useLocation } from './shell/router'

const designerCode = pageCode(() => import('./designer/Designer').then((m) => m.Designer))
const inboxCode = pageCode(() => import('./inbox/Inbox').then((m) => m.Inbox))
const impactCode = pageCode(() => import('./impact/ImpactPage').then((m) => m.ImpactPage))
const outboxCode = pageCode(() => import('./outbox/OutboxPage').then((m) => m.OutboxPage))
const credentialsCode = pageCode(() => import('./credentials/CredentialsPage').then((m) => m.CredentialsPage))
const registerCode = pageCode(() => import('./register/RegisterPage').then((m) => m.RegisterPage))
const subjectsCode = pageCode(() => import('./subjects/SubjectsPage').then((m) => m.SubjectsPage))
// Start fetching the page's code while the session is checked, not after.
if (typeof window !== 'undefined') {
  const flowId = /^\/flows\/([^/]+)$/.exec(window.location.pathname)?.[1]
  if (flowId) {
    designerCode.load().catch(() => undefined)
    prefetchDesignerData(flowId)
  } else if (window.location.pathname.startsWith('/inbox')) inboxCode.load().catch(() => undefined)
}

/**
 * The whole editor: login, then the designer and the inbox by role. A flow's public intake form
 * (`/forms/{flowId}`) is for anyone and needs no login.
 */
export function App() {
  const { path } = useLocation()
  const form = matchPath('/forms/:flowId', path)
  if (form) return <PublicForm flowId={form.flowId!} />
  return (
    <AuthProvider>
      <Shell />
    </AuthProvider>
  )
}

function Shell() {
  const { t, i18n } = useTranslation()
  const { user, logout } = useAuth()
  const { path, query } = useLocation()
  const can = permissions(user?.roles ?? [])
  const mainRef = useRef<HTMLElement>(null)

  useEffect(() => {
    if (path === '/' || path === '')
      navigate(can.design ? '/flows' : !can.inbox && can.register ? '/register' : '/inbox', { replace: true })
  }, [path, can.design, can.inbox, can.register])

  const section = path.startsWith('/inbox')
    ? 'inbox'
    : path.startsWith('/flows')
      ? 'flows'
      : path.startsWith('/impact')
        ? 'impact'
        : path.startsWith('/credentials')
          ? 'credentials'
          : path.startsWith('/register')
            ? 'register'
            : path.startsWith('/subjects')
              ? 'subjects'
              : 'other'
  useEffect(() => {
    const heading =
      section === 'inbox'
        ? 'nav.inbox'
        : section === 'impact'
          ? 'impact.nav'
          : section === 'credentials'
            ? 'nav.credentials'
            : section === 'register'
              ? 'register.nav'
              : section === 'subjects'
                ? 'subjects.nav'
                : 'nav.flows'
    document.title = `${t(heading)} · Warmflow`
  }, [section, t])

  let page: React.ReactNode
  const flowMatch = matchPath('/flows/:id', path)
  const taskMatch = matchPath('/inbox/:taskId', path)
  if (path === '/flows' && can.design) page = <FlowList />
  else if (flowMatch && can.design)
    page = (
      <CodeSplit key={designerKey(flowMatch.id!)} code={designerCode} props={{ flowId: flowMatch.id! }} />
    )
  else if ((path === '/inbox' || taskMatch) && can.inbox)
    page = <CodeSplit code={inboxCode} props={{ taskId: taskMatch?.taskId }} />
  else if (path === '/impact' && can.runs)
    page = <CodeSplit code={impactCode} props={{ flowId: query.get('flowId') ?? undefined }} />
  else if (path === '/credentials' && can.credentials) page = <CodeSplit code={credentialsCode} props={{}} />
  else if (path === '/register' && can.register) page = <CodeSplit code={registerCode} props={{}} />
  else if (path === '/subjects' && can.subjects) page = <CodeSplit code={subjectsCode} props={{}} />
  else if (path === '/outbox' && (can.design || can.inbox)) page = <CodeSplit code={outboxCode} props={{}} />
  else if (path === '/' || path === '') page = <Loading />
  else
    page = (
      <section className="page">
        <h1>{t('notFound.heading')}</h1>
        <p>{t('notFound.text')}</p>
      </section>
    )

  return (
    <div className={`app app-${section}`}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {can.design && (
              <li>
                <Link href="/flows" aria-current={section === 'flows' ? 'page' : undefined}>
                  {t('nav.flows')}
                </Link>
              </li>
            )}
            {can.inbox && (
              <li>
                <Link href="/inbox" aria-current={section === 'inbox' ? 'page' : undefined}>
                  {t('nav.inbox')}
                </Link>
              </li>
            )}
            {can.runs && (
              <li>
                <Link href="/impact" aria-current={section === 'impact' ? 'page' : undefined}>
                  {t('impact.nav')}
                </Link>
              </li>
            )}
            {(can.design || can.inbox) && (
              <li>
                <Link href="/outbox" aria-current={path === '/outbox' ? 'page' : undefined}>
                  {outboxText(i18n.language).nav}
                </Link>
              </li>
            )}
            {can.credentials && (
              <li>
                <Link href="/credentials" aria-current={section === 'credentials' ? 'page' : undefined}>
                  {t('nav.credentials')}
                </Link>
              </li>
            )}
            {can.register && (
              <li>
                <Link href="/register" aria-current={section === 'register' ? 'page' : undefined}>
                  {t('register.nav')}
                </Link>
              </li>
            )}
            {can.subjects && (
              <li>
                <Link href="/subjects" aria-current={section === 'subjects' ? 'page' : undefined}>
                  {t('subjects.nav')}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div className="topbar-user">
          <span className="user-name">{user?.name}</span>
          <LanguageSwitch />
          <button type="button" className="link-button" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {page}
      </main>
    </div>
  )
}
