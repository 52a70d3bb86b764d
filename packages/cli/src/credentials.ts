import { join } from "node:path";
import {
  clientCredentialsTokenSource,
  createPgliteConnectionStore,
  HELPSCOUT_PROVIDERS,
  type ProviderConfig,
  type SqlConnectionStore,
  secretBoxFromEnv,
  Terapi,
} from "@terapi/connection";
import { HelpScoutError } from "@terapi/helpscout-auth";
import type { DocsCredentials } from "@terapi/helpscout-docs";
import type { MailboxCredentials } from "@terapi/helpscout-mailbox";
import {
  emulatorAccount,
  LOCAL_EMULATOR_PORT,
  type LocalEmulator,
  startLocalEmulator,
} from "./local-emulator.js";
import { resendingFetch } from "./resending-fetch.js";

/** Where a run's credentials came from. */
export type CredentialSource = "environment" | "connection" | "emulator";

/** How to reach one API: credentials for its client and, for the emulator, another host. */
export interface ApiAccess<C> {
  credentials: C;
  /** The emulator's URL; `undefined` for Help Scout itself. */
  baseUrl: string | undefined;
}

/** What {@link resolveCredentials} found. */
export interface ResolvedCredentials {
  source: CredentialSource;
  mailbox: ApiAccess<MailboxCredentials> | undefined;
  docs: ApiAccess<DocsCredentials> | undefined;
  /** The emulator this run started (no credentials in the environment), stopped by `close()`. */
  emulator: LocalEmulator | undefined;
  /** Releases the connection store and stops a started emulator. */
  close(): Promise<void>;
}

/** Options of {@link resolveCredentials}. */
export interface ResolveOptions {
  /** `--data-dir`: stored connections live in `<dataDir>/connections`. */
  dataDir: string;
  /** Where the "no credentials: using the emulator" note goes. */
  note(text: string): void;
}

/** The environment variables the CLI reads credentials from. */
export const CREDENTIAL_ENV_HELP = `Credentials (from the environment):
  HELPSCOUT_APP_ID + HELPSCOUT_APP_SECRET   Mailbox API, client-credentials flow
  HELPSCOUT_DOCS_API_KEY                    Docs API key
  HELPSCOUT_CONNECTION_ID                   a connection stored by \`helpscout connect\`
    + TERAPI_ENCRYPTION_KEY                 (the key it was stored with)
  HELPSCOUT_EMULATOR_URL                    talk to a running \`helpscout emulator\` instead
  none of these                             start a local emulator and use its acme account`;

/**
 * The connection id records are stored under: `--connection`, else `HELPSCOUT_CONNECTION_ID`,
 * else `default` when credentials come from the environment, else `acme` (the emulator's account).
 */
export function connectionIdOf(env: Readonly<Record<string, string | undefined>>, flag?: string) {
  if (flag) return flag;
  if (env.HELPSCOUT_CONNECTION_ID) return env.HELPSCOUT_CONNECTION_ID;
  const real = env.HELPSCOUT_APP_ID || env.HELPSCOUT_DOCS_API_KEY;
  return real && !env.HELPSCOUT_EMULATOR_URL ? "default" : "acme";
}

/**
 * Turns the environment into API access, in this order: a stored connection
 * (`HELPSCOUT_CONNECTION_ID`, sealed with `TERAPI_ENCRYPTION_KEY`), the app's client credentials
 * (`HELPSCOUT_APP_ID` + `HELPSCOUT_APP_SECRET`) and the Docs key (`HELPSCOUT_DOCS_API_KEY`). With
 * none, it uses the emulator at `HELPSCOUT_EMULATOR_URL` or starts one, and says so through `note`.
 *
 * @throws HelpScoutError `configuration_error` for half a credential pair, `connection_not_found`
 *   for an unknown stored connection, `encryption_key_missing` without `TERAPI_ENCRYPTION_KEY`.
 */
export async function resolveCredentials(
  env: Readonly<Record<string, string | undefined>>,
  options: ResolveOptions,
): Promise<ResolvedCredentials> {
  const appId = env.HELPSCOUT_APP_ID?.trim();
  const appSecret = env.HELPSCOUT_APP_SECRET?.trim();
  if (Boolean(appId) !== Boolean(appSecret)) {
    throw configurationError(
      "set both HELPSCOUT_APP_ID and HELPSCOUT_APP_SECRET (your app's App ID and App Secret), or neither.",
    );
  }
  const docsKey = env.HELPSCOUT_DOCS_API_KEY?.trim();
  const emulatorUrl = env.HELPSCOUT_EMULATOR_URL?.trim().replace(/\/+$/, "") || undefined;
  const connectionId = env.HELPSCOUT_CONNECTION_ID?.trim();

  if (connectionId) {
    return fromStoredConnection(connectionId, {
      dataDir: options.dataDir,
      env,
      emulatorUrl,
      docsKey,
      app: appId && appSecret ? { clientId: appId, clientSecret: appSecret } : undefined,
    });
  }
  if (appId && appSecret) {
    const tokenUrl = emulatorUrl ? `${emulatorUrl}/v2/oauth2/token` : undefined;
    return {
      source: "environment",
      mailbox: {
        credentials: {
          tokenSource: clientCredentialsTokenSource({
            clientId: appId,
            clientSecret: appSecret,
            fetch: resendingFetch,
            ...(tokenUrl ? { tokenUrl } : {}),
          }),
        },
        baseUrl: emulatorUrl,
      },
      docs: docsKey ? { credentials: { apiKey: docsKey }, baseUrl: emulatorUrl } : undefined,
      emulator: undefined,
      close: async () => {},
    };
  }
  if (docsKey) {
    return {
      source: "environment",
      mailbox: undefined,
      docs: { credentials: { apiKey: docsKey }, baseUrl: emulatorUrl },
      emulator: undefined,
      close: async () => {},
    };
  }
  return fromEmulator(emulatorUrl, options.note);
}

