import { useCallback, useState } from 'react'

/**
 * The state of an action a person starts (a form sent, a button pressed): `busy` while it runs,
 * and what it threw as `error` (cleared when the next action starts), for a `ProblemMessage`.
 */
export function useBusy(): {
  busy: boolean
  error: unknown
  setError(error: unknown): void
  /** Runs `action`: busy until it ends; a failure becomes `error` instead of being thrown. */
  run(action: () => Promise<void>): Promise<void>
} {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await action()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, setError, run }
}
