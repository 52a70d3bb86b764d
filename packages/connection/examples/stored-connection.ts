import { connectionTokenSource, createPgliteConnectionStore, Terapi } from "@terapi/connection";
import { bearerTokenPolicy, createHelpScoutFetch } from "@terapi/helpscout-auth";

const terapi = new Terapi({
  store: createPgliteConnectionStore(),
  integrations: {
    "helpscout-mailbox": {
      clientId: process.env.HELPSCOUT_APP_ID ?? "",
      clientSecret: process.env.HELPSCOUT_APP_SECRET ?? "",
    },
  },
});
const tokens = connectionTokenSource({
  terapi,
  providerConfigKey: "helpscout-mailbox",
  connectionId: "acme",
});
const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(tokens) });
const conversations = await (await fetch("https://api.helpscout.net/v2/conversations")).json();

console.log(conversations);
