import { type ComponentType, useEffect, useState } from 'react'
import { Loading, ProblemMessage } from './Problem'

/** The code of a page that is a separate chunk, downloaded once. */
export interface PageCode<P> {
  /** The page's component once its code has arrived. */
  loaded(): ComponentType<P> | undefined
  /** Downloads the code (once; again after a failure). */
  load(): Promise<ComponentType<P>>
}

/**
 * A page whose code is downloaded on first use, or earlier with `load()` (while the session is
 * checked, on the page's own address).
 *
 * @example
 * const designer = pageCode(() => import('./designer/Designer').then((m) => m.Designer))
 * <CodeSplit code={designer} props={{ flowId }} />
 */
export function pageCode<P>(download: () => Promise<ComponentType<P>>): PageCode<P> {
  let component: ComponentType<P> | undefined
  let pending: Promise<ComponentType<P>> | undefined
  return {
    loaded: () => component,
    load() {
      pending ??= download().then(
        (arrived) => {
          component = arrived
          return arrived
        },
        (error: unknown) => {
          pending = undefined
          throw error
        },
      )
      return pending
    },
  }
}

/**
 * Draws a code-split page: in the same render when its code has already arrived, otherwise the
 * loading line until it does, and a retry when the download fails.
 *
 * Unlike `React.lazy` it never suspends: React keeps a Suspense boundary's content back for up to
 * 300 ms after its fallback appeared, which held a designer whose code and data were already
 * there on the loading line.
 */
export function CodeSplit<P extends object>({ code, props }: { code: PageCode<P>; props: P }) {
  const [state, setState] = useState<{ code: PageCode<P>; component?: ComponentType<P>; error?: unknown }>(
    () => ({ code, component: code.loaded() }),
  )
  // Another page in the same place (one menu item after another) starts from its own code: the
  // page drawn before it is never drawn under the new address.
  const shown = state.code === code ? state : { code, component: code.loaded() }
  if (shown !== state) setState(shown)
  const missing = shown.component === undefined && shown.error === undefined
  useEffect(() => {
    if (!missing) return
    let current = true
    code.load().then(
      (component) => {
        if (current) setState({ code, component })
      },
      (error: unknown) => {
        // A rejection without a reason still counts as a failed download.
        if (current) setState({ code, error: error ?? new Error('page code not loaded') })
      },
    )
    return () => {
      current = false
    }
  }, [missing, code])

  const Component = shown.component
  if (Component) return <Component {...props} />
  if (shown.error !== undefined)
    return <ProblemMessage error={shown.error} onRetry={() => setState({ code })} />
  return <Loading />
}
