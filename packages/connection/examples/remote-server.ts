import { remoteTokenSource } from "@terapi/connection";
import { bearerTokenPolicy, createHelpScoutFetch } from "@terapi/helpscout-auth";

const tokens = remoteTokenSource({
  baseUrl: process.env.TERAPI_URL ?? "https://api.nango.dev",
  secretKey: process.env.TERAPI_SECRET_KEY ?? "",
  providerConfigKey: "helpscout-mailbox",
  connectionId: "acme",
});
const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(tokens) });
const mailboxes = await (await fetch("https://api.helpscout.net/v2/mailboxes")).json();

console.log(mailboxes);