/** The emulator's first account over client credentials and its Docs key. */
async function fromEmulator(
  emulatorUrl: string | undefined,
  note: (text: string) => void,
): Promise<ResolvedCredentials> {
  const started =
    emulatorUrl === undefined ? await startLocalEmulator({ port: LOCAL_EMULATOR_PORT }) : undefined;
  const url = emulatorUrl ?? started?.url ?? "";
  const account = await emulatorAccount(url);
  note(
    started
      ? `No Help Scout credentials in the environment: started a local emulator at ${url} using its "${account.id}" account (set HELPSCOUT_APP_ID + HELPSCOUT_APP_SECRET and/or HELPSCOUT_DOCS_API_KEY to use your own).`
      : `No Help Scout credentials in the environment: using the emulator at ${url} (account "${account.id}").`,
  );
  return {
    source: "emulator",
    mailbox: {
      credentials: {
        tokenSource: clientCredentialsTokenSource({
          clientId: account.clientId,
          clientSecret: account.clientSecret,
          tokenUrl: `${url}/v2/oauth2/token`,
          fetch: resendingFetch,
        }),
      },
      baseUrl: url,
    },
    docs: { credentials: { apiKey: account.docsApiKey }, baseUrl: url },
    emulator: started,
    close: async () => {
      await started?.close();
    },
  };
}

interface StoredConnectionOptions {
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  emulatorUrl: string | undefined;
  docsKey: string | undefined;
  app: { clientId: string; clientSecret: string } | undefined;
}

/** A connection stored by `helpscout connect` (Mailbox, and Docs when one was stored too). */
async function fromStoredConnection(
  connectionId: string,
  options: StoredConnectionOptions,
): Promise<ResolvedCredentials> {
  const store = openConnectionStore(options.dataDir, options.env);
  try {
    const app = options.app ?? (options.emulatorUrl ? await appOf(options.emulatorUrl) : undefined);
    const terapi = connectionTerapi(store, app, options.emulatorUrl);
    const mailboxKey = { providerConfigKey: "helpscout-mailbox", connectionId };
    const docsKey = { providerConfigKey: "helpscout-docs", connectionId };
    const hasMailbox = (await store.get(mailboxKey)) !== undefined;
    const hasDocs = (await store.get(docsKey)) !== undefined;
    if (!hasMailbox && !hasDocs && !options.docsKey) {
      throw new HelpScoutError({
        code: "connection_not_found",
        message: `no stored connection "${connectionId}" in ${join(options.dataDir, "connections")}: run \`helpscout connect --connection ${connectionId}\` first, or unset HELPSCOUT_CONNECTION_ID.`,
      });
    }
    const baseUrl = options.emulatorUrl;
    let docs: ApiAccess<DocsCredentials> | undefined;
    if (options.docsKey) docs = { credentials: { apiKey: options.docsKey }, baseUrl };
    else if (hasDocs) docs = { credentials: { connection: { terapi, ...docsKey } }, baseUrl };
    return {
      source: "connection",
      mailbox: hasMailbox
        ? { credentials: { connection: { terapi, ...mailboxKey } }, baseUrl }
        : undefined,
      docs,
      emulator: undefined,
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The PGlite connection store under `<dataDir>/connections` (needs `TERAPI_ENCRYPTION_KEY`). */
export function openConnectionStore(
  dataDir: string,
  env: Readonly<Record<string, string | undefined>>,
): SqlConnectionStore {
  return createPgliteConnectionStore({
    dataDir: join(dataDir, "connections"),
    secretBox: secretBoxFromEnv({ ...env }),
  });
}

/**
 * A Terapi over `store` knowing the OAuth app (to refresh tokens) and, for the emulator, its URLs.
 */
export function connectionTerapi(
  store: ConstructorParameters<typeof Terapi>[0]["store"],
  app: { clientId: string; clientSecret: string } | undefined,
  emulatorUrl: string | undefined,
): Terapi {
  return new Terapi({
    store,
    fetch: resendingFetch,
    ...(app ? { integrations: { "helpscout-mailbox": app } } : {}),
    ...(emulatorUrl ? { providers: emulatorProviders(emulatorUrl) } : {}),
  });
}

/** Help Scout's providers pointed at an emulator: API, consent page and token endpoint. */
export function emulatorProviders(url: string): Record<string, ProviderConfig> {
  const mailbox = HELPSCOUT_PROVIDERS["helpscout-mailbox"];
  const docs = HELPSCOUT_PROVIDERS["helpscout-docs"];
  return {
    "helpscout-mailbox": {
      ...(mailbox ?? { authMode: "OAUTH2" }),
      baseUrl: url,
      authorizationUrl: `${url}/authentication/authorizeClientApplication`,
      tokenUrl: `${url}/v2/oauth2/token`,
    },
    "helpscout-docs": { ...(docs ?? { authMode: "API_KEY" }), baseUrl: url },
  };
}

async function appOf(emulatorUrl: string) {
  const { clientId, clientSecret } = await emulatorAccount(emulatorUrl);
  return { clientId, clientSecret };
}

function configurationError(message: string): HelpScoutError {
  return new HelpScoutError({ code: "configuration_error", message });
}
