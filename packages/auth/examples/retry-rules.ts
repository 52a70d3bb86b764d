import {
  bearerTokenPolicy,
  createHelpScoutFetch,
  isHelpScoutError,
  retryPolicy,
  staticTokenSource,
} from "@terapi/helpscout-auth";

const mailbox = createHelpScoutFetch({
  auth: bearerTokenPolicy(staticTokenSource(process.env.HELPSCOUT_TOKEN ?? "")),
  retry: retryPolicy({
    maxRetries: 3,
    // Wait out up to 10 rate limits, unless Help Scout asks for more than two minutes.
    onRateLimit: ({ retryAfterMs, attempt }) => attempt <= 10 && retryAfterMs <= 120_000,
  }),
});

try {
  await mailbox("https://api.helpscout.net/v2/customers", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      firstName: "Ada",
      emails: [{ type: "work", value: "ada@example.com" }],
    }),
  });
} catch (error) {
  if (!isHelpScoutError(error)) throw error;
  if (error.code === "outcome_unknown") {
    // A 5xx or a broken connection: the customer may exist now. Look it up before sending again.
    console.error(error.message, error.status, error.logRef);
  } else {
    console.error(error.code, error.status, `after ${error.attempts} attempt(s)`);
  }
}
