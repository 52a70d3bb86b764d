import type { ProxyConnectionAccess, ProxyConnections } from "./proxy-connections.js";
import { errorResponse, proxyError } from "./proxy-error.js";

/** What a handler behind {@link connectionHandler} is given for one request. */
export interface ConnectionRequest {
  request: Request;
  /** The caller's `Connection-Id`. */
  connectionId: string;
  access: ProxyConnectionAccess;
  /** Aborts when the caller leaves, the server shuts down or the timeout fires. */
  signal: AbortSignal;
  /** Starts the timeout (→ 504); call the returned function once Help Scout answered. */
  startTimeout(): () => void;
}

/** Settings shared by every {@link connectionHandler} of an app. */
export interface ConnectionHandlerOptions {
  connections: ProxyConnections;
  timeoutMs: number;
  /** Server shutdown. */
  signal: AbortSignal | undefined;
  secrets: readonly string[];
  log: ((entry: ProxyLogEntry) => void) | undefined;
  onError: ((error: unknown) => void) | undefined;
}

/** One answered request, as the proxy's `log` option is told about it. */
export interface ProxyLogEntry {
  method: string;
  /** The path without the query. */
  path: string;
  /** The caller's `Connection-Id`, when sent. */
  connectionId: string | undefined;
  status: number;
  ms: number;
}

/**
 * Wraps a handler that needs the caller's connection: a missing `Connection-Id` is a 400, an
 * unknown one a 404, and whatever the handler throws becomes the proxy's JSON error (504 after
 * the timeout, 502 when Help Scout is unreachable, …). Every answer is logged.
 */
export function connectionHandler(
  options: ConnectionHandlerOptions,
  serve: (context: ConnectionRequest) => Promise<Response>,
): (request: Request) => Promise<Response> {
  const { secrets } = options;
  return async (request) => {
    const started = performance.now();
    const connectionId = request.headers.get("connection-id")?.trim() || undefined;
    const controller = new AbortController();
    const signal = AbortSignal.any([
      request.signal,
      controller.signal,
      ...(options.signal ? [options.signal] : []),
    ]);
    let timedOut = false;
    const startTimeout = () => {
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
      return () => clearTimeout(timer);
    };
    let response: Response;
    try {
      if (connectionId === undefined) {
        const message = "name the connection in a `Connection-Id` header.";
        response = proxyError(400, "missing_connection_id", message, secrets);
      } else {
        const access = await options.connections(connectionId);
        response = access
          ? await serve({ request, connectionId, access, signal, startTimeout })
          : proxyError(
              404,
              "connection_not_found",
              `no connection "${connectionId.slice(0, 200)}" here.`,
              secrets,
            );
      }
    } catch (error) {
      const shuttingDown = options.signal?.aborted === true;
      const failed = errorResponse(error, { timedOut, shuttingDown, secrets });
      if (failed.unexpected) options.onError?.(error);
      response = failed.response;
    }
    options.log?.({
      method: request.method,
      path: new URL(request.url).pathname,
      connectionId,
      status: response.status,
      ms: Math.round(performance.now() - started),
    });
    return response;
  };
}
