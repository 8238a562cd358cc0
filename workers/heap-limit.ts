/**
 * The worker's V8 heap limit. A run holds at most a page of full records (planning and finishing go 1,000 people at
 * a time; an Xledger page is at most 10,000), so at 10,000 employees its live heap stays under 128 MB (the
 * benchmark runs with half this limit). Without a limit V8 keeps hundreds of MB of collected garbage committed between
 * runs; with it the worker fits a 512 MB container. Raise it for connections far beyond 10,000 people.
 */
export const WORKER_HEAP_MB = 256;

/** Node flags the worker process is started with (`npm run worker`, the benchmark's and tests' worker processes). */
export const WORKER_NODE_FLAGS: readonly string[] = [`--max-old-space-size=${WORKER_HEAP_MB}`];
