import { createServer } from "node:http";
import { createActionsHandler } from "@terapi/helpscout-actions";
import { createDocsClient } from "@terapi/helpscout-docs";
import { createMailboxClient } from "@terapi/helpscout-mailbox";

const clients = {
  mailbox: createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" }),
  docs: createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" }),
};
const handle = createActionsHandler(); // GET /actions, GET|POST /actions/<name>

// A fetch-style handler: here behind node:http on loopback. It has no authentication of its
// own: put yours in front of it (or use `helpscout proxy`, which mounts it behind its key).
createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = new Request(`http://localhost${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
  const response = await handle(request, clients);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
}).listen(8787, "127.0.0.1");
