export { MemoryConnectionStore } from "./memory-connection-store.js";
export { HELPSCOUT_PROVIDERS } from "./providers.js";
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
