/** What the closing block of `warmflow start` shows. */
export interface StartupSummary {
  url: string
  /** Where worker and bundler output went (absent: to this terminal). */
  logFile?: string | undefined
  /** The editor page of the local test outbox, when e-mail goes there. */
  outboxUrl?: string | undefined
  /** Lines that need attention (e.g. flows that cannot send e-mail), in both languages. */
  warnings?: readonly string[]
  /** The first administrator, only on the start that created it; always shown last. */
  firstAdmin?: { email: string; password: string } | undefined
}

/**
 * The framed block `warmflow start` prints last, after everything else: where Warmflow runs,
 * where its logs and test outbox are and, on the first start, the administrator's e-mail and
 * password as its final lines, so they are never scrolled away by later output.
 *
 * @example
 * startupBanner({ url: 'http://127.0.0.1:3000' }).join('\n')
 */
export function startupBanner(summary: StartupSummary): string[] {
  const lines: string[] = [
    `Warmflow is running / Warmflow draait: ${summary.url}`,
    'Press Ctrl+C to stop. / Druk op Ctrl+C om te stoppen.',
  ]
  if (summary.logFile) lines.push(`Logs: ${summary.logFile}  (WARMFLOW_VERBOSE=1 shows them here)`)
  if (summary.outboxUrl) {
    lines.push(
      '',
      'Without an SMTP credential, e-mail goes to the test outbox, not to anyone. /',
      'Zonder SMTP-inloggegevens gaat e-mail naar het testpostvak, niet naar iemand.',
      `Testpostvak / test outbox: ${summary.outboxUrl}`,
    )
  }
  if (summary.warnings?.length) lines.push('', ...summary.warnings)
  if (summary.firstAdmin) {
    lines.push(
      '',
      'First administrator / eerste beheerder:',
      'Write it down: it is shown only now. / Schrijf het op: het wordt alleen nu getoond.',
      `  e-mail:   ${summary.firstAdmin.email}`,
      `  password: ${summary.firstAdmin.password}`,
    )
  }
  const width = Math.max(...lines.map((l) => l.length))
  return [
    `╭${'─'.repeat(width + 2)}╮`,
    ...lines.map((l) => `│ ${l.padEnd(width)} │`),
    `╰${'─'.repeat(width + 2)}╯`,
  ]
}
