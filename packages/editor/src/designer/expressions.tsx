import { evaluateExpression } from '@warmflow/engine/core'
import { createContext, useContext, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** What expression fields of the selected node can offer: names to pick and sample data. */
export interface ExpressionHelp {
  /** References such as `$nodes.intake.voornaam` or `voornaam`, from upstream nodes. */
  suggestions: string[]
  /** The node's input in the last test run, when there was one. */
  sample?: { data: unknown; bindings: Record<string, unknown> }
}

/** Expression help for the node whose settings are open. */
export const ExpressionContext = createContext<ExpressionHelp>({ suggestions: [] })

/** Settings whose text is a JSONata expression (by name, or inside a mapping of that name). */
export function isExpressionSetting(name: string, parent?: string): boolean {
  return (
    /^(expression|when|until)$/.test(name) || (parent !== undefined && /^(fields|data|input)$/.test(parent))
  )
}

/**
 * A one-line expression input with suggestions of upstream fields, and a preview of its result
 * against the last test run's data (evaluated with the engine's JSONata limits, never as code).
 */
export function ExpressionInput({
  id,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  id: string
  value: string
  onChange(value: string): void
  describedBy?: string
  invalid?: boolean
}) {
  const { t } = useTranslation()
  const { suggestions, sample } = useContext(ExpressionContext)
  const listId = useId()
  const [preview, setPreview] = useState<{ ok: boolean; text: string } | undefined>()
  useEffect(() => {
    if (!sample || !value.trim()) {
      setPreview(undefined)
      return
    }
    let current = true
    const timer = window.setTimeout(() => {
      evaluateExpression(value, sample.data, sample.bindings).then(
        (result) =>
          current && setPreview({ ok: true, text: result === undefined ? '–' : JSON.stringify(result) }),
        (error: unknown) =>
          current && setPreview({ ok: false, text: error instanceof Error ? error.message : String(error) }),
      )
    }, 250)
    return () => {
      current = false
      window.clearTimeout(timer)
    }
  }, [value, sample])
  return (
    <>
      <input
        id={id}
        className="code"
        list={listId}
        value={value}
        aria-describedby={
          [describedBy, preview ? `${id}-preview` : ''].filter(Boolean).join(' ') || undefined
        }
        aria-invalid={invalid || undefined}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
      />
      <datalist id={listId}>
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
      {preview && (
        <p
          id={`${id}-preview`}
          className={preview.ok ? 'field-help preview' : 'field-error'}
          aria-live="polite"
        >
          {preview.ok
            ? t('expression.preview', { value: preview.text })
            : t('expression.failed', { message: preview.text })}
        </p>
      )}
    </>
  )
}
