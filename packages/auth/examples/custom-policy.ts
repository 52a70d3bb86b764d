import {
  apiKeyPolicy,
  createHelpScoutFetch,
  type Policy,
  withHeader,
} from "@terapi/helpscout-auth";

// Runs just inside the retry, so every attempt is timed and tagged; it never sees credentials.
const traced: Policy = async (request, next) => {
  const started = performance.now();
  try {
    return await next(withHeader(request, "x-request-id", crypto.randomUUID()));
  } finally {
    console.log(request.method, new URL(request.url).pathname, performance.now() - started);
  }
};

const docs = createHelpScoutFetch({
  auth: apiKeyPolicy(process.env.HELPSCOUT_DOCS_API_KEY ?? ""),
  policies: [traced],
});
await docs("https://docsapi.helpscout.net/v1/sites");
