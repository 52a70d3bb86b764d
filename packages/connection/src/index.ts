/** The token source over a stored connection lives in the pipeline package, by structure. */
export type {
  ConnectionRef as ConnectionTokenSourceOptions,
  TokenSource,
} from "@terapi/helpscout-auth";
export { connectionTokenSource, staticTokenSource } from "@terapi/helpscout-auth";
export { MemoryConnectionStore } from "./memory-connection-store.js";
export type {
  AuthorizationRequest,
  AuthorizationUrlOptions,
  CallbackParams,
} from "./oauth-flows.js";
export type { PgliteConnectionStoreOptions } from "./pglite-connection-store.js";
export { createPgliteConnectionStore } from "./pglite-connection-store.js";
export type { OpenPgliteDataDirOptions } from "./pglite-data-dir.js";
export { openPgliteDataDir } from "./pglite-data-dir.js";
export type { PostgresConnectionStoreOptions } from "./postgres-connection-store.js";
export { createPostgresConnectionStore } from "./postgres-connection-store.js";
export { HELPSCOUT_PROVIDERS } from "./providers.js";
export type { SecretBox } from "./secret-box.js";
export { createSecretBox, secretBoxFromEnv } from "./secret-box.js";
export type { SqlConnectionStoreOptions, SqlDriver } from "./sql-connection-store.js";
export { SqlConnectionStore } from "./sql-connection-store.js";
export { Terapi } from "./terapi.js";
export type {
  ClientCredentialsTokenSourceOptions,
  RemoteTokenSourceOptions,
} from "./token-sources.js";
export { clientCredentialsTokenSource, remoteTokenSource } from "./token-sources.js";
export type {
  ApiKeyCredentials,
  AuthMode,
  Connection,
  ConnectionKey,
  ConnectionStore,
  Credentials,
  IntegrationConfig,
  OAuth2Credentials,
  OAuthState,
  ProviderConfig,
  TerapiOptions,
} from "./types.js";
