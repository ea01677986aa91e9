import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiProblem, api } from '../../api/client'
import type { FlowDefinitionJson, FlowJson } from '../../api/types'
import { navigate } from '../../shell/router'
import type { FlowMeta, SaveState } from '../Designer'
import { fromDefinition, type Graph, toDefinition } from '../graph'
import { rememberCreatedFlow } from '../keys'

/** Milliseconds of quiet before an autosave. */
export const autosaveDelay = 1200

/** Longest wait for an autosave while changes keep coming without a pause. */
export const autosaveMaxWait = 10_000

/** The draft as the server last confirmed it. */
export interface SavedDraft {
  id: string | undefined
  revision: number | undefined
  latestVersion: number | null
  /** The definition as saved, to tell whether there are changes. */
  json: string
}

/** What {@link useAutosave} needs from the designer. */
export interface AutosaveOptions {
  /** The flow as it was opened; undefined for a new flow. */
  initial: FlowJson | undefined
  meta: FlowMeta
  /** The flow as it would be saved now. */
  definition: FlowDefinitionJson
  /** The team a new flow is created for. */
  teamId: string | undefined
  /** Shows the newest saved draft after a conflict: its meta and graph. */
  onReloaded(meta: FlowMeta, graph: Graph): void
}

/**
 * Saves the draft by itself: `autosaveDelay` after the last change, at the latest every
 * `autosaveMaxWait` while changes keep coming. A new flow is created on its first save (and the
 * address changes to its id); a save that another one overtook ends in `conflict`, after which
 * `reloadNewest` loads the newest draft.
 */
export function useAutosave({ initial, meta, definition, teamId, onReloaded }: AutosaveOptions) {
  const [saved, setSaved] = useState<SavedDraft>(() => ({
    id: initial?.id,
    revision: initial?.revision,
    latestVersion: initial?.latestVersion ?? null,
    json: initial ? JSON.stringify(toDefinition(meta, fromDefinition(initial.definition))) : '',
  }))
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' })

  const saving = useRef(false)
  const save = useCallback(async (): Promise<{ id: string; revision: number } | undefined> => {
    const json = JSON.stringify(definition)
    if (definition.nodes.length === 0) {
      setSaveState({ kind: 'empty' })
      return undefined
    }
    if (saved.id && saved.revision !== undefined && json === saved.json) {
      setSaveState({ kind: 'saved' })
      return { id: saved.id, revision: saved.revision }
    }
    if (saving.current) return undefined
    saving.current = true
    setSaveState({ kind: 'saving' })
    try {
      let answer: FlowJson
      if (!saved.id) {
        answer = await api.post('/api/v1/flows', { query: teamId ? { teamId } : {}, body: definition })
        rememberCreatedFlow(answer.id)
        navigate(`/flows/${answer.id}`, { replace: true })
      } else {
        answer = await api.put('/api/v1/flows/{id}', {
          path: { id: saved.id },
          body: { revision: saved.revision ?? 1, definition },
        })
      }
      setSaved({ id: answer.id, revision: answer.revision, latestVersion: answer.latestVersion, json })
      setSaveState({ kind: 'saved' })
      return answer.revision === undefined ? undefined : { id: answer.id, revision: answer.revision }
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 409) setSaveState({ kind: 'conflict' })
      else setSaveState({ kind: 'error', error })
      return undefined
    } finally {
      saving.current = false
    }
  }, [definition, saved, teamId])

  const dirty = JSON.stringify(definition) !== saved.json
  // Since when there are changes no save has started for: someone who keeps typing without a
  // pause of `autosaveDelay` still gets the draft saved every `autosaveMaxWait`.
  const unsavedSince = useRef<number | undefined>(undefined)
  useEffect(() => {
    if (!dirty) {
      unsavedSince.current = undefined
      return
    }
    if (saveState.kind === 'conflict') return
    setSaveState((current) => (current.kind === 'saving' ? current : { kind: 'unsaved' }))
    unsavedSince.current ??= Date.now()
    const untilMaxWait = unsavedSince.current + autosaveMaxWait - Date.now()
    const timer = window.setTimeout(
      () => {
        if (!saving.current) unsavedSince.current = undefined
        void save()
      },
      Math.max(0, Math.min(autosaveDelay, untilMaxWait)),
    )
    return () => window.clearTimeout(timer)
    // save changes with every edit; the timer restarts on each one, up to the longest wait
  }, [dirty, save, saveState.kind])

  const reloadNewest = useCallback(async () => {
    if (!saved.id) return
    try {
      const newest = await api.get('/api/v1/flows/{id}', { path: { id: saved.id } })
      const nextMeta = {
        ...meta,
        name: newest.definition.name,
        description: newest.definition.description ?? '',
      }
      const nextGraph = fromDefinition(newest.definition)
      onReloaded(nextMeta, nextGraph)
      setSaved({
        id: newest.id,
        revision: newest.revision,
        latestVersion: newest.latestVersion,
        json: JSON.stringify(toDefinition(nextMeta, nextGraph)),
      })
      setSaveState({ kind: 'saved' })
    } catch (error) {
      setSaveState({ kind: 'error', error })
    }
  }, [meta, onReloaded, saved.id])

  /** Notes a version published from the saved draft. */
  const published = useCallback(
    (version: number) => setSaved((old) => ({ ...old, latestVersion: version })),
    [],
  )

  return { saved, saveState, save, reloadNewest, published }
}

/** The problem shown when publishing or a test run needs a saved draft and saving did not work. */
export function notSavedProblem(text: string): ApiProblem {
  return new ApiProblem(-1, 'editor.not_saved', { nl: text, en: text })
}
