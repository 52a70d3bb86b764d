import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDocsClient, isHelpScoutError, paginate } from "../src/index.js";
import { DOCS, server, useMswServer } from "./msw/server.js";

useMswServer();

const docs = createDocsClient({ apiKey: "key", retry: false, throttle: false });

async function codeOf(call: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await call();
  } catch (error) {
    expect(isHelpScoutError(error), String(error)).toBe(true);
    return (error as { code: string }).code;
  }
  throw new Error("expected the call to fail");
}

describe("answers that are not Help Scout's JSON", () => {
  it.each([
    [
      "truncated JSON",
      () =>
        new HttpResponse('{"sites": {"page": 1, "pa', {
          headers: { "content-type": "application/json" },
        }),
    ],
    [
      "a proxy's HTML page with 200",
      () =>
        new HttpResponse("<html>Bad gateway</html>", { headers: { "content-type": "text/html" } }),
    ],
    ["an empty 200", () => new HttpResponse(null, { status: 200 })],
  ])("%s → invalid_response", async (_name, answer) => {
    server.use(http.get(`${DOCS}/v1/sites`, answer));
    expect(await codeOf(() => docs.GET("/v1/sites"))).toBe("invalid_response");
  });

  it("refuses a page whose items are not objects", async () => {
    server.use(
      http.get(`${DOCS}/v1/sites`, () =>
        HttpResponse.json({ sites: { page: 1, pages: 1, count: 2, items: [{ id: "a" }, "b"] } }),
      ),
    );
    const drain = async () => {
      for await (const _ of paginate(docs, "/v1/sites")) {
        // every site
      }
    };
    expect(await codeOf(drain)).toBe("invalid_response");
  });
});
