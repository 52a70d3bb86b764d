import { apiKeyPolicy, createHelpScoutFetch, type TokenSource } from "@terapi/helpscout-auth";

// A Docs API key kept elsewhere (a connection store, a secret manager), read on every attempt.
const docsKey: TokenSource = { getToken: async () => process.env.HELPSCOUT_DOCS_API_KEY ?? "" };

const docs = createHelpScoutFetch({ auth: apiKeyPolicy(docsKey) });
console.log((await docs("https://docsapi.helpscout.net/v1/sites")).status);
