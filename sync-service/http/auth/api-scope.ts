import type { SyncScope } from './auth-options.ts';

/**
 * The scope a request under `/api/v1` needs, from its method and path: the operator's conflicts
 * apart, anything that changes something is a bank write (`PATCH /crm/…`, `POST /crm/contact|task`,
 * `POST /clients/:id/interactions`) and everything else a read of the cache. Decided by method
 * rather than by listing routes, so a route added later is never left open by omission.
 */
export function apiScope(method: string, path: string): SyncScope {
  if (path === '/conflicts' || path.startsWith('/conflicts/')) return 'conflicts:resolve';
  return method === 'GET' || method === 'HEAD' ? 'cache:read' : 'crm:write';
}
