import { randomBytes } from "node:crypto";

/**
 * Secrets used only by the suite: random per run, so any appearance of one in output is a leak,
 * never a coincidence. Each holds a `/` or `+` where the format allows, so that its URL-encoded
 * and form-encoded forms differ from the plain one and are scanned for separately.
 */
export interface Canaries {
  /** App ID of the emulator's OAuth app (a client id, scanned like a secret to be strict). */
  appId: string;
  /** App Secret of the emulator's OAuth app. */
  appSecret: string;
  /** The Docs API key the emulator accepts. */
  docsApiKey: string;
  /** The secret webhook deliveries are signed with. */
  webhookSecret: string;
  /** The key callers of the proxy present. */
  proxyKey: string;
  /** `TERAPI_ENCRYPTION_KEY`: 32 random bytes as base64. */
  encryptionKey: string;
  /** The password of the Postgres role the suite connects as. */
  databasePassword: string;
}

const token = (bytes: number) => randomBytes(bytes).toString("hex");

/** Fresh canary secrets, distinct from each other and from anything in the repository. */
export function createCanaries(): Canaries {
  return {
    appId: `canary-app-${token(6)}`,
    appSecret: `canary/secret+${token(12)}`,
    docsApiKey: `canary/docs+${token(12)}`,
    webhookSecret: `canary/hook+${token(8)}`,
    proxyKey: `canary/proxy+${token(12)}`,
    encryptionKey: randomBytes(32).toString("base64"),
    // A role password goes into a connection URL: hex only, so it needs no escaping there.
    databasePassword: `canarydb${token(12)}`,
  };
}
