import { isHelpScoutError, proxy } from "@terapi/helpscout-auth";

const accessToken = process.env.HELPSCOUT_ACCESS_TOKEN ?? "";

// Any Mailbox endpoint, untyped: the path is checked, the token applied, the account's rate
// budget waited for, a 429 retried after Help Scout's wait.
const response = await proxy({
  connection: { accessToken },
  path: "/v2/conversations",
  query: { status: "active", tag: ["refund", "vip"] },
});
const page = (await response.json()) as { page: { totalElements: number } };
console.log(page.page.totalElements);

// Any body: JSON values go as application/json; strings, bytes, FormData and streams as they are.
await proxy({
  connection: { accessToken },
  method: "PATCH",
  path: "/v2/conversations/123",
  body: { op: "replace", path: "/status", value: "closed" },
});

// Help Scout's answer as it is, errors included (what a proxy passes on to its caller):
const raw = await proxy({
  connection: { apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" },
  path: "/v1/articles/5214c77c45667acd25394b51",
  throwOnError: false,
});
console.log(raw.status, raw.headers.get("x-ratelimit-remaining"), await raw.text());

// Refused before anything is sent: other hosts, traversal, the other API's paths.
try {
  await proxy({ connection: { accessToken }, path: "/v2/%2e%2e/%2e%2e/elsewhere" });
} catch (error) {
  if (isHelpScoutError(error)) console.error(error.code); // "invalid_request"
}
