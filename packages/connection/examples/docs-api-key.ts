import { createPgliteConnectionStore, Terapi } from "@terapi/connection";
import { apiKeyPolicy, createHelpScoutFetch } from "@terapi/helpscout-auth";

const terapi = new Terapi({ store: createPgliteConnectionStore() });
const apiKey = process.env.HELPSCOUT_DOCS_API_KEY ?? "";
await terapi.createApiKeyConnection("helpscout-docs", "acme", apiKey);

// Later, in any process sharing the store:
const { credentials } = await terapi.getConnection("helpscout-docs", "acme");
if (credentials.type !== "API_KEY") throw new Error("acme's Docs connection is not an API key");
const fetch = createHelpScoutFetch({ auth: apiKeyPolicy(credentials.apiKey) });
const sites = await (await fetch("https://docsapi.helpscout.net/v1/sites")).json();

console.log(sites);
