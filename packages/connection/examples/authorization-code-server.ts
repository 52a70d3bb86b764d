import { createServer } from "node:http";
import { createPgliteConnectionStore, Terapi } from "@terapi/connection";
import { isHelpScoutError } from "@terapi/helpscout-auth";

// Connections are kept, encrypted with TERAPI_ENCRYPTION_KEY, in .data/terapi.
const terapi = new Terapi({
  store: createPgliteConnectionStore(),
  integrations: {
    "helpscout-mailbox": {
      clientId: process.env.HELPSCOUT_APP_ID ?? "",
      clientSecret: process.env.HELPSCOUT_APP_SECRET ?? "",
    },
  },
});

// The app's Redirection URL in Help Scout must be http://127.0.0.1:3000/callback.
const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1:3000");
  try {
    if (url.pathname === "/") {
      const consent = await terapi.authorizationUrl("helpscout-mailbox", "acme");
      response.writeHead(302, { location: consent.url }).end();
    } else if (url.pathname === "/callback") {
      const connection = await terapi.handleCallback("helpscout-mailbox", {
        code: url.searchParams.get("code") ?? "",
        state: url.searchParams.get("state") ?? "",
      });
      response.writeHead(200, { "content-type": "text/plain" });
      response.end(`Connected "${connection.connectionId}". You can close this tab.\n`);
      server.close();
    } else {
      response.writeHead(404).end();
    }
  } catch (error) {
    // The error never holds the code, the client secret or a token: safe to show and log.
    const reason = isHelpScoutError(error) ? error.code : "unexpected_error";
    response.writeHead(400, { "content-type": "text/plain" }).end(`Not connected: ${reason}\n`);
  }
});
server.listen(3000, "127.0.0.1", () => console.log("Open http://127.0.0.1:3000/ to connect."));
