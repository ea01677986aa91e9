import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { JsonSchema } from '../api/types'
import { pick } from '../i18n'
import type { FlowProblem } from './catalogue'
import { SchemaForm } from './SchemaForm'

/**
 * A node's input mapping: fields with a formula each (`$nodes.<id>.…`, `$input.…`), which replace
 * the output of the nodes before it as the node's input. Folded away until a node has one.
 */
export function InputMapping({
  value,
  problems,
  onChange,
}: {
  value: Record<string, string> | undefined
  /** The node's problems; those about a mapped field are shown beside it. */
  problems: readonly FlowProblem[]
  onChange(value: Record<string, string> | undefined): void
}) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const errors = useMemo(() => {
    const map = new Map<string, string>()
    for (const problem of problems) {
      if (problem.path?.[0] === 'input' && problem.path.length === 2) {
        map.set(problem.path.join('.'), pick(problem.message, i18n.language))
      }
    }
    return map
  }, [problems, i18n.language])
  const schema = useMemo(
    (): JsonSchema => ({
      type: 'object',
      properties: {
        input: {
          type: 'object',
          additionalProperties: { type: 'string' },
          'x-title': { nl: t('inputMapping.fields'), en: t('inputMapping.fields') },
        },
      },
    }),
    [t],
  )
  const count = Object.keys(value ?? {}).length
  return (
    <details className="input-mapping" open={count > 0 || undefined}>
      <summary id={headingId}>
        {t('inputMapping.heading')}
        {count > 0 ? ` (${count})` : ''}
      </summary>
      <section aria-labelledby={headingId}>
        <p className="field-help">{t('inputMapping.help')}</p>
        <SchemaForm
          schema={schema}
          value={{ input: value ?? {} }}
          errors={errors}
          onChange={(next) => {
            const mapping = (next.input ?? {}) as Record<string, string>
            onChange(Object.keys(mapping).length > 0 ? mapping : undefined)
          }}
        />
      </section>
    </details>
  )
}
