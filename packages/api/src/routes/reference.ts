import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../context.js'

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  )

interface Operation {
  summary?: string
  responses?: Record<string, { description?: string; $ref?: string }>
}

/**
 * `GET /api/v1/docs`: a plain, readable reference of every route (method, path, what it does,
 * its answers), made from the same OpenAPI document; no scripts, no outside resources.
 */
export function registerReference(
  app: OpenAPIHono<AppEnv>,
  info: { title: string; version: string; description: string },
  document: () => ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']> = () =>
    app.getOpenAPI31Document({ openapi: '3.1.0', info }),
) {
  app.get('/api/v1/docs', (c) => {
    const doc = document()
    // Shared answers are references into components.responses.
    const shared = (doc.components?.responses ?? {}) as Record<string, { description?: string }>
    const describe = (r: { description?: string; $ref?: string }) =>
      r.description ?? shared[r.$ref?.split('/').pop() ?? '']?.description ?? ''
    const rows: string[] = []
    for (const [path, operations] of Object.entries(doc.paths ?? {})) {
      for (const [method, raw] of Object.entries(operations as Record<string, Operation>)) {
        const answers = Object.entries(raw.responses ?? {})
          .map(([status, r]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(describe(r))}</li>`)
          .join('')
        rows.push(
          `<tr><td><code>${escapeHtml(method.toUpperCase())}</code></td><td><code>${escapeHtml(path)}</code></td>` +
            `<td>${escapeHtml(raw.summary ?? '')}</td><td><ul>${answers}</ul></td></tr>`,
        )
      }
    }
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(info.title)}</title>` +
        '<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:75rem}table{border-collapse:collapse;width:100%}' +
        'td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}ul{margin:0;padding-left:1rem}</style>' +
        `</head><body><h1>${escapeHtml(info.title)} ${escapeHtml(info.version)}</h1><p>${escapeHtml(info.description)}</p>` +
        '<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Errors are ' +
        '<code>application/problem+json</code> with a stable <code>code</code> and a message in Dutch and English.</p>' +
        `<table><thead><tr><th>method</th><th>path</th><th>what</th><th>answers</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`,
    )
  })
}
