import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react'

/** Where a load from the API is: still loading, failed (with what was thrown), or done. */
export type ApiState<T> =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; data: T }

/** An {@link ApiState} with the two ways to load again. */
export type ApiLoad<T> = ApiState<T> & {
  /** Loads again, showing the loading state and, on failure, the error (a retry button). */
  reload(): void
  /** Loads again in the background: what is shown stays until the answer comes; a failure is ignored. */
  refresh(): void
}

/**
 * Loads data with `load` when the component mounts and again whenever `deps` change, and keeps
 * the loading and error state. An answer that arrives after the component moved on (unmounted,
 * other deps, a newer load) is dropped, so a slow old answer never overwrites a newer one.
 *
 * @example
 * const versions = useApi(() => api.get('/api/v1/flows/{id}/versions', { path: { id } }), [id])
 * if (versions.state === 'error') return <ProblemMessage error={versions.error} onRetry={versions.reload} />
 */
export function useApi<T>(load: () => Promise<T>, deps: DependencyList): ApiLoad<T> {
  const [state, setState] = useState<ApiState<T>>({ state: 'loading' })
  const latestLoad = useRef(load)
  latestLoad.current = load
  const round = useRef(0)

  const start = useCallback((quiet: boolean) => {
    round.current += 1
    const mine = round.current
    if (!quiet) setState({ state: 'loading' })
    latestLoad.current().then(
      (data) => {
        if (round.current === mine) setState({ state: 'ready', data })
      },
      (error: unknown) => {
        if (round.current === mine && !quiet) setState({ state: 'error', error })
      },
    )
  }, [])

  useEffect(
    () => {
      start(false)
      return () => {
        round.current += 1
      }
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
    deps,
  )

  const reload = useCallback(() => start(false), [start])
  const refresh = useCallback(() => start(true), [start])
  return { ...state, reload, refresh }
}
