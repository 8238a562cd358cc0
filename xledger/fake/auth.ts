import type { Access, ScopeArea } from '../scopes';
import { SCOPE_AREAS } from '../scopes';
import { BAD_TOKEN_MESSAGE, FakeError } from './errors';
import type { EntityRow, FakeTokenConfig } from './types';

export type AuthResult = { ok: true; token: FakeTokenConfig } | { ok: false; message: string; code?: string };

/** Pure: check the Authorization header against the configured tokens. */
export function authenticate(header: string | undefined, tokens: readonly FakeTokenConfig[]): AuthResult {
  const m = /^token\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return { ok: false, message: BAD_TOKEN_MESSAGE };
  const token = tokens.find((t) => t.token === m[1]);
  // Text for a well-formed but unknown token is assumed; Xledger's real wording is not public.
  if (!token) return { ok: false, message: 'Invalid API Token. The token is unknown, expired or revoked.', code: 'UNAUTHENTICATED' };
  return { ok: true, token };
}

export function hasScope(token: FakeTokenConfig, area: ScopeArea, access: Access): boolean {
  if (token.scopes === 'all') return true;
  const grant = token.scopes[area];
  if (!grant) return false;
  return grant === 'read/write' || grant === access;
}

export function requireScope(token: FakeTokenConfig, area: ScopeArea, access: Access): void {
  if (hasScope(token, area, access)) return;
  // Wording assumed: the real permission error text is unknown. It names the area as the token UI does.
  throw new FakeError(`Access denied: the API token does not have the scope "${area}" (${access}).`, {
    extensions: { code: 'ACCESS_DENIED', scope: area, access },
  });
}

export function grantedAreas(token: FakeTokenConfig): ScopeArea[] {
  return SCOPE_AREAS.filter((a) => hasScope(token, a, 'read') || hasScope(token, a, 'write'));
}

export type OwnerSetArg = 'CURRENT' | 'UPPER' | 'LOWER' | 'MINE' | 'ALL';

function descendants(root: number, entities: readonly EntityRow[]): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    for (const e of entities) if (e.parentDbId === out[i]) out.push(e.dbId);
  }
  return out;
}

function ancestors(root: number, entities: readonly EntityRow[]): number[] {
  const byId = new Map(entities.map((e) => [e.dbId, e]));
  const out = [root];
  let cur = byId.get(root)?.parentDbId ?? null;
  while (cur !== null && !out.includes(cur)) {
    out.push(cur);
    cur = byId.get(cur)?.parentDbId ?? null;
  }
  return out;
}

/**
 * Owners whose rows a request sees. Semantics assumed: CURRENT/MINE = the token's entity (default),
 * LOWER = it and its sub-entities, UPPER = it and its parents, ALL = both.
 */
export function visibleOwners(tokenOwner: number, ownerSet: OwnerSetArg | null | undefined, entities: readonly EntityRow[]): Set<number> {
  switch (ownerSet ?? 'CURRENT') {
    case 'CURRENT':
    case 'MINE':
      return new Set([tokenOwner]);
    case 'LOWER':
      return new Set(descendants(tokenOwner, entities));
    case 'UPPER':
      return new Set(ancestors(tokenOwner, entities));
    case 'ALL':
      return new Set([...descendants(tokenOwner, entities), ...ancestors(tokenOwner, entities)]);
  }
}

/** Entities a token may write to: its own and its sub-entities. */
export function writableOwners(tokenOwner: number, entities: readonly EntityRow[]): Set<number> {
  return new Set(descendants(tokenOwner, entities));
}
