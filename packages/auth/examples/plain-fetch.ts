import { apiKeyPolicy, createHelpScoutFetch, isHelpScoutError } from "@terapi/helpscout-auth";

const fetch = createHelpScoutFetch({
  auth: apiKeyPolicy(process.env.HELPSCOUT_DOCS_API_KEY ?? ""),
});
try {
  const sites = await (await fetch("https://docsapi.helpscout.net/v1/sites")).json();
  console.log(sites);
} catch (error) {
  if (isHelpScoutError(error)) console.error(error.code, error.status, error.correlationId);
}
