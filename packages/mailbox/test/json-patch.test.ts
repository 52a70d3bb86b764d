import { describe, expect, it } from "vitest";
import {
  conversationPatch,
  customerPatch,
  customerPropertiesPatch,
  threadPatch,
  workflowPatch,
} from "../src/index.js";

// toStrictEqual: a builder must not add keys (e.g. `value: undefined` on a remove), since Help
// Scout validates each op/path/value combination.

describe("conversationPatch", () => {
  it.each([
    [
      "subject",
      conversationPatch.subject("Order #1234 is late"),
      { op: "replace", path: "/subject", value: "Order #1234 is late" },
    ],
    [
      "primaryCustomer",
      conversationPatch.primaryCustomer(256_809_858),
      { op: "replace", path: "/primaryCustomer.id", value: 256_809_858 },
    ],
    [
      "publishDraft",
      conversationPatch.publishDraft(),
      { op: "replace", path: "/draft", value: false },
    ],
    [
      "moveToMailbox",
      conversationPatch.moveToMailbox(86),
      { op: "move", path: "/mailboxId", value: 86 },
    ],
    ["status", conversationPatch.status("spam"), { op: "replace", path: "/status", value: "spam" }],
    ["assign", conversationPatch.assign(9865), { op: "replace", path: "/assignTo", value: 9865 }],
    ["unassign", conversationPatch.unassign(), { op: "remove", path: "/assignTo" }],
  ])("%s", (_, patch, expected) => {
    expect(patch).toStrictEqual(expected);
  });
});

describe("threadPatch", () => {
  it.each([
    [
      "text",
      threadPatch.text("<p>Edited</p>"),
      { op: "replace", path: "/text", value: "<p>Edited</p>" },
    ],
    ["hide", threadPatch.hide(), { op: "replace", path: "/hidden", value: true }],
    ["unhide", threadPatch.unhide(), { op: "replace", path: "/hidden", value: false }],
    [
      "publishScheduledNow",
      threadPatch.publishScheduledNow(),
      { op: "replace", path: "/state", value: "published" },
    ],
  ])("%s", (_, patch, expected) => {
    expect(patch).toStrictEqual(expected);
  });
});

describe("workflowPatch", () => {
  it.each([
    ["activate", workflowPatch.activate(), { op: "replace", path: "/status", value: "active" }],
    [
      "deactivate",
      workflowPatch.deactivate(),
      { op: "replace", path: "/status", value: "inactive" },
    ],
  ])("%s", (_, patch, expected) => {
    expect(patch).toStrictEqual(expected);
  });
});

describe("customerPatch", () => {
  it.each([
    [
      "set",
      customerPatch.set("jobTitle", "CTO"),
      { op: "replace", path: "/jobTitle", value: "CTO" },
    ],
    ["gender", customerPatch.gender("female"), { op: "replace", path: "/gender", value: "female" }],
    [
      "photoType",
      customerPatch.photoType("gravatar"),
      { op: "replace", path: "/photoType", value: "gravatar" },
    ],
    ["clear", customerPatch.clear("background"), { op: "remove", path: "/background" }],
    [
      "addEmail",
      customerPatch.addEmail({ type: "work", value: "bear@acme.com" }),
      { op: "add", path: "/emails", value: { type: "work", value: "bear@acme.com" } },
    ],
    [
      "addPhone",
      customerPatch.addPhone({ type: "work", value: "222-333-4444" }),
      { op: "add", path: "/phones", value: { type: "work", value: "222-333-4444" } },
    ],
    [
      "addChat",
      customerPatch.addChat({ type: "skype", value: "vernon.bear" }),
      { op: "add", path: "/chats", value: { type: "skype", value: "vernon.bear" } },
    ],
    [
      "addSocialProfile",
      customerPatch.addSocialProfile({ type: "twitter", value: "https://twitter.com/vbear" }),
      {
        op: "add",
        path: "/socialProfiles",
        value: { type: "twitter", value: "https://twitter.com/vbear" },
      },
    ],
    [
      "addWebsite",
      customerPatch.addWebsite({ value: "https://acme.com" }),
      { op: "add", path: "/websites", value: { value: "https://acme.com" } },
    ],
    [
      "replaceEntryValue",
      customerPatch.replaceEntryValue("emails", 1001, "vernon@acme.com"),
      { op: "replace", path: "/emails/1001/value", value: "vernon@acme.com" },
    ],
    [
      "replaceEntryValue on socialProfiles",
      customerPatch.replaceEntryValue("socialProfiles", 77, "https://linkedin.com/in/vbear"),
      { op: "replace", path: "/socialProfiles/77/value", value: "https://linkedin.com/in/vbear" },
    ],
    [
      "removeEntry",
      customerPatch.removeEntry("emails", 1001),
      { op: "remove", path: "/emails/1001" },
    ],
  ])("%s", (_, patch, expected) => {
    expect(patch).toStrictEqual(expected);
  });
});

describe("customerPropertiesPatch", () => {
  it.each([
    [
      "set with text",
      customerPropertiesPatch.set("plan", "Premium"),
      { op: "replace", path: "/plan", value: "Premium" },
    ],
    [
      "set with a number",
      customerPropertiesPatch.set("seats", 42),
      { op: "replace", path: "/seats", value: 42 },
    ],
    ["clear", customerPropertiesPatch.clear("plan"), { op: "remove", path: "/plan" }],
  ])("%s", (_, patch, expected) => {
    expect(patch).toStrictEqual(expected);
  });
});
