import {
  apiKeyPolicy,
  bearerTokenPolicy,
  createHelpScoutFetch,
  docsThrottle,
  MemoryBudgetStore,
  mailboxThrottle,
  staticTokenSource,
} from "@terapi/helpscout-auth";

// Help Scout limits the whole account, so every client of one account in this process shares one
// store. The two APIs have separate budgets: give each its own account key.
const store = new MemoryBudgetStore();

const mailbox = createHelpScoutFetch({
  auth: bearerTokenPolicy(staticTokenSource(process.env.HELPSCOUT_TOKEN ?? "")),
  // 200 a minute unless your plan allows more; writes weigh 2; 10% is left for the Help Scout UI.
  throttle: mailboxThrottle({ account: "acme:mailbox", store, perMinute: 400, reserve: 0.1 }),
});
const docs = createHelpScoutFetch({
  auth: apiKeyPolicy(process.env.HELPSCOUT_DOCS_API_KEY ?? ""),
  // 2000 per 10 minutes with one Docs site, 3000 with two, 4000 with three or more.
  throttle: docsThrottle({ account: "acme:docs", store, perTenMinutes: 3000 }),
});

const [users, sites] = await Promise.all([
  mailbox("https://api.helpscout.net/v2/users/me"),
  docs("https://docsapi.helpscout.net/v1/sites"),
]);
console.log(users.status, sites.status);
