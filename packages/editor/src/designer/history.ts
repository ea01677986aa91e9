/** Past and future states for undo and redo; `present` is what the canvas shows. */
export interface History<T> {
  past: T[]
  present: T
  future: T[]
}

/** Most steps kept; older ones are dropped. */
export const historyLimit = 100

/** A fresh history with nothing to undo. */
export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] }
}

/** Records a change: the old present can be undone, redo is cleared. */
export function record<T>(history: History<T>, next: T): History<T> {
  if (next === history.present) return history
  return { past: [...history.past, history.present].slice(-historyLimit), present: next, future: [] }
}

/** Replaces the present without an undo step (e.g. selection, or the frames of a drag). */
export function replace<T>(history: History<T>, next: T): History<T> {
  return { ...history, present: next }
}

/** Goes one step back, if there is one. */
export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1)
  if (previous === undefined) return history
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] }
}

/** Goes one step forward again, if there is one. */
export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future
  if (next === undefined) return history
  return { past: [...history.past, history.present], present: next, future: rest }
}

/**
 * Records a change that happened in many small steps (a drag): `origin` becomes one undo step,
 * the present stays.
 */
export function recordFrom<T>(history: History<T>, origin: T): History<T> {
  if (origin === history.present) return history
  return { past: [...history.past, origin].slice(-historyLimit), present: history.present, future: [] }
}
