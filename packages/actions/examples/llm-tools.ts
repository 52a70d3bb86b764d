import { runAction, toToolDefinitions } from "@terapi/helpscout-actions";
import { createDocsClient } from "@terapi/helpscout-docs";
import { createMailboxClient } from "@terapi/helpscout-mailbox";

const clients = {
  mailbox: createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" }),
  docs: createDocsClient({ apiKey: process.env.HELPSCOUT_DOCS_API_KEY ?? "" }),
};

// The catalogue as tools: pass them as `tools` to Anthropic's Messages API ("openai" gives
// function tools for OpenAI). Names, descriptions and input schemas come from the catalogue.
const tools = toToolDefinitions("anthropic");
console.log(tools.map((tool) => tool.name));

// A tool_use block the model answered with: name and input go straight to runAction, which
// validates the input before any request; its field errors are worth sending back to the model.
const toolUse = { name: "find-customer", input: { email: "ada@example.com" } };
const toolResult = await runAction(toolUse.name, toolUse.input, clients).then(
  (output) => ({ content: JSON.stringify(output) }),
  (error: unknown) => ({
    content: error instanceof Error ? error.message : "failed",
    is_error: true,
  }),
);
console.log(toolResult);
