import { existsSync } from "node:fs";
import { join } from "node:path";
import { clientCredentialsTokenSource, type SqlConnectionStore } from "@terapi/connection";
import { HelpScoutError } from "@terapi/helpscout-auth";
import { connectionTerapi, openConnectionStore } from "../credentials.js";
import {
  emulatorAccount,
  LOCAL_EMULATOR_PORT,
  type LocalEmulator,
  startLocalEmulator,
} from "../local-emulator.js";
import { resendingFetch } from "../resending-fetch.js";
import type { ProxyClock } from "./account-throttles.js";
import type { ProxyConnectionAccess, ProxyConnections } from "./proxy-connections.js";

/** The connection id credentials from the environment are served under. */
export const ENVIRONMENT_CONNECTION_ID = "default";

/** What `helpscout proxy` serves, found by {@link cliProxyConnections}. */
export interface CliProxyConnections {
  connections: ProxyConnections;
  /** One line per connection id served, for the banner (no secrets). */
  served: { connectionId: string; what: string }[];
  /** True when stored or environment credentials are served, not only an emulator's. */
  holdsCredentials: boolean;
  /** The emulator's clock when this run started one, so rate windows line up with it. */
  clock: ProxyClock | undefined;
  /** Closes the connection store and stops a started emulator. */
  close(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The connections `helpscout proxy` serves: every connection stored by `helpscout connect` in
 * `<dataDir>/connections` (looked up on each request), the credentials of the environment as
 * `default`, and — with neither — the emulator's account (`HELPSCOUT_EMULATOR_URL`, or one
 * started here), said through `note`.
 *
 * @throws HelpScoutError `configuration_error` for half an App ID / App Secret pair.
 */
export async function cliProxyConnections(
  env: Env,
  options: { dataDir: string; note(text: string): void },
): Promise<CliProxyConnections> {
  const appId = env.HELPSCOUT_APP_ID?.trim();
  const appSecret = env.HELPSCOUT_APP_SECRET?.trim();
  if (Boolean(appId) !== Boolean(appSecret)) {
    throw new HelpScoutError({
      code: "configuration_error",
      message: "set both HELPSCOUT_APP_ID and HELPSCOUT_APP_SECRET, or neither.",
    });
  }
  const app = appId && appSecret ? { clientId: appId, clientSecret: appSecret } : undefined;
  const docsKey = env.HELPSCOUT_DOCS_API_KEY?.trim() || undefined;
  const emulatorUrl = env.HELPSCOUT_EMULATOR_URL?.trim().replace(/\/+$/, "") || undefined;
  const fromEnv = environmentAccess(app, docsKey, emulatorUrl);
  const store = storeOf(env, options);
  try {
    const stored = store ? await storedIds(store) : new Map<string, string[]>();
    const served = [...stored].map(([connectionId, apis]) => ({
      connectionId,
      what: `stored connection (${apis.join(", ")})`,
    }));
    if (fromEnv) {
      const apis = [fromEnv.mailbox && "Mailbox", fromEnv.docs && "Docs"].filter(Boolean);
      served.push({
        connectionId: ENVIRONMENT_CONNECTION_ID,
        what: `credentials from the environment (${apis.join(", ")})`,
      });
    }
    if (store && stored.size > 0) {
      const terapiApp = app ?? (emulatorUrl ? await emulatorAccount(emulatorUrl) : undefined);
      const terapi = connectionTerapi(store, terapiApp, emulatorUrl);
      const lookup = storedLookup(store, terapi, emulatorUrl);
      return {
        connections: async (id) =>
          (await lookup(id)) ?? (id === ENVIRONMENT_CONNECTION_ID ? fromEnv : undefined),
        served,
        holdsCredentials: true,
        clock: undefined,
        close: () => store.close(),
      };
    }
    await store?.close();
    if (fromEnv) {
      return {
        connections: async (id) => (id === ENVIRONMENT_CONNECTION_ID ? fromEnv : undefined),
        served,
        holdsCredentials: true,
        clock: undefined,
        close: async () => {},
      };
    }
    return await emulatorConnections(emulatorUrl, options.note);
  } catch (error) {
    await store?.close().catch(() => undefined);
    throw error;
  }
}

/** The stored connections' store, when there is one and it can be opened. */
function storeOf(env: Env, options: { dataDir: string; note(text: string): void }) {
  const dir = join(options.dataDir, "connections");
  if (!existsSync(dir)) return undefined;
  if (!env.TERAPI_ENCRYPTION_KEY?.trim()) {
    options.note(
      `Stored connections in ${dir} are not served: set TERAPI_ENCRYPTION_KEY (the key they were stored with).`,
    );
    return undefined;
  }
  return openConnectionStore(options.dataDir, env);
}

/** Stored Help Scout connection ids and the APIs each has. */
async function storedIds(store: SqlConnectionStore): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  for (const { providerConfigKey, connectionId } of await store.list()) {
    const api = { "helpscout-mailbox": "Mailbox", "helpscout-docs": "Docs" }[providerConfigKey];
    if (api) ids.set(connectionId, [...(ids.get(connectionId) ?? []), api]);
  }
  return ids;
}

