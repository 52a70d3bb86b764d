import { isHelpScoutError } from "@terapi/helpscout-auth";
import type { DocsClient } from "@terapi/helpscout-docs";
import type { MailboxClient } from "@terapi/helpscout-mailbox";
import {
  ActionError,
  type ActionFieldError,
  ActionInputError,
  isActionError,
} from "./action-errors.js";
import {
  type ActionInput,
  type ActionName,
  type ActionOutput,
  type AnyAction,
  getAction,
  runUnchecked,
} from "./catalog.js";
import { validateAgainst } from "./input-validator.js";
import type { ActionApi, ActionClients, ActionRunContext } from "./types.js";

/**
 * Runs an action of the catalogue: validates the input against its JSON Schema (no request is
 * made when it is invalid), picks the client of its API, runs its calls and returns the output.
 *
 * @param name - The action, e.g. `"create-conversation"`. Typed names give typed inputs and
 *   outputs; any other string (from a command line, an HTTP path, an LLM) is checked at run time.
 * @param input - The input, e.g. parsed JSON.
 * @param clients - `{ mailbox, docs, signal }`: the client the action's API needs (or a function
 *   making it), and an abort signal.
 * @returns The action's output, as its output schema describes.
 * @throws ActionInputError `invalid_input` with `fieldErrors`, before any request.
 * @throws ActionError `unknown_action`, `missing_client`, Help Scout's code (`not_found`,
 *   `bad_request`, …, with `status`, `logRef` and `fieldErrors`) or `outcome_unknown` when a write
 *   may or may not have happened (`rerunSafe` then says whether running it again is safe).
 * @example
 * const { conversation } = await runAction(
 *   "create-conversation",
 *   { mailboxId: 1, subject: "Refund", customer: { email: "ada@example.com" }, text: "Hi" },
 *   { mailbox },
 * );
 */
export async function runAction<N extends ActionName>(
  name: N,
  input: ActionInput<N>,
  clients: ActionClients,
): Promise<ActionOutput<N>>;
export async function runAction(
  name: string,
  input: unknown,
  clients: ActionClients,
): Promise<unknown>;
export async function runAction(
  name: string,
  input: unknown,
  clients: ActionClients,
): Promise<unknown> {
  const action = requireAction(name);
  const problems = validateAgainst(action.input, input);
  if (problems.length > 0) throw new ActionInputError(action.name, problems);
  const context = await contextFor(action, clients);
  try {
    return await runUnchecked(action, input, context);
  } catch (error) {
    throw asActionError(action, error);
  }
}

/**
 * Checks an input against an action's JSON Schema without running it: the field errors, empty
 * when the input is valid.
 *
 * @throws ActionError `unknown_action` for a name outside the catalogue.
 */
export function validateActionInput(name: string, input: unknown): ActionFieldError[] {
  return validateAgainst(requireAction(name).input, input);
}

function requireAction(name: string): AnyAction {
  const action = getAction(name);
  if (action) return action;
  throw new ActionError({
    action: name,
    code: "unknown_action",
    status: 404,
    message: `@terapi/helpscout-actions: there is no action "${name}"; listActions() names them all.`,
    rerunSafe: true,
  });
}

async function contextFor(
  action: AnyAction,
  clients: ActionClients,
): Promise<ActionRunContext<ActionApi>> {
  const signal = clients.signal;
  try {
    if (action.api === "mailbox") {
      const mailbox = await resolve<MailboxClient>(clients.mailbox);
      if (mailbox) return { mailbox, signal };
    } else {
      const docs = await resolve<DocsClient>(clients.docs);
      if (docs) return { docs, signal };
    }
  } catch (error) {
    throw asActionError(action, error);
  }
  const what = action.api === "mailbox" ? "a Mailbox client (mailbox)" : "a Docs client (docs)";
  throw new ActionError({
    action: action.name,
    code: "missing_client",
    message: `@terapi/helpscout-actions: ${action.name} calls the ${action.api === "mailbox" ? "Mailbox" : "Docs"} API and needs ${what}; none was given.`,
    rerunSafe: true,
  });
}

async function resolve<C>(source: C | (() => C | Promise<C>) | undefined): Promise<C | undefined> {
  return typeof source === "function" ? await (source as () => C | Promise<C>)() : source;
}

/** A failure of an action as an {@link ActionError} naming it (errors that are bugs pass through). */
function asActionError(action: AnyAction, error: unknown): unknown {
  if (isActionError(error) || !isHelpScoutError(error)) return error;
  let advice = "";
  if (error.code === "outcome_unknown") {
    advice = action.rerunSafe
      ? ` Running ${action.name} again is safe.`
      : ` Do not run ${action.name} again blindly: check whether it took effect first.`;
  }
  return new ActionError({
    action: action.name,
    code: error.code,
    status: error.status,
    logRef: error.logRef,
    fieldErrors: error.fieldErrors,
    message: `@terapi/helpscout-actions: ${action.name} failed: ${error.message}${advice}`,
    rerunSafe: action.rerunSafe,
    cause: error,
  });
}
