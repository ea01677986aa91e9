import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { RunJson } from '../../api/types'
import { notSavedProblem } from './useAutosave'

/** How often a running test run is asked for its progress. */
const pollMs = 700

/**
 * A test run of the draft as it is now (saved first, not published), or a run of the newest
 * published version, followed until it ends: the run is asked for again every `pollMs` while it
 * runs.
 */
export function useTestRun(save: () => Promise<{ id: string; revision: number } | undefined>) {
  const { t } = useTranslation()
  const [run, setRun] = useState<RunJson | undefined>()
  const startRun = useCallback(
    async (input: Record<string, unknown>) => {
      const current = await save()
      if (!current) throw notSavedProblem(t('publish.notSaved'))
      const started = await api.post('/api/v1/flows/{id}/test-runs', {
        path: { id: current.id },
        body: { input },
      })
      setRun(await api.get('/api/v1/runs/{id}', { path: { id: started.id } }))
    },
    [save, t],
  )
  const startPublishedRun = useCallback(async (flowId: string, input: Record<string, unknown>) => {
    const started = await api.post('/api/v1/flows/{id}/runs', { path: { id: flowId }, body: { input } })
    setRun(await api.get('/api/v1/runs/{id}', { path: { id: started.id } }))
  }, [])
  useEffect(() => {
    if (!run || (run.status !== 'running' && run.nodes)) return
    const timer = window.setTimeout(async () => {
      try {
        setRun(await api.get('/api/v1/runs/{id}', { path: { id: run.id } }))
      } catch {
        // keep the last state; the next poll tries again
        setRun((current) => (current ? { ...current } : current))
      }
    }, pollMs)
    return () => window.clearTimeout(timer)
  }, [run])
  return { run, startRun, startPublishedRun }
}
