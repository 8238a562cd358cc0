/** Public surface of the Xledger client (the fake lives in ./fake and is imported from there). */
export { createXledgerClient, DEFAULT_LIMIT } from './client/client';
export type { Reader, Writer, XledgerClient, XledgerClientOptions, XledgerLogger } from './client/client';
export * from './client/errors';
export * from './client/formats';
export { SlidingWindowLimiter, Semaphore } from './client/limiter';
export { DEFAULT_RETRY, retryDelay } from './client/retry';
export type { RetryOptions } from './client/retry';
export { ALL_OPERATIONS, Ops, ProbeOps } from './client/operations';
export type { AnyOperation, BulkOperation, Connection, ListOperation, RemoveOperation } from './client/operations';
export { MAX_PAGE_SIZE } from './client/paging';
export type { ListOptions, Page } from './client/paging';
export { MAX_BULK_NODES } from './client/bulk';
export type { BulkOutcome } from './client/bulk';
export type * from './client/inputs';
export type * from './client/schemas';
export { probeConnection } from './probe';
export type { AreaProbe, ProbeReport, ProbeStatus } from './probe';
export * from './scopes';
