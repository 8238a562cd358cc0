/**
 * Xledger's documented limits (../shared/docs/xledger-api.md), defined once: the client, the fake Xledger, the
 * planners and the benchmark all read them from here.
 */

/** At most this many nodes in one mass mutation (`addEmployees`, `updateContacts` …). */
export const MAX_BULK_NODES = 500;

/** At most this many nodes in one page of a connection (`first`). */
export const MAX_PAGE_SIZE = 10_000;
