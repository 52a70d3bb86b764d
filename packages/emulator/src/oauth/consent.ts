import { type Context, Hono } from "hono";
import type { Account, EmulatorContext, EmulatorEnv } from "../types.js";
import { findClient, issueCode, redirectUriOf } from "./tokens.js";

const PATH = "/authentication/authorizeClientApplication";

/** What the consent step was asked: which app, for which account, and where to send the answer. */
interface ConsentRequest {
  clientId: string;
  state: string | undefined;
  redirectUri: string;
  /** The account whose owner grants access (by default the app's own account). */
  account: Account;
}

/**
 * The consent step of the authorization code flow: `GET /authentication/authorizeClientApplication
 * ?client_id=…&state=…[&redirect_uri=…][&account=…]` shows an HTML page whose form posts the
 * decision back; `?auto=approve` (or `X-Emulator-Consent: approve`) skips the page and answers
 * `302` to the redirect URI with `code` and `state` (`deny` answers `error=access_denied`). The
 * redirect URI is the query's, else the one registered at `/_emulator/accounts/{id}/redirect-uri`,
 * else `http://127.0.0.1/callback`. `account` (an emulator extension) lets another account's owner
 * authorize the app, as a Help Scout user of another company would.
 */
export function consentRoutes(emulator: EmulatorContext): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.get(PATH, (c) => {
    const query = new URL(c.req.url).searchParams;
    const request = consentRequest(emulator, query);
    if (typeof request === "string")
      return c.html(page("Authorization failed", `<p>${request}</p>`), 400);
    const auto = (query.get("auto") ?? c.req.header("x-emulator-consent") ?? "").toLowerCase();
    if (auto === "approve" || auto === "deny") return decide(c, emulator, request, auto);
    return c.html(page(`Authorize ${escapeHtml(request.clientId)}`, consentForm(request)));
  });
  app.post(PATH, async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const request = consentRequest(emulator, form);
    if (typeof request === "string")
      return c.html(page("Authorization failed", `<p>${request}</p>`), 400);
    return decide(c, emulator, request, form.get("decision") === "approve" ? "approve" : "deny");
  });
  return app;
}

function consentRequest(
  emulator: EmulatorContext,
  params: URLSearchParams,
): ConsentRequest | string {
  const clientId = params.get("client_id");
  if (!clientId) return "client_id is required.";
  const owner = findClient(emulator, clientId);
  if (!owner) return `Unknown client_id ${escapeHtml(clientId)}.`;
  const accountId = params.get("account");
  const account = accountId ? emulator.accounts.get(accountId) : owner;
  if (!account) return `Unknown account ${escapeHtml(accountId ?? "")}.`;
  const redirectUri = params.get("redirect_uri") || redirectUriOf(emulator, owner.id);
  if (!URL.canParse(redirectUri) || !/^https?:$/.test(new URL(redirectUri).protocol)) {
    return `Invalid redirect_uri ${escapeHtml(redirectUri)}.`;
  }
  return { clientId, state: params.get("state") ?? undefined, redirectUri, account };
}

function decide(
  c: Context,
  emulator: EmulatorContext,
  request: ConsentRequest,
  decision: "approve" | "deny",
): Response {
  const target = new URL(request.redirectUri);
  if (decision === "approve") {
    const { account, clientId } = request;
    const code = issueCode(emulator, {
      accountId: account.id,
      clientId,
      userId: account.ownerUserId,
    });
    target.searchParams.set("code", code);
  } else {
    target.searchParams.set("error", "access_denied");
  }
  if (request.state !== undefined) target.searchParams.set("state", request.state);
  return c.redirect(target.toString(), 302);
}

function consentForm(request: ConsentRequest): string {
  const hidden = [
    ["client_id", request.clientId],
    ["redirect_uri", request.redirectUri],
    ["account", request.account.id],
    ...(request.state === undefined ? [] : [["state", request.state]]),
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join("");
  return `<p>The app <strong>${escapeHtml(request.clientId)}</strong> asks for access to the Help Scout account <strong>${escapeHtml(request.account.id)}</strong>.</p>
<form method="post">${hidden}
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title} · Help Scout emulator</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

function escapeHtml(value = ""): string {
  return value.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );
}
