import type { Access, ScopeArea } from '../scopes';
import type { OwnerSetArg } from './auth';
import { requireScope, visibleOwners, writableOwners } from './auth';
import type { FakeState } from './state';
import type { FakeTokenConfig } from './types';

/** Per-request context handed to every resolver. */
export class RequestContext {
  /** Nodes written by this request (for stats and crash-after-writes). */
  written = 0;

  constructor(
    readonly state: FakeState,
    readonly token: FakeTokenConfig,
  ) {}

  require(area: ScopeArea, access: Access): void {
    requireScope(this.token, area, access);
  }

  visible(ownerSet: OwnerSetArg | null | undefined): Set<number> {
    return visibleOwners(this.token.ownerDbId, ownerSet, this.state.tables.entities.rows);
  }

  /** Owners reachable for lookups and writes: the token's entity and its sub-entities, plus parents (read). */
  lookupOwners(): Set<number> {
    return this.visible('ALL');
  }

  writable(): Set<number> {
    return writableOwners(this.token.ownerDbId, this.state.tables.entities.rows);
  }
}
