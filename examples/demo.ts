/**
 * The main job: a tour of the Docs client.
 *
 *   pnpm demo                                  fixture server, no credentials, no network
 *   HELPSCOUT_DOCS_API_KEY=… pnpm demo         your real Docs account (reads, plus one draft
 *                                              article created and deleted again with --write)
 */
import {
  createDocsClient,
  createdId,
  isHelpScoutError,
  paginate,
  unwrap,
} from "@terapi/helpscout-docs";
import { startDocsFixtureServer } from "./docs-fixture-server.js";

const started = Date.now();
const step = (text: string) => console.log(`• ${text}`);

const apiKey = process.env.HELPSCOUT_DOCS_API_KEY;
const fixture = apiKey ? undefined : await startDocsFixtureServer();
const write = !apiKey || process.argv.includes("--write");
console.log(
  fixture
    ? `Docs demo against the built-in fixture server at ${fixture.url} (set HELPSCOUT_DOCS_API_KEY to use your account)`
    : "Docs demo against https://docsapi.helpscout.net with your API key",
);

const docs = createDocsClient({
  apiKey: apiKey ?? "demo-key",
  ...(fixture ? { baseUrl: fixture.url } : {}),
});
const summary: Record<string, number | string> = {};

try {
  const { sites } = await unwrap(docs.GET("/v1/sites"));
  step(
    `${sites.count} site(s): ${sites.items.map((s) => `${s.title} (${s.subDomain})`).join(", ")}`,
  );
  summary.sites = sites.count;

  let articles = 0;
  let collections = 0;
  for await (const collection of paginate(docs, "/v1/collections")) {
    collections += 1;
    let inCollection = 0;
    for await (const _article of paginate(docs, "/v1/collections/{collectionId}/articles", {
      params: { path: { collectionId: collection.id }, query: { status: "all", pageSize: 2 } },
    })) {
      inCollection += 1;
    }
    articles += inCollection;
    step(`collection “${collection.name}”: ${inCollection} article(s), paged 2 at a time`);
  }
  summary.collections = collections;
  summary.articles = articles;

  const { articles: hits } = await unwrap(
    docs.GET("/v1/search/articles", { params: { query: { query: "guide", status: "published" } } }),
  );
  step(`search “guide”: ${hits.count} published hit(s)`);
  summary.searchHits = hits.count;

  const target = (await unwrap(docs.GET("/v1/collections"))).collections.items[0];
  if (write && target) {
    const created = await docs.POST("/v1/articles", {
      body: {
        collectionId: target.id,
        name: `Toolkit demo ${new Date().toISOString()}`,
        text: "<p>Made by the demo.</p>",
        status: "notpublished",
      },
    });
    const id = createdId(created);
    const { article } = await unwrap(
      docs.GET("/v1/articles/{articleId}", { params: { path: { articleId: id } } }),
    );
    step(`created draft article #${article.number} (${id}), read it back, deleting it`);
    await docs.DELETE("/v1/articles/{articleId}", { params: { path: { articleId: id } } });
    summary.written = "created + deleted 1 article";
  }

  try {
    await docs.GET("/v1/articles/{articleId}", {
      params: { path: { articleId: "000000000000000000000000" } },
    });
  } catch (error) {
    if (!isHelpScoutError(error)) throw error;
    step(`a missing article is a typed error: code=${error.code} status=${error.status}`);
  }

  console.log("\nSummary");
  console.table({ ...summary, seconds: ((Date.now() - started) / 1000).toFixed(2) });
} catch (error) {
  console.error(isHelpScoutError(error) ? `Failed: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  fixture?.server.close();
}
