/**
 * SEMINE's owner-entity rule (seed 003): a connection's token is made on the owner entity and reaches its client
 * entities; data created on the owner entity is for every client, data created on a client entity only for that
 * client. So client entity X sees the owner's records and its own, never another client's.
 */
export function visibleOwnerIds(ownerEntityId: number, clientEntityId?: number): number[] {
  return clientEntityId === undefined || clientEntityId === ownerEntityId ? [ownerEntityId] : [ownerEntityId, clientEntityId];
}

export function isVisibleTo(recordOwnerDbId: number | null, ownerEntityId: number, clientEntityId?: number): boolean {
  return recordOwnerDbId !== null && visibleOwnerIds(ownerEntityId, clientEntityId).includes(recordOwnerDbId);
}
