import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createProxyApp, type ProxyAppOptions } from "./proxy-app.js";

/** Options of {@link startProxyServer}: where to listen, plus those of `createProxyApp`. */
export interface StartProxyServerOptions extends ProxyAppOptions {
  /** TCP port; `0` picks a free one. Default {@link DEFAULT_PROXY_PORT}. */
  port?: number;
  /** Interface to listen on; `127.0.0.1` unless given. */
  host?: string;
  /**
   * Allow a non-loopback `host`. The proxy spends its connections' credentials for whoever holds
   * the key, so it stays on this machine unless asked.
   */
  allowRemote?: boolean;
  /** How long `close()` lets requests in flight finish before cutting them, ms. Default 5000. */
  gracePeriodMs?: number;
}

/** A running proxy server. */
export interface RunningProxyServer {
  /** Base URL, e.g. `http://127.0.0.1:8990`. */
  url: string;
  /** The port listened on. */
  port: number;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then cuts the rest. */
  close(): Promise<void>;
}

/** The port `helpscout proxy` listens on unless told otherwise. */
export const DEFAULT_PROXY_PORT = 8990;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/**
 * Serves {@link createProxyApp} over HTTP on `127.0.0.1`. On loopback it only answers requests
 * addressed to loopback names (`Host: 127.0.0.1:<port>` or `localhost:<port>`), so a web page
 * cannot reach it through DNS rebinding.
 *
 * @throws Error for a non-loopback `host` without `allowRemote`; the listen error (e.g.
 *   `EADDRINUSE`) when the port is taken.
 * @example
 * const proxy = await startProxyServer({ port: 0, key: process.env.HELPSCOUT_PROXY_KEY, connections });
 * console.log(`proxy on ${proxy.url}`);
 * await proxy.close();
 */
export async function startProxyServer(
  options: StartProxyServerOptions,
): Promise<RunningProxyServer> {
  const { port = DEFAULT_PROXY_PORT, host = "127.0.0.1", allowRemote = false } = options;
  const loopback = LOOPBACK.test(host);
  if (!allowRemote && !loopback) {
    throw new Error(
      `@terapi/helpscout-cli: refusing to listen on ${host}; the proxy spends its connections' credentials, pass allowRemote to listen beyond loopback`,
    );
  }
  const shutdown = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, shutdown.signal])
    : shutdown.signal;
  const make = (allowedHosts: readonly string[] | undefined) =>
    createProxyApp({ ...options, signal, ...(allowedHosts ? { allowedHosts } : {}) });
  // Made once before listening so bad options fail first; again once the port is known.
  let app = make(options.allowedHosts);
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve(
      {
        fetch: (request: Request) => app.fetch(request),
        port,
        hostname: host,
        overrideGlobalObjects: false,
      },
      () => resolve(started as Server),
    ) as Server;
    started.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const hostname = address.family === "IPv6" ? `[${address.address}]` : address.address;
  if (loopback && options.allowedHosts === undefined) {
    app = make([hostname, "localhost", "127.0.0.1", "[::1]"].map((h) => `${h}:${address.port}`));
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostname}:${address.port}`,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        const cut = setTimeout(() => {
          shutdown.abort();
          server.closeAllConnections();
        }, options.gracePeriodMs ?? 5_000);
        server.close((error) => {
          clearTimeout(cut);
          shutdown.abort();
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
