import type { ActionSummary, JsonSchema } from "@terapi/helpscout-actions";

/**
 * `helpscout action <name> --help`, derived from the action's input schema: its description,
 * each input field (type, required, allowed values, default, what it is) and an example command
 * (the schema's first `examples` entry, else one made from its required fields).
 */
export function actionHelp(action: ActionSummary): string {
  const required = new Set(requiredOf(action.inputSchema));
  const rows = fieldRows(action.inputSchema, "", required);
  const width = Math.max(...rows.map((row) => row.name.length));
  const lines = rows.map(
    (row) =>
      `  ${row.name.padEnd(width)}  ${row.type}${row.note ? `\n  ${" ".repeat(width)}  ${row.note}` : ""}`,
  );
  const examples = action.inputSchema.examples;
  const example = JSON.stringify(
    Array.isArray(examples) && examples.length > 0 ? examples[0] : exampleOf(action.inputSchema),
  );
  return `Usage: helpscout action ${action.name} --input '<json>'

${action.title}. ${wrap(action.description)}

API: ${action.api === "mailbox" ? "Mailbox" : "Docs"}. Safe to re-run: ${action.rerunSafe ? "yes" : "no"}.

Input (a JSON object):
${lines.join("\n")}

Example:
  helpscout action ${action.name} --input '${example}'
`;
}

interface FieldRow {
  name: string;
  type: string;
  note: string;
}

/** One row per property, and one per property of a nested object (`customer.email`). */
function fieldRows(schema: JsonSchema, prefix: string, required: Set<string>): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const rows: FieldRow[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const name = `${prefix}${key}`;
    const flags = [typeOf(property), required.has(key) ? "required" : ""].filter(Boolean);
    if (property.default !== undefined) flags.push(`default ${JSON.stringify(property.default)}`);
    const note = typeof property.description === "string" ? property.description : "";
    rows.push({ name, type: flags.join(", "), note });
    if (property.type === "object" && property.properties) {
      rows.push(...fieldRows(property, `${name}.`, new Set(requiredOf(property))));
    }
  }
  return rows;
}

function typeOf(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(", ")}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : String(schema.type ?? "any");
  if (type === "array") return `array of ${typeOf((schema.items ?? {}) as JsonSchema)}`;
  return typeof schema.format === "string" ? `${type} (${schema.format})` : type;
}

function requiredOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? schema.required.map(String) : [];
}

/** A value of the schema's shape: its required fields (or its first one) with sample values. */
function exampleOf(schema: JsonSchema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === "object") {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const names = requiredOf(schema);
    const chosen = names.length > 0 ? names : Object.keys(properties).slice(0, 1);
    return Object.fromEntries(chosen.map((name) => [name, exampleOf(properties[name] ?? {})]));
  }
  if (schema.type === "array") return [exampleOf((schema.items ?? {}) as JsonSchema)];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "integer" || type === "number") return 1;
  if (type === "boolean") return true;
  if (schema.format === "email") return "ada@example.com";
  if (schema.format === "date-time") return "2030-01-07T09:00:00Z";
  if (schema.format === "uri") return "https://example.com/page";
  if (schema.pattern === "^[0-9a-fA-F]{24}$") return "5214c83d45667acd25394b52";
  if (schema.pattern === "^/") return "/old/path";
  return "text";
}

/** Wraps prose at 96 columns. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > 96) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join("\n");
}
