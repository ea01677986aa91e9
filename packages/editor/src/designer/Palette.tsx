import { memo, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CatalogueNode } from '../api/types'
import { pick } from '../i18n'
import { categoryOrder } from './catalogue'
import { NodeIcon } from './icons'

/** The drag-and-drop type of a palette item; the data is the node's `type@version`. */
export const paletteMime = 'application/x-warmflow-node'

/**
 * The node palette, grouped by category, from the API's catalogue. Drag an item onto the
 * canvas, or press Enter on it to place it in the middle.
 */
export const Palette = memo(function Palette({
  catalogue,
  onAdd,
}: {
  catalogue: CatalogueNode[]
  onAdd(item: CatalogueNode): void
}) {
  const { t, i18n } = useTranslation()
  const [search, setSearch] = useState('')
  const groups = useMemo(() => {
    const words = search.trim().toLowerCase()
    const byCategory = new Map<string, CatalogueNode[]>()
    for (const item of catalogue) {
      const text = `${pick(item.title, i18n.language)} ${pick(item.description, i18n.language)} ${item.type}`
      if (words && !text.toLowerCase().includes(words)) continue
      byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item])
    }
    const order = (category: string) => {
      const at = categoryOrder.indexOf(category)
      return at === -1 ? categoryOrder.length : at
    }
    return [...byCategory.entries()].sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
  }, [catalogue, search, i18n.language])

  return (
    <aside className="palette" aria-labelledby="palette-heading">
      <h2 id="palette-heading">{t('palette.heading')}</h2>
      <label htmlFor="palette-search" className="visually-hidden">
        {t('palette.search')}
      </label>
      <input
        id="palette-search"
        type="search"
        placeholder={t('palette.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <p className="muted small-text">{t('palette.hint')}</p>
      {groups.length === 0 && <p>{t('palette.none')}</p>}
      {groups.map(([category, items]) => (
        <section key={category} aria-labelledby={`palette-${category}`}>
          <h3 id={`palette-${category}`}>{t(`category.${category}`, { defaultValue: category })}</h3>
          <ul className="palette-list">
            {items.map((item) => (
              <li key={item.key}>
                <button
                  type="button"
                  className={`palette-item cat-${item.category}`}
                  draggable
                  data-node-type={item.type}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(paletteMime, `${item.type}@${item.version}`)
                    event.dataTransfer.effectAllowed = 'move'
                  }}
                  onClick={() => onAdd(item)}
                  aria-describedby={item.description ? `palette-desc-${item.key}` : undefined}
                >
                  <NodeIcon name={item.icon} category={item.category} />
                  <span>
                    <span className="palette-title">{pick(item.title, i18n.language)}</span>
                    {item.description && (
                      <span className="palette-description" id={`palette-desc-${item.key}`}>
                        {pick(item.description, i18n.language)}
                      </span>
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  )
})
