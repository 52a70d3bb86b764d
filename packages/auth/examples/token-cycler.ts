import {
  bearerTokenPolicy,
  createHelpScoutFetch,
  createTokenCycler,
  retryPolicy,
} from "@terapi/helpscout-auth";

interface TokenResponse {
  access_token: string;
  expires_in: number;
}

const tokens = createTokenCycler({
  // Called once per refresh however many requests wait, and never sent through the pipeline.
  fetchToken: async () => {
    const response = await fetch("https://api.helpscout.net/v2/oauth2/token", {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: process.env.HELPSCOUT_APP_ID ?? "",
        client_secret: process.env.HELPSCOUT_APP_SECRET ?? "",
      }),
    });
    if (!response.ok) throw new Error(`token request failed with ${response.status}`);
    const body = (await response.json()) as TokenResponse;
    return { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  },
  refreshWindowMs: 15 * 60_000,
  onTokenRefreshed: ({ expiresAt }) => console.log("new token, valid until", new Date(expiresAt)),
});

// On a 401 the bearer policy invalidates the cycler, gets a fresh token and replays once.
const mailbox = createHelpScoutFetch({ auth: bearerTokenPolicy(tokens), retry: retryPolicy() });
console.log((await mailbox("https://api.helpscout.net/v2/users/me")).status);
