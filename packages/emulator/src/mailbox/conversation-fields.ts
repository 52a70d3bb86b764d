import type { M, MailboxData } from "../types.js";
import { type FieldProblems, isObject } from "./conversation-validation.js";

/**
 * A conversation's value for a custom field from the raw string a client sends, checked against
 * the field's type: number = integer (≤ 255 chars), date = `YYYY-MM-DD`, dropdown = option id,
 * single line ≤ 255 chars, multi-line ≤ 15000 chars. A string is the reason it was rejected.
 */
export function conversationFieldValue(
  field: M["MailboxCustomField"],
  raw: string,
): M["CustomFieldValue"] | string {
  const base = { id: field.id, name: field.name };
  switch (field.type) {
    case "dropdown": {
      const option = field.options?.find((o) => String(o.id) === raw.trim());
      if (!option) return `Value must be the id of one of the options of field ${field.id}`;
      return { ...base, value: option.id, text: option.label };
    }
    case "number":
      if (!/^-?\d+$/.test(raw) || raw.length > 255) return "Value must be an integer";
      return { ...base, value: raw, text: raw };
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
        return "Value must be a date (YYYY-MM-DD)";
      }
      return { ...base, value: raw, text: raw };
    case "multiline":
      if (raw.length > 15_000) return "Value must be at most 15000 characters";
      return { ...base, value: raw, text: raw };
    default:
      if (raw.length > 255) return "Value must be at most 255 characters";
      return { ...base, value: raw, text: raw };
  }
}

/**
 * Whether a conversation's custom field values match a `customFieldsByIds` filter value
 * (`fieldId:value`): the raw value or the display text, case-insensitively.
 */
export function fieldMatches(
  values: readonly M["CustomFieldValue"][] | undefined,
  fieldId: number,
  wanted: string,
): boolean {
  const value = values?.find((v) => v.id === fieldId);
  if (!value) return false;
  const needle = wanted.trim().toLowerCase();
  return (
    String(value.value ?? "").toLowerCase() === needle ||
    (value.text ?? "").toLowerCase() === needle
  );
}

/**
 * Checks the `[{id, value}]` custom field values sent for a conversation of a mailbox and returns
 * them as stored values (problems are recorded under `path`).
 */
export function checkFieldInputs(
  problems: FieldProblems,
  data: MailboxData,
  mailboxId: number | undefined,
  input: unknown,
  path: string,
): M["CustomFieldValue"][] {
  if (!Array.isArray(input)) {
    problems.add(path, "must be an array", input);
    return [];
  }
  const definitions = mailboxId === undefined ? [] : (data.customFields.get(mailboxId) ?? []);
  const values: M["CustomFieldValue"][] = [];
  input.forEach((item, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(item)) {
      problems.add(at, "must be an object", item);
      return;
    }
    const field = definitions.find((definition) => definition.id === item.id);
    if (!field) {
      problems.add(`${at}.id`, "Unknown custom field of this mailbox", item.id);
      return;
    }
    if (typeof item.value !== "string") {
      problems.add(`${at}.value`, "must be a string", item.value);
      return;
    }
    const value = conversationFieldValue(field, item.value);
    if (typeof value === "string") problems.add(`${at}.value`, value, item.value);
    else values.push(value);
  });
  return values;
}
