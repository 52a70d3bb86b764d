import { type ParseArgsConfig, parseArgs } from "node:util";

/** A mistake on the command line (unknown command or flag, bad value): exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";

  /**
   * @param message - What is wrong, e.g. `unknown flag --foo`.
   * @param usage - The usage text of the command, printed after the message.
   */
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** The `options` of `parseArgs`. */
export type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/** What {@link parseFlags} returns: typed `values` and the `positionals`. */
export type ParsedFlags<O extends FlagOptions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

/**
 * `parseArgs` in strict mode, its errors turned into {@link UsageError}s carrying `usage`.
 * Node's messages already name the flag (`Unknown option '--foo'`).
 */
export function parseFlags<O extends FlagOptions>(
  args: string[],
  options: O,
  usage: string,
): ParsedFlags<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, "."), usage);
  }
}

/** A whole number flag within bounds, else a {@link UsageError}. */
export function integerFlag(
  flag: string,
  value: string | undefined,
  fallback: number,
  usage: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max}, got "${value}"`,
      usage,
    );
  }
  return n;
}

/** A number flag within bounds (e.g. `--speed 60`, `--reserve 0.1`), else a {@link UsageError}. */
export function numberFlag(
  flag: string,
  value: string | undefined,
  usage: string,
  { min, max, exclusiveMin = false }: { min: number; max: number; exclusiveMin?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const aboveMin = exclusiveMin ? n > min : n >= min;
  if (value.trim() === "" || !Number.isFinite(n) || !aboveMin || n > max) {
    const range = `${exclusiveMin ? "above" : "from"} ${min} ${exclusiveMin ? "and at most" : "to"} ${max}`;
    throw new UsageError(`${flag} must be a number ${range}, got "${value}"`, usage);
  }
  return n;
}
