import { clientCredentialsTokenSource } from "@terapi/connection";
import { bearerTokenPolicy, createHelpScoutFetch } from "@terapi/helpscout-auth";

const tokens = clientCredentialsTokenSource({
  clientId: process.env.HELPSCOUT_APP_ID ?? "",
  clientSecret: process.env.HELPSCOUT_APP_SECRET ?? "",
});
const fetch = createHelpScoutFetch({ auth: bearerTokenPolicy(tokens) });
const mailboxes = await (await fetch("https://api.helpscout.net/v2/mailboxes")).json();

console.log(mailboxes);
