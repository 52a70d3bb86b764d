import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HelpScoutError } from "@terapi/helpscout-auth";

/** The query Help Scout redirects the browser back with. */
export interface CallbackQuery {
  code: string;
  state: string;
}

/** A one-shot local server for the OAuth redirect. */
export interface CallbackServer {
  /** `http://127.0.0.1:<port>/callback`: register it as the app's Redirection URL. */
  redirectUri: string;
  /**
   * Resolves with the first callback's query once `complete` (given to it) has finished, which
   * decides the page the browser sees.
   */
  wait(options: { timeoutMs: number; signal?: AbortSignal }): Promise<CallbackQuery>;
  close(): Promise<void>;
}

/**
 * Listens on `127.0.0.1:port` (0: a free port) for `GET /callback?code=…&state=…`. The browser
 * gets a short page; `handle` runs before it is answered, so the page can say whether the
 * connection was stored. `?error=access_denied` rejects `wait()`.
 */
export async function startCallbackServer(
  port: number,
  handle: (query: CallbackQuery) => Promise<void>,
): Promise<CallbackServer> {
  let settle: { resolve(query: CallbackQuery): void; reject(error: unknown): void } | undefined;
  const outcome = new Promise<CallbackQuery>((resolve, reject) => {
    settle = { resolve, reject };
  });
  outcome.catch(() => undefined);
  let done = false;

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const answer = (status: number, title: string) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      response.end(
        `<!doctype html><meta charset="utf-8"><title>helpscout connect</title><h1>${title}</h1>`,
      );
    };
    if (request.method !== "GET" || url.pathname !== "/callback") return answer(404, "Not found");
    if (done) return answer(410, "This authorization already finished. You can close this tab.");
    const error = url.searchParams.get("error");
    const code = url.searchParams.get("code");
    const state = url.searchParams.get("state");
    if (error || !code || !state) {
      done = true;
      answer(400, "Authorization was not granted. You can close this tab.");
      settle?.reject(
        new HelpScoutError({
          code: error === "access_denied" ? "access_denied" : "bad_request",
          message:
            error === "access_denied"
              ? "authorization was denied on the consent page."
              : "the callback carried no code and state; start `helpscout connect` again.",
        }),
      );
      return;
    }
    done = true;
    handle({ code, state }).then(
      () => {
        answer(200, "Connected to Help Scout. You can close this tab.");
        settle?.resolve({ code, state });
      },
      (failure: unknown) => {
        answer(500, "Could not store the connection; see the terminal.");
        settle?.reject(failure);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;

  return {
    redirectUri: `http://127.0.0.1:${bound}/callback`,
    wait({ timeoutMs, signal }) {
      return new Promise<CallbackQuery>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new HelpScoutError({
                code: "timeout",
                message: `no callback within ${Math.round(timeoutMs / 1000)} s; run \`helpscout connect\` again.`,
              }),
            ),
          timeoutMs,
        );
        const onAbort = () =>
          reject(new HelpScoutError({ code: "aborted", message: "connect was interrupted." }));
        signal?.addEventListener("abort", onAbort, { once: true });
        if (signal?.aborted) onAbort();
        outcome.then(resolve, reject).finally(() => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
        });
      });
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
