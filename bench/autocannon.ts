/**
 * autocannon's programmatic API, typed for the bench. The package ships no types; loading it with
 * require and typing it here (instead of a global `declare module`) keeps these types from
 * clashing with any other declaration of the module in the project.
 */
import { createRequire } from 'node:module';

export interface Request {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * Called before each request; `context` lives for one pass over the `requests` list of one
   * connection. With `workers`, the absolute path of a CommonJS file exporting the function.
   */
  setupRequest?: ((req: Request, context: Record<string, unknown>) => Request | null | undefined) | string;
  /** Anything else is handed to setupRequest with the request (bench/load-requests.cjs reads it). */
  [field: string]: unknown;
}

export interface Options {
  url: string;
  connections?: number;
  duration?: number;
  /** Worker threads sending the load; connections are shared out among them. */
  workers?: number;
  timeout?: number;
  headers?: Record<string, string>;
  requests?: Request[];
}

export interface Histogram {
  average: number;
  mean: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p99: number;
}

export interface Result {
  requests: Histogram;
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

/** An event emitter that can be awaited (it has `then`), and stopped early. */
export type Instance = PromiseLike<Result> & { stop(): void };

export const autocannon = createRequire(import.meta.url)('autocannon') as (opts: Options) => Instance;
