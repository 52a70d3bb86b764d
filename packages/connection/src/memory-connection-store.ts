import type { Connection, ConnectionKey, ConnectionStore, OAuthState } from "./types.js";

const keyOf = ({ providerConfigKey, connectionId }: ConnectionKey) =>
  `${providerConfigKey}\u0000${connectionId}`;

/**
 * Connections in this process's memory: for tests and short-lived scripts. Nothing is written to
 * disk, so nothing needs encrypting; locks are held within this process only.
 */
export class MemoryConnectionStore implements ConnectionStore {
  readonly #now: () => number;
  readonly #connections = new Map<string, Connection>();
  readonly #states = new Map<string, OAuthState>();
  readonly #locks = new Map<string, Promise<unknown>>();

  /** @param options.now - Clock for state expiry (Unix ms); `Date.now` by default. */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async get(key: ConnectionKey): Promise<Connection | undefined> {
    const found = this.#connections.get(keyOf(key));
    return found === undefined ? undefined : structuredClone(found);
  }

  async put(connection: Connection): Promise<void> {
    this.#connections.set(keyOf(connection), structuredClone(connection));
  }

  async delete(key: ConnectionKey): Promise<boolean> {
    return this.#connections.delete(keyOf(key));
  }

  async list(providerConfigKey?: string): Promise<Connection[]> {
    return [...this.#connections.values()]
      .filter((c) => providerConfigKey === undefined || c.providerConfigKey === providerConfigKey)
      .map((c) => structuredClone(c));
  }

  async withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(name) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#locks.set(name, settled);
    try {
      return await run;
    } finally {
      if (this.#locks.get(name) === settled) this.#locks.delete(name);
    }
  }

  async putState(state: string, value: OAuthState): Promise<void> {
    this.#states.set(state, { ...value });
  }

  async takeState(state: string): Promise<OAuthState | undefined> {
    const value = this.#states.get(state);
    this.#states.delete(state);
    // An expired state is refused like an unknown one, as the SQL stores do.
    return value !== undefined && value.expiresAt > this.#now() ? value : undefined;
  }
}
