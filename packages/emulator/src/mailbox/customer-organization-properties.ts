import { Hono } from "hono";
import { created, hal, noContent, vndError } from "../responses.js";
import type { EmulatorEnv, M } from "../types.js";
import { API_ORIGIN } from "./conversation-model.js";
import { FieldProblems, isObject, readObject } from "./conversation-validation.js";
import { originOf, present } from "./conversation-view.js";
import { organizationPropertyLinks } from "./seed-properties.js";

const TYPES = ["text", "number", "url", "date", "dropdown"] as const;
const BASE = "/v2/organizations/properties";

/**
 * Organization property definitions: list (at most 50), get by slug, create (unique slug of up to
 * 120 characters, name ≤ 100, dropdown options `{label ≤ 100}`, at most 100) and update (name and
 * options; type and slug are immutable; values using a removed option are cleared).
 */
export function organizationPropertyRoutes(): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.get(BASE, (c) => {
    const body: M["OrganizationPropertyDefinitionList"] = {
      _embedded: { "organization-properties": c.get("account").mailbox.organizationProperties },
      _links: { self: { href: `${API_ORIGIN}${BASE}` } },
    };
    return hal(c, present(body, originOf(c), 2));
  });

  app.get(`${BASE}/:slug`, (c) => {
    const definition = definitionOf(
      c.get("account").mailbox.organizationProperties,
      c.req.param("slug"),
    );
    if (!definition) return vndError(c, 404, "Organization property not found");
    return hal(c, present(definition, originOf(c), 2));
  });

  app.post(BASE, async (c) => {
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const definitions = c.get("account").mailbox.organizationProperties;
    const p = new FieldProblems();
    p.oneOf("type", body.type, TYPES, true);
    p.string("name", body.name, { required: true, max: 100 });
    if (p.required("slug", body.slug)) {
      if (typeof body.slug !== "string" || !/^[A-Za-z0-9_-]{1,120}$/.test(body.slug)) {
        p.add("slug", "must be 1–120 letters, digits, '-' or '_'", body.slug);
      } else if (definitionOf(definitions, body.slug))
        p.add("slug", "is already in use", body.slug);
    }
    const options = checkOptions(p, body.type, body.options);
    if (definitions.length >= 50)
      p.add("slug", "A company can have at most 50 organization properties");
    if (!p.ok) return p.respond(c);
    const slug = body.slug as string;
    definitions.push({
      type: body.type as M["OrganizationPropertyType"],
      slug,
      name: body.name as string,
      ...(body.type === "dropdown" ? { options } : {}),
      _links: organizationPropertyLinks(slug),
    });
    return created(c, slug, `${BASE}/${slug}`);
  });

  app.put(`${BASE}/:slug`, async (c) => {
    const data = c.get("account").mailbox;
    const definition = definitionOf(data.organizationProperties, c.req.param("slug"));
    if (!definition) return vndError(c, 404, "Organization property not found");
    const body = await readObject(c);
    if (body instanceof Response) return body;
    const p = new FieldProblems();
    p.string("name", body.name, { required: true, max: 100 });
    const options = checkOptions(p, definition.type, body.options);
    if (!p.ok) return p.respond(c);
    definition.name = body.name as string;
    if (definition.type === "dropdown" && body.options !== undefined) {
      definition.options = options;
      const labels = new Set(options.map((o) => o.label));
      for (const organization of data.organizations.values()) {
        organization.properties = (organization.properties ?? [])
          .filter((v) => v.slug !== definition.slug || (v.value != null && labels.has(v.value)))
          .map((v) => (v.slug === definition.slug ? { ...v, name: definition.name, options } : v));
      }
    }
    for (const organization of data.organizations.values()) {
      for (const value of organization.properties ?? []) {
        if (value.slug === definition.slug) value.name = definition.name;
      }
    }
    return noContent(c);
  });

  return app;
}

function definitionOf(definitions: M["OrganizationPropertyDefinition"][], slug: string) {
  return definitions.find((d) => d.slug === slug);
}

function checkOptions(p: FieldProblems, type: unknown, options: unknown): { label: string }[] {
  if (options === undefined || options === null) return [];
  if (type !== "dropdown") {
    p.add("options", "only dropdown properties have options", options);
    return [];
  }
  if (!Array.isArray(options) || options.length > 100) {
    p.add("options", "must be an array of at most 100 options", options);
    return [];
  }
  const out: { label: string }[] = [];
  for (const [index, option] of options.entries()) {
    if (!isObject(option)) {
      p.add(`options[${index}]`, "must be an object", option);
      continue;
    }
    p.string(`options[${index}].label`, option.label, { required: true, max: 100 });
    if (typeof option.label === "string") out.push({ label: option.label });
  }
  return out;
}

/**
 * An organization's value for a property from the string a client sends (a number as "100", a
 * date as `YYYY-MM-DD`, a URL, a dropdown option's label, text ≤ 255). A string result is the
 * reason it was rejected.
 */
export function organizationValue(
  definition: M["OrganizationPropertyDefinition"],
  raw: string,
): M["OrganizationPropertyValue"] | string {
  let value = raw.trim();
  if (definition.type === "number" && !/^-?\d+(\.\d+)?$/.test(value))
    return "Value must be a number";
  if (
    definition.type === "date" &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
  ) {
    return "Value must be a date (YYYY-MM-DD)";
  }
  if (
    definition.type === "url" &&
    !(URL.canParse(value) && /^https?:$/.test(new URL(value).protocol))
  ) {
    return "Value must be a valid URL";
  }
  if (definition.type === "dropdown") {
    const option = definition.options?.find((o) => o.label.toLowerCase() === value.toLowerCase());
    if (!option) return "Value must be the label of one of the options";
    value = option.label;
  }
  if (definition.type === "text" && value.length > 255)
    return "Value must be at most 255 characters";
  return {
    definitionId: definition.slug,
    slug: definition.slug,
    name: definition.name,
    type: definition.type,
    value,
    ...(definition.options ? { options: definition.options } : {}),
  };
}
