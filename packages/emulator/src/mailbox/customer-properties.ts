import { Hono } from "hono";
import { created, hal, noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import { FieldProblems, isObject, readJson, readObject } from "./conversation-validation.js";
import { originOf, present } from "./conversation-view.js";
import { customerPropertyValue } from "./customer-property-values.js";
import { customerFor, emitCustomerUpdated, touchCustomer } from "./customer-view.js";
import { seededUuid } from "./seed-context.js";
import { customerPropertyLinks } from "./seed-properties.js";

const TYPES = ["number", "text", "url", "date", "dropdown"] as const;
const RESERVED = ["email", "name", "company", "jobTitle"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Customer property definitions (list, unpaged; create: unique slug of `[A-Za-z0-9_-]` up to 100
 * characters, not a reserved word, at most 50 definitions, dropdown options with UUID ids) and a
 * customer's property values (`PATCH …/properties`: `replace` or `remove` `/<slug>`).
 */
export function customerPropertyRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get("/v2/customer-properties", (c) => {
    const definitions = c.get("account").mailbox.customerProperties;
    const body: M["CustomerPropertyDefinitionList"] = {
      _embedded: { "customer-properties": definitions },
      _links: { self: { href: `${API_ORIGIN}/v2/customer-properties` } },
    };
    return hal(c, present(body, originOf(c), 2));
  });

  app.post("/v2/customer-properties", async (c) => {
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const definitions = c.get("account").mailbox.customerProperties;
    const p = new FieldProblems();
    p.oneOf("type", body.type, TYPES, true);
    p.string("name", body.name, { required: true, max: 255 });
    if (p.required("slug", body.slug)) {
      const slug = String(body.slug);
      if (typeof body.slug !== "string" || !/^[A-Za-z0-9_-]{1,100}$/.test(slug)) {
        p.add("slug", "must be 1–100 letters, digits, '-' or '_'", body.slug);
      } else if (RESERVED.includes(slug)) p.add("slug", "is a reserved word", slug);
      else if (definitions.some((d) => d.slug === slug)) p.add("slug", "is already in use", slug);
    }
    const options = checkOptions(p, body.type, body.options);
    if (definitions.length >= 50)
      p.add("slug", "A company can have at most 50 customer properties");
    if (!p.ok) return p.respond(c);
    const random = c.get("emulator").random;
    const slug = body.slug as string;
    definitions.push({
      type: body.type as M["CustomerPropertyType"],
      slug,
      name: body.name as string,
      ...(body.type === "dropdown"
        ? { options: options.map((o) => ({ id: o.id ?? seededUuid(random), label: o.label })) }
        : {}),
      _links: customerPropertyLinks(slug),
    });
    return created(c, slug, `/v2/customer-properties/${slug}`);
  });

  app.patch("/v2/customers/:customerId{[0-9]+}/properties", async (c) => {
    const customer = customerFor(c);
    if (!customer) return vndError(c, 404, "Customer not found");
    const read = await readJson(c);
    if (read instanceof Response) return read;
    const operations = read.body;
    const p = new FieldProblems();
    if (!Array.isArray(operations) || operations.length === 0) {
      p.add("body", "must be a non-empty array of patch operations", operations ?? null);
      return p.respond(c);
    }
    const definitions = c.get("account").mailbox.customerProperties;
    const values = [...(customer._embedded?.properties ?? [])];
    for (const [index, operation] of operations.entries()) {
      const at = `[${index}]`;
      if (!isObject(operation)) {
        p.add(at, "must be a patch operation object", operation);
        continue;
      }
      const slug = typeof operation.path === "string" ? operation.path.replace(/^\//, "") : "";
      const definition = definitions.find((d) => d.slug === slug);
      if (operation.op !== "replace" && operation.op !== "remove") {
        p.add(`${at}.op`, "must be one of: replace, remove", operation.op ?? null);
        continue;
      }
      if (!definition) {
        p.add(`${at}.path`, "Unknown customer property", operation.path ?? null);
        continue;
      }
      const kept = values.filter((v) => v.slug !== slug);
      if (operation.op === "remove") {
        values.splice(0, values.length, ...kept);
        continue;
      }
      const value = customerPropertyValue(definition, operation.value);
      if (typeof value === "string") {
        p.add(`${at}.value`, value, operation.value ?? null);
        continue;
      }
      values.splice(0, values.length, ...kept, value);
    }
    if (!p.ok) return p.respond(c);
    customer._embedded = { ...customer._embedded, properties: values };
    touchCustomer(c, customer);
    emitCustomerUpdated(c, customer);
    return noContent(c);
  });

  return app;
}

function checkOptions(
  p: FieldProblems,
  type: unknown,
  options: unknown,
): { id?: string; label: string }[] {
  if (options === undefined || options === null) return [];
  if (type !== "dropdown") {
    p.add("options", "only dropdown properties have options", options);
    return [];
  }
  if (!Array.isArray(options) || options.length > 100) {
    p.add("options", "must be an array of at most 100 options", options);
    return [];
  }
  const labels = new Set<string>();
  const out: { id?: string; label: string }[] = [];
  for (const [index, option] of options.entries()) {
    const at = `options[${index}]`;
    if (!isObject(option)) {
      p.add(at, "must be an object", option);
      continue;
    }
    p.string(`${at}.label`, option.label, { required: true, max: 255 });
    if (option.id !== undefined && (typeof option.id !== "string" || !UUID.test(option.id))) {
      p.add(`${at}.id`, "must be a UUID", option.id);
    }
    const label = String(option.label ?? "");
    if (labels.has(label.toLowerCase())) p.add(`${at}.label`, "must be unique", label);
    labels.add(label.toLowerCase());
    out.push({ ...(typeof option.id === "string" ? { id: option.id } : {}), label });
  }
  return out;
}
