import {
  createContext,
  type FormEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
} from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem, api, setCsrfToken, setUnauthorizedHandler } from '../api/client'
import type { ApiAnswer, CurrentUser } from '../api/types'
import { LanguageSwitch } from './LanguageSwitch'
import { Loading, ProblemMessage } from './Problem'

interface AuthState {
  user: CurrentUser | undefined
  login(email: string, password: string): Promise<void>
  logout(): Promise<void>
}

const AuthContext = createContext<AuthState | undefined>(undefined)

/** The signed-in user and the login/logout actions. */
export function useAuth(): AuthState {
  const value = useContext(AuthContext)
  if (!value) throw new Error('useAuth outside AuthProvider')
  return value
}

/** What a set of roles may see. Admins see everything. */
export function permissions(roles: readonly string[]) {
  const admin = roles.includes('admin')
  return {
    design: admin || roles.includes('designer'),
    inbox: admin || roles.includes('approver'),
    runs: admin || roles.includes('designer') || roles.includes('developer'),
    credentials: admin || roles.includes('designer') || roles.includes('developer'),
    writeCredentials: admin || roles.includes('designer') || roles.includes('developer'),
    /** The processing register of every team: the privacy officer (FG) and admins. */
    register: admin || roles.includes('privacy'),
    /** Access to and erasure of one person's data in every team (AVG art. 15 and 17). */
    subjects: admin || roles.includes('privacy'),
  }
}

/** Asks the API who is signed in; shows the login page when nobody is. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<
    { phase: 'checking' } | { phase: 'error'; error: unknown } | { phase: 'ready'; user?: CurrentUser }
  >({ phase: 'checking' })

  const check = useCallback(() => {
    setState({ phase: 'checking' })
    api.get('/api/v1/auth/me').then(
      (session) => {
        setCsrfToken(session.csrfToken)
        setState({ phase: 'ready', user: session.user })
      },
      (error: unknown) => {
        if (error instanceof ApiProblem && (error.status === 401 || error.status === 404)) {
          setState({ phase: 'ready' })
        } else setState({ phase: 'error', error })
      },
    )
  }, [])

  useEffect(() => {
    check()
    setUnauthorizedHandler(() => setState({ phase: 'ready' }))
    return () => setUnauthorizedHandler(undefined)
  }, [check])

  const login = useCallback(async (email: string, password: string) => {
    const session = await api.post('/api/v1/auth/login', { body: { email, password } })
    setCsrfToken(session.csrfToken)
    setState({ phase: 'ready', user: session.user })
  }, [])

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout')
    } finally {
      setCsrfToken(undefined)
      setState({ phase: 'ready' })
    }
  }, [])

  if (state.phase === 'checking') {
    return (
      <main id="main" className="centered">
        <Loading />
      </main>
    )
  }
  if (state.phase === 'error') {
    return (
      <main id="main" className="centered">
        <ProblemMessage error={state.error} onRetry={check} />
      </main>
    )
  }
  return (
    <AuthContext.Provider value={{ user: state.user, login, logout }}>
      {state.user ? children : <LoginPage />}
    </AuthContext.Provider>
  )
}

type SignInOptions = ApiAnswer<'/api/v1/auth/providers', 'get'>

/** The texts for the codes single sign-on sends a browser back with (`?ssoError=`). */
const ssoErrorKeys: Record<string, string> = {
  'auth.oidc_no_account': 'login.sso.noAccount',
  'auth.oidc_account_disabled': 'login.sso.disabled',
  'auth.oidc_state': 'login.sso.expired',
  'auth.oidc_unavailable': 'login.sso.unavailable',
  'auth.oidc_failed': 'login.sso.failed',
}

/** Takes `?ssoError=` off the address (so a reload does not show it again) and returns it. */
function takeSsoError(): string | undefined {
  const url = new URL(window.location.href)
  const code = url.searchParams.get('ssoError')
  if (code === null) return undefined
  url.searchParams.delete('ssoError')
  window.history.replaceState(null, '', url.pathname + url.search + url.hash)
  return ssoErrorKeys[code] ?? 'login.sso.failed'
}

/**
 * The login page: single sign-on when the installation has it ("Inloggen met <label>"), and
 * e-mail and password; errors in the user's language.
 */
function LoginPage() {
  const { t } = useTranslation()
  const { login } = useAuth()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [ssoError] = useState(takeSsoError)
  const [options, setOptions] = useState<SignInOptions>()

  useEffect(() => {
    // Without an answer the password form is enough: single sign-on is an extra way in.
    api.get('/api/v1/auth/providers').then(setOptions, () => undefined)
  }, [])
  const sso = options?.oidc
  const returnTo = window.location.pathname + window.location.search

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await login(email, password)
    } catch (failure) {
      setError(failure)
      setBusy(false)
    }
  }

  return (
    <main id="main" className="login">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <h1>{t('app.title')}</h1>
      <p className="tagline">{t('app.tagline')}</p>
      <form onSubmit={submit} aria-labelledby="login-heading" className="card">
        <h2 id="login-heading">{t('login.heading')}</h2>
        {ssoError && (
          <div className="problem" role="alert">
            <p>
              <strong>{t(ssoError)}</strong>
            </p>
          </div>
        )}
        {sso && (
          <>
            <a
              className="button primary sso-button"
              href={`${sso.startUrl}?returnTo=${encodeURIComponent(returnTo)}`}
            >
              {t('login.sso.button', { label: sso.label })}
            </a>
            <p className="login-or">{t('login.sso.or')}</p>
          </>
        )}
        <label htmlFor="login-email">{t('login.email')}</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error !== undefined && <ProblemMessage error={error} />}
        <button type="submit" className={sso ? undefined : 'primary'} disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  )
}
