import type { M, MailboxData } from "../types.js";
import { toSecondsIso } from "./conversation-model.js";
import {
  type FieldProblems,
  isDateTime,
  isObject,
  type JsonObject,
} from "./conversation-validation.js";
import { type ResolvedCustomer, resolveCustomerRef } from "./customer-refs.js";

/** A thread of a create request, checked. */
export interface ThreadInput {
  text: string;
  customer?: ResolvedCustomer;
  user?: M["User"];
  draft: boolean;
  imported: boolean;
  cc?: string[];
  bcc?: string[];
  createdAt?: string;
  attachments: M["AttachmentUpload"][];
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * Checks the fields shared by every thread body (`text`, `customer`, `user`, `draft`, `imported`,
 * `cc`, `bcc`, `createdAt`, `attachments`), recording problems under `prefix`.
 */
export function checkThreadInput(
  problems: FieldProblems,
  data: MailboxData,
  body: JsonObject,
  prefix: string,
  options: { customerRequired: boolean },
): ThreadInput {
  problems.string(`${prefix}text`, body.text, { required: true });
  let customer: ResolvedCustomer | undefined;
  if (body.customer !== undefined || options.customerRequired) {
    customer = resolveCustomerRef(data, problems, body.customer, `${prefix}customer`);
  }
  let user: M["User"] | undefined;
  if (body.user !== undefined && body.user !== null) {
    user = Number.isInteger(body.user) ? data.users.get(body.user as number) : undefined;
    if (!user) problems.add(`${prefix}user`, "User not found", body.user);
  }
  problems.boolean(`${prefix}draft`, body.draft);
  problems.boolean(`${prefix}imported`, body.imported);
  problems.strings(`${prefix}cc`, body.cc);
  problems.strings(`${prefix}bcc`, body.bcc);
  problems.dateTime(`${prefix}createdAt`, body.createdAt);
  const attachments = checkUploads(problems, body.attachments, `${prefix}attachments`);
  return {
    text: typeof body.text === "string" ? body.text : "",
    ...(customer ? { customer } : {}),
    ...(user ? { user } : {}),
    draft: body.draft === true,
    imported: body.imported === true,
    ...(Array.isArray(body.cc) ? { cc: body.cc as string[] } : {}),
    ...(Array.isArray(body.bcc) ? { bcc: body.bcc as string[] } : {}),
    ...(isDateTime(body.createdAt) ? { createdAt: body.createdAt } : {}),
    attachments,
  };
}

/** Checks attachment uploads (`fileName`, `mimeType`, base64 `data`, all required). */
export function checkUploads(
  problems: FieldProblems,
  value: unknown,
  path: string,
): M["AttachmentUpload"][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(path, "must be an array", value);
    return [];
  }
  const uploads: M["AttachmentUpload"][] = [];
  value.forEach((item, index) => {
    const upload = checkUpload(problems, item, `${path}[${index}]`);
    if (upload) uploads.push(upload);
  });
  return uploads;
}

/** Checks one attachment upload. */
export function checkUpload(
  problems: FieldProblems,
  item: unknown,
  path: string,
): M["AttachmentUpload"] | undefined {
  const at = path === "" ? "" : `${path}.`;
  if (!isObject(item)) {
    problems.add(path || "body", "must be an object", item);
    return undefined;
  }
  const before = problems.errors.length;
  problems.string(`${at}fileName`, item.fileName, { required: true });
  problems.string(`${at}mimeType`, item.mimeType, { required: true });
  problems.string(`${at}data`, item.data, { required: true });
  if (typeof item.data === "string" && !BASE64.test(item.data)) {
    problems.add(`${at}data`, "must be base64-encoded", "(data)");
  }
  if (problems.errors.length > before) return undefined;
  return {
    fileName: item.fileName as string,
    mimeType: item.mimeType as string,
    data: item.data as string,
  };
}

/** The ISO timestamp of a thread: its own `createdAt` when given, else now (second precision). */
export function threadTime(input: ThreadInput, now: string): string {
  return input.createdAt ? toSecondsIso(input.createdAt) : now;
}
