import { defineAction } from "../../define-action.js";

/** Input of `run-workflow`. */
export interface RunWorkflowInput {
  /** A manual workflow. */
  workflowId: number;
  /** 1 to 50 conversations, all in the workflow's mailbox. */
  conversationIds: number[];
}

/** Output of `run-workflow`. */
export interface RunWorkflowOutput {
  /** The workflow run. */
  workflowId: number;
  /** The conversations it ran on. */
  conversationIds: number[];
}

/** Runs a manual workflow on up to 50 conversations (one write). */
export const runWorkflow = defineAction({
  name: "run-workflow",
  title: "Run a manual workflow",
  description:
    "Runs a manual workflow on 1 to 50 conversations, which must all be in the workflow's mailbox (Help Scout refuses automatic workflows and conversations of other mailboxes). Not safe to re-run: the workflow's actions (notes, replies…) would run again.",
  api: "mailbox",
  rerunSafe: false,
  input: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["workflowId", "conversationIds"],
    properties: {
      workflowId: { type: "integer", minimum: 1, description: "A manual workflow's id." },
      conversationIds: {
        type: "array",
        minItems: 1,
        maxItems: 50,
        uniqueItems: true,
        items: { type: "integer", minimum: 1 },
        description: "Conversations in the workflow's mailbox.",
      },
    },
  },
  output: {
    type: "object",
    additionalProperties: false,
    required: ["workflowId", "conversationIds"],
    properties: {
      workflowId: { type: "integer" },
      conversationIds: { type: "array", items: { type: "integer" } },
    },
  },
  async run(input: RunWorkflowInput, { mailbox, signal }) {
    await mailbox.POST("/v2/workflows/{workflowId}/run", {
      params: { path: { workflowId: input.workflowId } },
      body: { conversationIds: input.conversationIds },
      signal,
    });
    return { workflowId: input.workflowId, conversationIds: input.conversationIds };
  },
});
