import { redactSecrets } from "@terapi/helpscout-auth";

/** Where the CLI writes: `process.stdout`/`process.stderr`, or a buffer in tests. */
export interface CliOutput {
  write(text: string): unknown;
  /** True when the output is a terminal: progress is then redrawn in place. */
  isTTY?: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

/** What a command may touch of the outside world; injectable so tests run the CLI in-process. */
export interface CliIo {
  /** Results only: the summary table, records, `--json` documents. */
  stdout: CliOutput;
  /** Progress, notes and errors. */
  stderr: CliOutput;
  /** Environment variables (credentials, `TERAPI_ENCRYPTION_KEY`, …). */
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C: long-running commands (`emulator`, `connect`) stop and return. */
  signal?: AbortSignal;
}

/** Environment variables whose values are secrets: never echoed, even inside an error. */
export const SECRET_ENV_VARS = [
  "HELPSCOUT_APP_SECRET",
  "HELPSCOUT_DOCS_API_KEY",
  "TERAPI_ENCRYPTION_KEY",
  "HELPSCOUT_WEBHOOK_SECRET",
  "HELPSCOUT_PROXY_KEY",
] as const;

/**
 * Wraps an output so every known secret written to it is replaced by `[REDACTED]`: the last line
 * of defence should a message ever quote one.
 */
export function redactingOutput(output: CliOutput, secrets: readonly string[]): CliOutput {
  const known = secrets.filter((secret) => secret.length >= 4);
  if (known.length === 0) return output;
  return {
    write: (text: string) => output.write(redactSecrets(text, known)),
    ...(output.isTTY === undefined ? {} : { isTTY: output.isTTY }),
    ...(output.columns === undefined ? {} : { columns: output.columns }),
  };
}

/** The secrets of an environment (and of a database URL's password), for {@link redactingOutput}. */
export function secretsOf(env: CliIo["env"], databaseUrl?: string): string[] {
  const secrets: string[] = [];
  for (const name of SECRET_ENV_VARS) {
    const value = env[name]?.trim();
    if (value) secrets.push(value);
  }
  if (databaseUrl !== undefined && URL.canParse(databaseUrl)) {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    if (password) secrets.push(password);
  }
  return secrets;
}
