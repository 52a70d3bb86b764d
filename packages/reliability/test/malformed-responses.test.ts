/**
 * Malformed API answers: a tiny HTTP server in front of the emulator replaces real answers with
 * truncated JSON, values of the wrong type, a proxy's HTML page (502 and 200), an empty 200, a
 * non-JSON content-type and a HAL page without `_embedded`. The typed clients, their paginators
 * and a sync (`full`, so a listing taken for complete would sweep records away) each meet every
 * one of them, and must: fail with a typed error (HelpScoutError, SyncError) naming the problem,
 * never crash or leave an unhandled rejection, and write nothing — the record store's ids,
 * hashes, deletions and checkpoints are the same afterwards.
 */
import { retryPolicy } from "@terapi/helpscout-auth";
import {
  createDocsClient,
  type DocsClient,
  paginate as paginateDocs,
} from "@terapi/helpscout-docs";
import type { RunningEmulator } from "@terapi/helpscout-emulator";
import {
  createMailboxClient,
  isHelpScoutError,
  type MailboxClient,
  paginate,
} from "@terapi/helpscout-mailbox";
import {
  createPgliteRecordStore,
  runSync,
  type SqlRecordStore,
  syncModels,
} from "@terapi/helpscout-sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Canaries, createCanaries } from "../src/canaries.js";
import {
  clientCredentialsToken,
  issuedTokens,
  startCanaryEmulator,
} from "../src/canary-emulator.js";
import { guardAgainstLeaks } from "../src/leak-guard.js";
import { MALFORMATIONS, type Malformation } from "../src/malformed-answers.js";
import { type MalformingProxy, startMalformingProxy } from "../src/malforming-proxy.js";
import { report } from "../src/report.js";
import { storedModel } from "../src/store-snapshot.js";
import { transcript } from "../src/transcript.js";

const SCOPE = "malformed responses";

const canaries: Canaries = createCanaries();
let running: RunningEmulator | undefined;
let proxy: MalformingProxy | undefined;
let store: SqlRecordStore | undefined;
let mailbox: MailboxClient;
let docs: DocsClient;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
/** One line per case, reported at the end. */
const outcomes: string[] = [];

guardAgainstLeaks(SCOPE, () => ({
  ...canaries,
  ...(running ? issuedTokens(running.emulator) : {}),
}));

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  running = await startCanaryEmulator(canaries, {
    seed: 23,
    size: { conversations: 120, customers: 40, articles: 30, redirects: 5 },
    rateLimits: { enabled: false },
  });
  proxy = await startMalformingProxy(running.url);
  // One retry, at once: a 502 is retried as Help Scout's would be, without slowing the suite.
  const retry = () => retryPolicy({ maxRetries: 1, backoff: () => 1 });
  mailbox = createMailboxClient({
    accessToken: await clientCredentialsToken(running.url, canaries),
    baseUrl: proxy.url,
    throttle: false,
    retry: retry(),
  });
  docs = createDocsClient({
    apiKey: canaries.docsApiKey,
    baseUrl: proxy.url,
    throttle: false,
    retry: retry(),
  });
  store = createPgliteRecordStore({ dataDir: "memory://" });
  await runSync({ store, connectionId: "acme", mailbox, docs });
  // An edited article: the articles model must fetch it again (and so meet the broken answer).
  const [articleId = ""] = running.emulator.account().docs.articles.keys();
  const edited = await createDocsClient({
    apiKey: canaries.docsApiKey,
    baseUrl: running.url,
    throttle: false,
  }).PUT("/v1/articles/{articleId}", {
    params: { path: { articleId } },
    body: { text: "<p>Changed, so the next sync fetches it.</p>" },
  });
  expect(edited.response.ok).toBe(true);
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await store?.close();
  await proxy?.close();
  await running?.close();
});

/** Everything the store holds, as comparable text: records (ids, hashes, deletions) and checkpoints. */
async function storeState(): Promise<string> {
  const parts: string[] = [];
  for (const { name } of syncModels) {
    const model = await storedModel(store!, "acme", name);
    parts.push(
      name,
      JSON.stringify([...model.live].sort()),
      JSON.stringify([...model.deleted].sort()),
      JSON.stringify(await store!.getCheckpoint("acme", name)),
    );
  }
  return parts.join("\n");
}

/** The code a malformation must produce: a 502 is a server error; the rest, invalid responses. */
const expectedCode = (kind: Malformation) =>
  kind === "HTML error page, 502" ? "server_error" : "invalid_response";

/** Serves `kind` on `path`, runs `call`, and returns what it threw (failing if it did not). */
async function breakAndCall(path: RegExp, kind: Malformation, call: () => Promise<unknown>) {
  proxy!.rule = { path, kind };
  const brokenBefore = proxy!.broken;
  try {
    const result = await call().then(
      () => undefined,
      (error: unknown) => error ?? new Error("rejected with nothing"),
    );
    expect(proxy!.broken - brokenBefore, "the broken answer was served").toBeGreaterThan(0);
    return result;
  } finally {
    proxy!.rule = undefined;
  }
}

