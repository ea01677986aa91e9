import { useTranslation } from 'react-i18next'
import type { ApiAnswer } from '../api/types'
import type { SubjectIdentifiers } from './subjects'

/** What the API holds about one person (`POST /api/v1/subjects/find`). */
export type SubjectFindJson = ApiAnswer<'/api/v1/subjects/find', 'post'>
/** What an erasure removed (`POST /api/v1/subjects/erase`). */
export type SubjectErasedJson = ApiAnswer<'/api/v1/subjects/erase', 'post'>['erased']

/** The e-mail address and phone number searched for, as one line. */
export function IdentifiersText({ query }: { query: SubjectIdentifiers }) {
  const { t } = useTranslation()
  const parts = [
    query.email ? t('subjects.emailIs', { email: query.email }) : undefined,
    query.phone ? t('subjects.phoneIs', { phone: query.phone }) : undefined,
  ].filter((part) => part !== undefined)
  return <>{parts.join(', ')}</>
}

/** Counts as a definition list, one row per kind (texts `subjects.<prefix>.<key>`). */
export function CountList({
  counts,
  keys,
  prefix,
  className,
}: {
  counts: Partial<Record<string, number>>
  keys: readonly string[]
  prefix: 'count' | 'erasedCount'
  className?: string
}) {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en-GB' : 'nl-NL')
  return (
    <dl className={`subjects-counts ${className ?? ''}`}>
      {keys.map((key) => (
        <div key={key} className={(counts[key] ?? 0) > 0 ? 'subjects-count-some' : undefined}>
          <dt>{t(`subjects.${prefix}.${key}`)}</dt>
          <dd>{number.format(counts[key] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  )
}
