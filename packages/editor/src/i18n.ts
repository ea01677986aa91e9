/** The editor's texts, Dutch first. Every key exists in both languages (checked by the type). */
export const texts = {
  nl: {
    appTitle: 'Warmflow',
    tagline: 'Slim automatiseren, warm verbinden',
    flows: 'Flows',
    loading: 'Bezig met laden…',
    noFlows: 'Er zijn nog geen flows.',
    version: 'versie',
    back: 'Terug naar de lijst',
    loadError:
      'De gegevens konden niet worden geladen. Controleer of Warmflow draait en probeer het opnieuw.',
    retry: 'Opnieuw proberen',
    language: 'English',
    canvasLabel: 'Schema van de flow',
  },
  en: {
    appTitle: 'Warmflow',
    tagline: 'Automate smartly, connect warmly',
    flows: 'Flows',
    loading: 'Loading…',
    noFlows: 'There are no flows yet.',
    version: 'version',
    back: 'Back to the list',
    loadError: 'The data could not be loaded. Check that Warmflow is running and try again.',
    retry: 'Try again',
    language: 'Nederlands',
    canvasLabel: 'Diagram of the flow',
  },
} as const satisfies Record<'nl' | 'en', Record<string, string>>

export type Lang = keyof typeof texts
export type TextKey = keyof (typeof texts)['nl']
