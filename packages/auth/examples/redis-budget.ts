import {
  bearerTokenPolicy,
  createHelpScoutFetch,
  mailboxThrottle,
  retryPolicy,
  staticTokenSource,
} from "@terapi/helpscout-auth";
import { RedisBudgetStore } from "@terapi/helpscout-auth/redis";
import { Redis } from "ioredis";

// Every process and machine sending for the account points at the same Redis, so they share one
// budget: acquire, observe and pause are atomic Lua scripts on Redis's own clock.
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const store = new RedisBudgetStore({ redis });

const mailbox = createHelpScoutFetch({
  auth: bearerTokenPolicy(staticTokenSource(process.env.HELPSCOUT_TOKEN ?? "")),
  retry: retryPolicy(),
  throttle: mailboxThrottle({ account: "acme:mailbox", store }),
});
const response = await mailbox("https://api.helpscout.net/v2/conversations?status=active");
console.log(response.status);
await redis.quit();
