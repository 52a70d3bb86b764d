import { createPgliteConnectionStore, Terapi } from "@terapi/connection";
import { RedisBudgetStore } from "@terapi/helpscout-auth/redis";
import { createMailboxClient, mailboxThrottle } from "@terapi/helpscout-mailbox";
import { Redis } from "ioredis";

const terapi = new Terapi({
  store: createPgliteConnectionStore(), // encrypted with TERAPI_ENCRYPTION_KEY
  integrations: {
    "helpscout-mailbox": {
      clientId: process.env.HELPSCOUT_APP_ID ?? "",
      clientSecret: process.env.HELPSCOUT_APP_SECRET ?? "",
    },
  },
});

// Fresh tokens from the store (refreshed before they expire, 401 → renew and replay once), and
// one rate budget for this account shared by every process through Redis.
const mailbox = createMailboxClient({
  connection: { terapi, providerConfigKey: "helpscout-mailbox", connectionId: "acme" },
  throttle: mailboxThrottle({
    account: "acme",
    store: new RedisBudgetStore({ redis: new Redis("redis://127.0.0.1:6379") }),
    perMinute: 400,
  }),
});
const { data: me } = await mailbox.GET("/v2/users/me");
console.log(me?.email);
