import { createEmulator } from "@terapi/helpscout-emulator";
import { emulatorHandlers } from "@terapi/helpscout-emulator/msw";
import { createMailboxClient, paginate } from "@terapi/helpscout-mailbox";
import { setupServer } from "msw/node";

// In-process: the real client talks to https://api.helpscout.net, msw hands it to the emulator.
const emulator = createEmulator({ seed: 42, size: { conversations: 500 } });
const server = setupServer(...emulatorHandlers(emulator));
server.listen({ onUnhandledRequest: "error" });

const token = await fetch("https://api.helpscout.net/v2/oauth2/token", {
  method: "POST",
  body: new URLSearchParams({
    grant_type: "client_credentials",
    client_id: "acme-app",
    client_secret: "acme-secret",
  }),
}).then((r) => r.json() as Promise<{ access_token: string }>);

const mailbox = createMailboxClient({ accessToken: token.access_token });
let pending = 0;
for await (const _ of paginate(mailbox, "/v2/conversations", {
  params: { query: { status: "pending" } },
})) {
  pending += 1;
}
console.log(`${pending} pending conversations`);
server.close();
