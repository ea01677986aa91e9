import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, asProblem } from '../../api/client'
import type { FlowProblem } from '../catalogue'
import { notSavedProblem } from './useAutosave'

/** What {@link usePublish} needs: saving the draft first, and where the new version goes. */
export interface PublishOptions {
  save(): Promise<{ id: string; revision: number } | undefined>
  /** Called with the number of the version just published. */
  onPublished(version: number): void
  announce(text: string): void
}

/**
 * Publishes the draft (saved first) as a new version. The server checks it again; the problems
 * it finds are kept in `serverProblems` for the problems tab.
 */
export function usePublish({ save, onPublished, announce }: PublishOptions) {
  const { t } = useTranslation()
  const [serverProblems, setServerProblems] = useState<FlowProblem[] | undefined>()
  const publish = useCallback(
    async (note: string) => {
      setServerProblems(undefined)
      const current = await save()
      if (!current) throw notSavedProblem(t('publish.notSaved'))
      try {
        const version = await api.post('/api/v1/flows/{id}/publish', {
          path: { id: current.id },
          body: { note, revision: current.revision },
        })
        onPublished(version.version)
        announce(t('publish.done', { version: version.version }))
        return version.version
      } catch (error) {
        const problem = asProblem(error)
        if (problem.errors.length > 0) setServerProblems(problem.errors)
        throw problem
      }
    },
    [announce, onPublished, save, t],
  )
  return { publish, serverProblems }
}
