/**
 * A tiny stand-in for the Docs API, so the demo runs on a machine with no credentials and no
 * network. It serves a few fixed objects with Help Scout's real envelopes and status codes.
 * (The full, stateful emulator of both APIs is @terapi/helpscout-emulator.)
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

const now = "2026-11-01T09:30:00Z";
const stamps = { createdBy: 1, updatedBy: null, createdAt: now, updatedAt: null };
const hex = () => randomBytes(12).toString("hex");

const site = {
  id: hex(),
  status: "active",
  subDomain: "acme",
  title: "Acme Help",
  hasPublicSite: true,
  companyName: "Acme",
  hasContactForm: false,
  ...stamps,
};
const collections = ["Getting started", "Billing"].map((name, i) => ({
  id: hex(),
  siteId: site.id,
  number: i + 1,
  slug: name.toLowerCase().replace(/ /g, "-"),
  visibility: "public",
  order: i + 1,
  name,
  description: null,
  articleCount: 0,
  publishedArticleCount: 0,
  ...stamps,
}));
const articles = Array.from({ length: 7 }, (_, i) => ({
  id: hex(),
  number: i + 1,
  collectionId: (collections[i % 2] ?? collections[0])?.id ?? "",
  slug: `article-${i + 1}`,
  status: i === 6 ? "notpublished" : "published",
  hasDraft: false,
  name: `How to do thing ${i + 1}`,
  text: `<p>Step-by-step guide number ${i + 1}.</p>`,
  categories: [],
  related: [],
  keywords: [],
  popularity: 1 + (i % 5),
  viewCount: 10 * (i + 1),
  lastPublishedAt: now,
  ...stamps,
}));

function pageOf<T>(items: T[], url: URL, size = 50) {
  const page = Number(url.searchParams.get("page") ?? 1);
  const pageSize = Math.min(100, Number(url.searchParams.get("pageSize") ?? size));
  return {
    page,
    pages: Math.ceil(items.length / pageSize),
    count: items.length,
    items: items.slice((page - 1) * pageSize, page * pageSize),
  };
}

const ref = ({
  text: _text,
  related: _related,
  keywords: _keywords,
  ...rest
}: (typeof articles)[number]) => rest;

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
}

/** Starts the fixture server on 127.0.0.1 and an ephemeral port. */
export async function startDocsFixtureServer(): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "correlation-id": hex(),
        ...headers,
      });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (!req.headers.authorization?.startsWith("Basic "))
      return send(401, { status: 401, message: "Invalid API key" });
    const parts = url.pathname.split("/").filter(Boolean);
    const route = `${req.method} /${parts.map((p, i) => (i > 1 && /^[0-9a-f]{24}$|^\d+$/.test(p) ? ":id" : p)).join("/")}`;
    const byId = (id: string | undefined) =>
      articles.find((a) => a.id === id || String(a.number) === id);
    switch (route) {
      case "GET /v1/sites":
        return send(200, { sites: pageOf([site], url) });
      case "GET /v1/collections":
        return send(200, {
          collections: pageOf(
            collections.map((c) => ({
              ...c,
              articleCount: articles.filter((a) => a.collectionId === c.id).length,
            })),
            url,
          ),
        });
      case "GET /v1/collections/:id/articles": {
        const status = url.searchParams.get("status") ?? "all";
        const items = articles.filter(
          (a) => a.collectionId === parts[2] && (status === "all" || a.status === status),
        );
        return send(200, { articles: pageOf(items.map(ref), url) });
      }
      case "GET /v1/search/articles": {
        const q = (url.searchParams.get("query") ?? "").toLowerCase();
        const status = url.searchParams.get("status") ?? "all";
        const hits = articles.filter(
          (a) =>
            (status === "all" || a.status === status) &&
            (q === "*" || a.name.toLowerCase().includes(q) || a.text.toLowerCase().includes(q)),
        );
        return send(200, {
          articles: pageOf(
            hits.map((a) => ({
              id: a.id,
              collectionId: a.collectionId,
              slug: a.slug,
              name: a.name,
              preview: a.text.replace(/<[^>]+>/g, "").slice(0, 160),
              url: `https://acme.helpscoutdocs.com/article/${a.number}-${a.slug}`,
              docsUrl: `/docs/${a.collectionId}/article/${a.id}`,
              number: a.number,
              status: a.status,
              visibility: "public",
            })),
            url,
          ),
        });
      }
      case "GET /v1/articles/:id": {
        const article = byId(parts[2]);
        return article
          ? send(200, { article })
          : send(404, { status: 404, message: "Article not found" });
      }
      case "POST /v1/articles": {
        const body = await bodyOf(req);
        if (typeof body.collectionId !== "string" || typeof body.name !== "string")
          return send(400, { status: 400, message: "collectionId and name are required" });
        const article = {
          ...(articles[0] as (typeof articles)[number]),
          ...body,
          id: hex(),
          number: articles.length + 1,
          slug: String(body.name).toLowerCase().replace(/\W+/g, "-"),
          viewCount: 0,
        };
        articles.push(article as (typeof articles)[number]);
        return send(201, undefined, {
          location: `http://${req.headers.host}/v1/articles/${article.id}`,
        });
      }
      case "DELETE /v1/articles/:id": {
        const index = articles.findIndex((a) => a.id === parts[2]);
        if (index === -1) return send(404, { status: 404, message: "Article not found" });
        articles.splice(index, 1);
        return send(204);
      }
      default:
        return send(404, {
          status: 404,
          message: `No route for ${req.method} ${url.pathname} in the fixture server`,
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string")
    throw new Error("fixture server has no port");
  return { url: `http://127.0.0.1:${address.port}`, server };
}