/** Transport-level breakage: what any call can meet, whatever shape it expects. */
const TRANSPORT: readonly Malformation[] = [
  "truncated JSON",
  "HTML error page, 502",
  "HTML page, 200",
  "empty body, 200",
  "wrong content-type",
];
const NOT_HAL: readonly Malformation[] = MALFORMATIONS.filter(
  (k) => k !== "HAL page missing _embedded",
);

const clientCases: Array<{
  name: string;
  path: RegExp;
  kinds: readonly Malformation[];
  call: () => Promise<unknown>;
}> = [
  {
    name: "mailbox.GET /v2/users/me",
    path: /^\/v2\/users\/me$/,
    kinds: TRANSPORT,
    call: () => mailbox.GET("/v2/users/me"),
  },
  {
    name: "paginate(mailbox, /v2/mailboxes)",
    path: /^\/v2\/mailboxes$/,
    kinds: MALFORMATIONS,
    call: async () => {
      for await (const _ of paginate(mailbox, "/v2/mailboxes")) {
        // drain
      }
    },
  },
  {
    name: "docs.GET /v1/articles/{id}",
    path: /^\/v1\/articles\/[^/]+$/,
    kinds: TRANSPORT,
    call: () => {
      const [articleId = ""] = running!.emulator.account().docs.articles.keys();
      return docs.GET("/v1/articles/{articleId}", { params: { path: { articleId } } });
    },
  },
  {
    name: "paginate(docs, /v1/collections)",
    path: /^\/v1\/collections$/,
    kinds: NOT_HAL,
    call: async () => {
      for await (const _ of paginateDocs(docs, "/v1/collections")) {
        // drain
      }
    },
  },
];

const syncCases: Array<{
  model: string;
  api: "mailbox" | "docs";
  path: RegExp;
  kinds: readonly Malformation[];
}> = [
  { model: "conversations", api: "mailbox", path: /^\/v2\/conversations$/, kinds: MALFORMATIONS },
  { model: "mailboxes", api: "mailbox", path: /^\/v2\/mailboxes$/, kinds: MALFORMATIONS },
  { model: "collections", api: "docs", path: /^\/v1\/collections$/, kinds: NOT_HAL },
  { model: "articles", api: "docs", path: /^\/v1\/articles\/[^/]+$/, kinds: NOT_HAL },
];

describe("the typed clients against malformed answers", () => {
  for (const { name, path, kinds, call } of clientCases) {
    it.each(kinds)(`${name}: %s → a typed error`, async (kind) => {
      const error = await breakAndCall(path, kind, call);
      transcript.addError(`${SCOPE} ${name} ${kind}`, error);
      outcomes.push(`${name} / ${kind}: ${(error as { code?: string })?.code ?? String(error)}`);
      expect(isHelpScoutError(error), `${String(error)}`).toBe(true);
      expect((error as { code: string }).code).toBe(expectedCode(kind));
      expect((error as Error).message).toMatch(/^@terapi\/helpscout-/);
    });
  }
});

describe("a full sync against malformed answers", () => {
  for (const { model, api, path, kinds } of syncCases) {
    it.each(kinds)(`${model}: %s → SyncError, nothing written`, async (kind) => {
      const before = await storeState();
      const error = await breakAndCall(path, kind, () =>
        runSync({
          store: store!,
          connectionId: "acme",
          ...(api === "mailbox" ? { mailbox } : { docs }),
          models: [model],
          full: true,
        }),
      );
      transcript.addError(`${SCOPE} sync ${model} ${kind}`, error);
      const failure = (error as { failures?: Array<{ error: unknown }> })?.failures?.[0]?.error;
      outcomes.push(
        `sync ${model} / ${kind}: ${(error as { code?: string })?.code ?? String(error)} ← ${(failure as { code?: string })?.code ?? String(failure)}`,
      );
      expect((error as { code?: string })?.code, String(error)).toBe("sync_failed");
      expect(isHelpScoutError(failure), `${String(failure)}`).toBe(true);
      expect((failure as { code: string }).code).toBe(expectedCode(kind));
      expect(await storeState(), "the store changed").toBe(before);
    });
  }

  it("left no unhandled rejection behind, and a clean sync still works afterwards", async () => {
    report(SCOPE, `${outcomes.length} cases:\n  ${outcomes.join("\n  ")}`);
    expect(unhandled).toEqual([]);
    const summary = await runSync({ store: store!, connectionId: "acme", mailbox, docs });
    expect(summary.models.every((m) => m.error === undefined)).toBe(true);
    const articles = summary.models.find((m) => m.model === "articles");
    expect(articles?.updated).toBe(1);
  });
});