function storedLookup(
  store: SqlConnectionStore,
  terapi: ReturnType<typeof connectionTerapi>,
  baseUrl: string | undefined,
): ProxyConnections {
  return async (connectionId) => {
    const mailboxKey = { providerConfigKey: "helpscout-mailbox", connectionId };
    const docsKey = { providerConfigKey: "helpscout-docs", connectionId };
    const [mailbox, docs] = await Promise.all([store.get(mailboxKey), store.get(docsKey)]);
    if (!mailbox && !docs) return undefined;
    return {
      mailbox: mailbox
        ? { credentials: { connection: { terapi, ...mailboxKey } }, baseUrl }
        : undefined,
      docs: docs ? { credentials: { connection: { terapi, ...docsKey } }, baseUrl } : undefined,
    };
  };
}

function environmentAccess(
  app: { clientId: string; clientSecret: string } | undefined,
  docsKey: string | undefined,
  baseUrl: string | undefined,
): ProxyConnectionAccess | undefined {
  if (!app && !docsKey) return undefined;
  const tokenUrl = baseUrl ? `${baseUrl}/v2/oauth2/token` : undefined;
  return {
    mailbox: app
      ? {
          credentials: {
            tokenSource: clientCredentialsTokenSource({
              ...app,
              fetch: resendingFetch,
              ...(tokenUrl ? { tokenUrl } : {}),
            }),
          },
          baseUrl,
        }
      : undefined,
    docs: docsKey ? { credentials: { apiKey: docsKey }, baseUrl } : undefined,
  };
}

/** The emulator's first account (`acme`), at `emulatorUrl` or on an emulator started here. */
async function emulatorConnections(
  emulatorUrl: string | undefined,
  note: (text: string) => void,
): Promise<CliProxyConnections> {
  const started: LocalEmulator | undefined =
    emulatorUrl === undefined ? await startLocalEmulator({ port: LOCAL_EMULATOR_PORT }) : undefined;
  try {
    const url = emulatorUrl ?? started?.url ?? "";
    const account = await emulatorAccount(url);
    note(
      `No Help Scout credentials (no stored connections, none in the environment): ${started ? "started a local emulator at" : "using the emulator at"} ${url} and serving its "${account.id}" account as Connection-Id: ${account.id}.`,
    );
    const access: ProxyConnectionAccess = {
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
    };
    return {
      connections: async (id) => (id === account.id ? access : undefined),
      served: [
        { connectionId: account.id, what: `the emulator's account at ${url} (Mailbox, Docs)` },
      ],
      holdsCredentials: false,
      clock: started?.emulator.clock,
      close: async () => {
        await started?.close();
      },
    };
  } catch (error) {
    await started?.close();
    throw error;
  }
}
