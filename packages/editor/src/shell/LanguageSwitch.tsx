import { useTranslation } from 'react-i18next'
import { currentLang, switchLanguage } from '../i18n'

/** A button that switches between Dutch and English; it names the language it switches to. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const other = currentLang(i18n.language) === 'nl' ? 'en' : 'nl'
  return (
    <button type="button" className="link-button" lang={other} onClick={() => switchLanguage(other)}>
      {t('app.switchLanguage')}
    </button>
  )
}
