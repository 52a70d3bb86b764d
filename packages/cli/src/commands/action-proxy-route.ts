import { createActionsHandler } from "@terapi/helpscout-actions";
import type { ProxyRoute } from "../proxy/routes.js";

/** Where `helpscout proxy` serves the actions. */
export const ACTIONS_ROUTE_PREFIX = "/actions/";

/**
 * The actions of `@terapi/helpscout-actions` as a proxy route: `GET /actions` lists them,
 * `POST /actions/<name>` runs one with the caller's connection (its typed clients share the
 * proxy's throttle and retry), behind the proxy key and `Connection-Id` like `/mailbox/*`.
 * Answers as `createActionsHandler` does (`200 { output }`, `400 invalid_input`, …).
 */
export function actionsProxyRoute(): ProxyRoute {
  const handle = createActionsHandler({ basePath: ACTIONS_ROUTE_PREFIX });
  return (request, { mailbox, docs, signal }) => handle(request, { mailbox, docs, signal });
}
