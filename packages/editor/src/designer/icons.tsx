/** SVG paths (24×24, stroked) for the icon names nodes declare; unknown names get a square. */
const paths: Record<string, string> = {
  play: 'M7 5l12 7-12 7z',
  form: 'M5 4h14v16H5zM8 8h8M8 12h8M8 16h5',
  webhook: 'M12 4a4 4 0 0 1 3 6.6L18 16M6 16a4 4 0 1 0 6 3.5H18M9 11l-3 5',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3 2',
  sparkles:
    'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z',
  users:
    'M9 11a3 3 0 1 0 0-6a3 3 0 1 0 0 6zM3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 5a3 3 0 0 1 0 6M18 14c2 .7 3 2.8 3 6',
  table: 'M4 5h16v14H4zM4 10h16M4 15h16M10 5v14',
  database:
    'M12 4c4.4 0 8 1.3 8 3s-3.6 3-8 3-8-1.3-8-3 3.6-3 8-3zM4 7v10c0 1.7 3.6 3 8 3s8-1.3 8-3V7M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  mail: 'M4 6h16v12H4zM4 6l8 7 8-7',
  check: 'M5 12l5 5L20 7',
  person: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8zM4 21c0-4.4 3.6-8 8-8s8 3.6 8 8',
  branch: 'M6 3v12M6 15a3 3 0 1 0 0 6a3 3 0 1 0 0-6zM18 9a3 3 0 1 0 0-6a3 3 0 1 0 0 6zM18 9c0 4-6 4-12 6',
  merge: 'M6 3v6c0 4 6 4 6 8v4M18 3v6c0 4-6 4-6 8',
  transform: 'M4 7h12M12 3l4 4-4 4M20 17H8M12 13l-4 4 4 4',
  globe: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  bell: 'M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0',
  send: 'M4 12l16-8-6 16-3-7z',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
}

const aliases: Record<string, string> = {
  split: 'branch',
  signpost: 'branch',
  hourglass: 'clock',
  'user-check': 'person',
  wand: 'transform',
  'database-edit': 'database',
  'database-plus': 'database',
  'database-search': 'database',
  'list-checks': 'check',
  'pen-line': 'file',
  'shield-check': 'shield',
  tags: 'table',
  'users-match': 'users',
}

const byCategory: Record<string, string> = {
  trigger: 'play',
  ai: 'sparkles',
  privacy: 'shield',
  matching: 'users',
  data: 'database',
  notify: 'mail',
  control: 'person',
  logic: 'branch',
}

/** A small line icon; decorative, so hidden from screen readers (the text says what it is). */
export function NodeIcon({ name, category }: { name?: string; category?: string }) {
  const path =
    paths[name ?? ''] ??
    paths[aliases[name ?? ''] ?? ''] ??
    paths[byCategory[category ?? ''] ?? ''] ??
    'M5 5h14v14H5z'
  return (
    <svg
      className="node-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={path} />
    </svg>
  )
}
