import { type ProxyRoute, startProxyServer } from "@terapi/helpscout-cli";

// An operation of your own beside /mailbox/… and /docs/…, behind the same key and Connection-Id,
// with a typed client that shares the proxy's rate budget for the caller's account.
const whoami: ProxyRoute = async (_request, { connectionId, mailbox, signal }) => {
  const { data } = await (await mailbox()).GET("/v2/users/me", { signal });
  return Response.json({ connectionId, email: data?.email });
};

const proxy = await startProxyServer({
  port: 8990,
  key: process.env.HELPSCOUT_PROXY_KEY,
  // What each Connection-Id stands for: here one account, from the environment.
  connections: async (connectionId) =>
    connectionId === "main"
      ? {
          mailbox: { credentials: { accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" } },
          docs: { credentials: { apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" } },
        }
      : undefined,
  routes: { "/whoami/": whoami },
});
console.log(`Help Scout proxy on ${proxy.url}`);
process.once("SIGINT", () => void proxy.close());
