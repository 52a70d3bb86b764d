import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createEmulator, type Emulator, type EmulatorOptions } from "./emulator.js";

/** Options of {@link startEmulator}: where to listen, plus those of `createEmulator`. */
export interface StartEmulatorOptions extends EmulatorOptions {
  /** TCP port; `0` (default) picks a free one. */
  port?: number;
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /**
   * Allow a non-loopback `host`. The admin API (`/_emulator`) has no auth, so the emulator refuses
   * to listen beyond this machine unless asked.
   */
  allowRemote?: boolean;
  /** Serve this emulator instead of creating one (the other emulator options are ignored). */
  emulator?: Emulator;
}

/** A running emulator server. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:51234` (both APIs, OAuth and `/_emulator` live under it). */
  url: string;
  /** The port listened on. */
  port: number;
  /** The emulator served: its state, knobs and `fetch`. */
  emulator: Emulator;
  /** Stops listening, drops open connections and waits for webhook deliveries in flight. */
  close(): Promise<void>;
}

/** True for `localhost`, `127.x.x.x` and `::1`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Serves an emulator over real HTTP on `127.0.0.1` (port `0` picks a free one), for end-to-end
 * tests, benchmarks and demos. Connection-reset faults destroy the real socket here.
 *
 * @example
 * const { url, close } = await startEmulator({ seed: 7 });
 * const mailbox = createMailboxClient({ accessToken, baseUrl: url });
 * await close();
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = "127.0.0.1", allowRemote = false, emulator: given, ...rest } = options;
  if (!allowRemote && !isLoopbackHost(host)) {
    throw new Error(
      `@terapi/helpscout-emulator: refusing to listen on ${host}; pass allowRemote to listen beyond loopback`,
    );
  }
  const emulator = given ?? createEmulator(rest);
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve(
      { fetch: emulator.app.fetch, port, hostname: host, overrideGlobalObjects: false },
      () => resolve(started as Server),
    ) as Server;
    started.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const hostname = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostname}:${address.port}`,
    port: address.port,
    emulator,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }).then(() => emulator.settle());
      return closing;
    },
  };
}
