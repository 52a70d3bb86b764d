import type { M } from "../types.js";

/**
 * A customer's value for a property from what a client sends, checked against the definition:
 * number = 64-bit integer, text ≤ 255 chars, url = absolute URL, date = `YYYY-MM-DD`, dropdown =
 * option id or label (stored as the option id, shown as its label). A string is the reason it
 * was rejected.
 */
export function customerPropertyValue(
  definition: M["CustomerPropertyDefinition"],
  raw: unknown,
): M["CustomerPropertyValue"] | string {
  const base = {
    type: definition.type,
    slug: definition.slug,
    name: definition.name,
    source: { name: "API" },
  };
  if (typeof raw !== "string" && typeof raw !== "number") return "Value must be a string or number";
  const text = String(raw).trim();
  switch (definition.type) {
    case "number": {
      if (!/^-?\d+$/.test(text)) return "Value must be an integer";
      const big = BigInt(text);
      if (big > 9223372036854775807n || big < -9223372036854775808n) {
        return "Value must be a 64-bit integer";
      }
      return { ...base, value: Number(text), text };
    }
    case "url":
      if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) {
        return "Value must be a valid URL";
      }
      return { ...base, value: text, text };
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
        return "Value must be a date (YYYY-MM-DD)";
      }
      return { ...base, value: text, text };
    case "dropdown": {
      const option = definition.options?.find(
        (o) => o.id === text || o.label.toLowerCase() === text.toLowerCase(),
      );
      if (!option) return "Value must be the id or label of one of the options";
      return { ...base, value: option.id, text: option.label };
    }
    default:
      if (text.length > 255) return "Value must be at most 255 characters";
      return { ...base, value: text, text };
  }
}

/** Sets (or replaces) one property value of a customer. */
export function setCustomerProperty(
  customer: M["Customer"],
  value: M["CustomerPropertyValue"],
): void {
  customer._embedded ??= {};
  customer._embedded.properties ??= [];
  const list = customer._embedded.properties;
  const index = list.findIndex((item) => item.slug === value.slug);
  if (index >= 0) list[index] = value;
  else list.push(value);
}
