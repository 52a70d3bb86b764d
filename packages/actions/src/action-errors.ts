import type { FieldError, HelpScoutErrorCode } from "@terapi/helpscout-auth";

/** One problem with an action's input, at a JSON Pointer into the input. */
export interface ActionFieldError {
  /** JSON Pointer of the offending value, e.g. `/customer/email`; `""` for the whole input. */
  readonly path: string;
  /** What is wrong, e.g. `must be an email address` or `is required`. */
  readonly message: string;
}

const INPUT_BRAND = Symbol.for("@terapi/helpscout-actions/ActionInputError");
const ACTION_BRAND = Symbol.for("@terapi/helpscout-actions/ActionError");

/**
 * The input of an action does not match its JSON Schema. Thrown before any request is made; the
 * input values themselves are never part of it.
 */
export class ActionInputError extends Error {
  override readonly name = "ActionInputError";
  /** Always `invalid_input`. */
  readonly code = "invalid_input";
  /** The action whose input was refused. */
  readonly action: string;
  /** Every problem found (not only the first), each at a JSON Pointer. */
  readonly fieldErrors: readonly ActionFieldError[];

  /**
   * @param action - The action's name.
   * @param fieldErrors - The problems, at least one.
   */
  constructor(action: string, fieldErrors: readonly ActionFieldError[]) {
    const list = fieldErrors.map((e) => `${e.path || "(input)"} ${e.message}`).join("; ");
    super(`@terapi/helpscout-actions: invalid input for ${action}: ${list}.`);
    this.action = action;
    this.fieldErrors = fieldErrors;
    Object.defineProperty(this, INPUT_BRAND, { value: true });
  }

  /** A plain object for logs and JSON answers. */
  toJSON(): {
    code: "invalid_input";
    action: string;
    message: string;
    fieldErrors: ActionFieldError[];
  } {
    return {
      code: this.code,
      action: this.action,
      message: this.message,
      fieldErrors: [...this.fieldErrors],
    };
  }
}

/** Codes of {@link ActionError}: Help Scout's (`not_found`, `outcome_unknown`, …) and these. */
export type ActionErrorCode =
  | HelpScoutErrorCode
  | "unknown_action"
  | "missing_client"
  | "conflict"
  | "precondition_failed"
  | "read_back_failed";

/** Everything an {@link ActionError} is built from. */
export interface ActionErrorInit {
  action: string;
  code: ActionErrorCode;
  message: string;
  /** HTTP status that best describes the failure (Help Scout's, when it answered). */
  status?: number | undefined;
  logRef?: string | undefined;
  fieldErrors?: readonly FieldError[] | undefined;
  rerunSafe: boolean;
  cause?: unknown;
}

/**
 * An action failed: Help Scout refused a call (`code` and `status` are Help Scout's), the outcome
 * of a write is unknown (`outcome_unknown`), or the action found a problem of its own (e.g.
 * `conflict`). Never holds a credential: Help Scout errors are already redacted.
 */
export class ActionError extends Error {
  override readonly name = "ActionError";
  /** Machine-readable reason, e.g. `not_found`, `outcome_unknown`, `missing_client`. */
  readonly code: ActionErrorCode;
  /** The action that failed. */
  readonly action: string;
  /** HTTP status: Help Scout's answer, or the one that fits (404, 409, …); absent if none does. */
  readonly status: number | undefined;
  /** Help Scout's `logRef` of the failed call, when it gave one. */
  readonly logRef: string | undefined;
  /** Help Scout's per-field problems, when it reported some. */
  readonly fieldErrors: readonly FieldError[];
  /**
   * Whether running the action again with the same input is safe. Read it after an
   * `outcome_unknown`: when false, check whether the write happened before running it again.
   */
  readonly rerunSafe: boolean;

  constructor(init: ActionErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.action = init.action;
    this.status = init.status;
    this.logRef = init.logRef;
    this.fieldErrors = init.fieldErrors ?? [];
    this.rerunSafe = init.rerunSafe;
    Object.defineProperty(this, ACTION_BRAND, { value: true });
  }

  /** A plain, secret-free object for logs and JSON answers. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      action: this.action,
      message: this.message,
      status: this.status,
      logRef: this.logRef,
      fieldErrors: this.fieldErrors,
      rerunSafe: this.rerunSafe,
    };
  }
}

/** True for an {@link ActionInputError}, also one from another copy of this package. */
export function isActionInputError(value: unknown): value is ActionInputError {
  return typeof value === "object" && value !== null && INPUT_BRAND in value;
}

/** True for an {@link ActionError}, also one from another copy of this package. */
export function isActionError(value: unknown): value is ActionError {
  return typeof value === "object" && value !== null && ACTION_BRAND in value;
}
