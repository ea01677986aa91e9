import { useEffect } from 'react'
import { api } from '../api/client'

/** Seconds between beats; the server counts a gap of at most 60 seconds as work. */
const beatSeconds = 20
/** Without a key press, click or scroll for this long, the person is taken to be away. */
const idleMs = 120_000

/**
 * Sends a light activity beat for an open task while its tab is visible and was used in the
 * last two minutes, so the impact report counts handling time, not an open tab over lunch.
 * Beats carry no content; a failed beat is simply lost.
 */
export function useActivityBeat(taskId: string | undefined, open: boolean): void {
  useEffect(() => {
    if (!taskId || !open) return
    let lastInput = Date.now()
    const used = () => {
      lastInput = Date.now()
    }
    const events = ['keydown', 'pointerdown', 'scroll', 'input'] as const
    for (const name of events) window.addEventListener(name, used, { passive: true, capture: true })
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'visible' || Date.now() - lastInput > idleMs) return
      api.post('/api/v1/tasks/{id}/activity', { path: { id: taskId } }).catch(() => undefined)
    }, beatSeconds * 1000)
    return () => {
      window.clearInterval(timer)
      for (const name of events) window.removeEventListener(name, used, { capture: true })
    }
  }, [taskId, open])
}
