import { describe, expect, it } from 'vitest'
import { api, apiUrl } from './client'

describe('apiUrl', () => {
  it('fills path values URL-encoded and appends the query, leaving out empty values', () => {
    expect(
      apiUrl('/api/v1/flows/{id}/versions/{version}/rollback', { id: 'a b/c', version: 3 }, undefined),
    ).toBe('/api/v1/flows/a%20b%2Fc/versions/3/rollback')
    expect(apiUrl('/api/v1/runs', undefined, { flowId: 'f1', limit: 10, status: undefined })).toBe(
      '/api/v1/runs?flowId=f1&limit=10',
    )
    expect(apiUrl('/api/v1/tasks', undefined, { view: ['mine', 'team'] })).toBe(
      '/api/v1/tasks?view=mine&view=team',
    )
    expect(apiUrl('/api/v1/flows', undefined, {})).toBe('/api/v1/flows')
  })

  it('refuses a template whose path value is missing', () => {
    expect(() => apiUrl('/api/v1/flows/{id}', {}, undefined)).toThrow(TypeError)
  })
})

// Compile-time checks: `pnpm typecheck` fails when one of these calls stops being an error, so
// the client keeps refusing paths, path values and bodies the OpenAPI document does not have.
export function callsTheApiDoesNotHave(): void {
  // @ts-expect-error: the API has no `/api/v1/flow`
  void api.get('/api/v1/flow')
  // @ts-expect-error: `/api/v1/flows/{id}` needs its id
  void api.get('/api/v1/flows/{id}')
  // @ts-expect-error: publishing is a POST, not a GET
  void api.get('/api/v1/flows/{id}/publish', { path: { id: 'f' } })
  // @ts-expect-error: signing in needs a password too
  void api.post('/api/v1/auth/login', { body: { email: 'a@example.org' } })
  // @ts-expect-error: `view` is one of the inbox lists
  void api.get('/api/v1/tasks', { query: { view: 'everything' } })
}
