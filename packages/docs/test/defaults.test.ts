import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDocsClient, isHelpScoutError, unwrap } from "../src/index.js";
import { API_KEY, BASIC, ids, page, site } from "./fixtures.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

/** Answers with `answers` in turn (the last one repeats), counting requests. */
function sequence(method: "get" | "post", path: string, answers: (() => Response)[]) {
  const seen: string[] = [];
  server.use(
    http[method](`${DOCS}${path}`, ({ request }) => {
      seen.push(`${request.method} ${request.headers.get("authorization")}`);
      return (answers[Math.min(seen.length, answers.length) - 1] as () => Response)();
    }),
  );
  return seen;
}

const sites = () => HttpResponse.json({ sites: page([site]) });

describe("the Docs client's default pipeline", () => {
  it("retries a GET after a 503, waiting what Help Scout asks", async () => {
    const seen = sequence("get", "/v1/sites", [
      () => HttpResponse.json({}, { status: 503, headers: { "retry-after": "0" } }),
      sites,
    ]);
    const { sites: result } = await unwrap(createDocsClient({ apiKey: API_KEY }).GET("/v1/sites"));
    expect(result.items).toHaveLength(1);
    expect(seen).toEqual([`GET ${BASIC}`, `GET ${BASIC}`]);
  });

  it("retries a 429 after X-RateLimit-Reset", async () => {
    const seen = sequence("get", "/v1/sites", [
      () => HttpResponse.json({}, { status: 429, headers: { "x-ratelimit-reset": "0" } }),
      sites,
    ]);
    await createDocsClient({ apiKey: API_KEY }).GET("/v1/sites");
    expect(seen).toHaveLength(2);
  });

  it("never replays a create whose outcome is unknown", async () => {
    const seen = sequence("post", "/v1/articles", [
      () => HttpResponse.json({ message: "oops" }, { status: 500 }),
    ]);
    const error = await createDocsClient({ apiKey: API_KEY })
      .POST("/v1/articles", { body: { collectionId: ids.collection, name: "A" } })
      .catch((e: unknown) => e);
    expect(isHelpScoutError(error) && error.code).toBe("outcome_unknown");
    expect(seen).toHaveLength(1);
  });

  it("sends once with retry: false", async () => {
    const seen = sequence("get", "/v1/sites", [
      () => HttpResponse.json({}, { status: 503, headers: { "retry-after": "0" } }),
    ]);
    const error = await createDocsClient({ apiKey: API_KEY, retry: false })
      .GET("/v1/sites")
      .catch((e: unknown) => e);
    expect(isHelpScoutError(error) && error.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it("takes the API key from a stored connection", async () => {
    const asked: string[] = [];
    const terapi = {
      async getConnection(providerConfigKey: string, connectionId: string) {
        asked.push(`${providerConfigKey}/${connectionId}`);
        return { credentials: { type: "API_KEY", apiKey: API_KEY } };
      },
    };
    const seen = sequence("get", "/v1/sites", [sites]);
    const docs = createDocsClient({
      connection: { terapi, providerConfigKey: "helpscout-docs", connectionId: "acme" },
    });
    await docs.GET("/v1/sites");
    expect(asked).toEqual(["helpscout-docs/acme"]);
    expect(seen).toEqual([`GET ${BASIC}`]);
  });
});
