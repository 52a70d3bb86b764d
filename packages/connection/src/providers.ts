import type { ProviderConfig } from "./types.js";

/**
 * Help Scout's two APIs as provider configuration.
 *
 * @see https://developer.helpscout.com/mailbox-api/overview/authentication/
 * @see https://developer.helpscout.com/docs-api/#authentication
 */
export const HELPSCOUT_PROVIDERS: Readonly<Record<string, ProviderConfig>> = {
  "helpscout-mailbox": {
    authMode: "OAUTH2",
    baseUrl: "https://api.helpscout.net",
    authorizationUrl: "https://secure.helpscout.net/authentication/authorizeClientApplication",
    tokenUrl: "https://api.helpscout.net/v2/oauth2/token",
    // The docs accept JSON, form or query; their own samples send form data.
    tokenRequestEncoding: "form",
    // Access tokens live 48 hours.
    tokenLifetimeSeconds: 172_800,
  },
  "helpscout-docs": {
    authMode: "API_KEY",
    baseUrl: "https://docsapi.helpscout.net",
  },
};
