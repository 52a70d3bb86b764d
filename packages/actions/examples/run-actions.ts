import { isActionError, isActionInputError, runAction } from "@terapi/helpscout-actions";
import { createMailboxClient } from "@terapi/helpscout-mailbox";

const mailbox = createMailboxClient({ accessToken: process.env.HELPSCOUT_ACCESS_TOKEN ?? "" });
const mailboxId = Number(process.env.HELPSCOUT_MAILBOX_ID);

try {
  // Looks Ada up by email (Help Scout creates her only if no customer has the address),
  // creates the conversation once and reads it back.
  const { conversation, customerCreated } = await runAction(
    "create-conversation",
    {
      mailboxId,
      subject: "Where is my order?",
      customer: { email: "ada@example.com", firstName: "Ada" },
      text: "Order #123 has not arrived.",
      tags: ["shipping"],
    },
    { mailbox },
  );
  console.log(`#${conversation.number}`, customerCreated ? "new customer" : "known customer");

  // Adds a tag and keeps the others; snoozes it until Monday morning.
  const conversationId = conversation.id;
  await runAction("update-conversation-tags", { conversationId, add: ["vip"] }, { mailbox });
  await runAction(
    "snooze-conversation",
    { conversationId, until: "2030-01-07T09:00:00Z", unsnoozeOnCustomerReply: true },
    { mailbox },
  );
} catch (error) {
  if (isActionInputError(error)) {
    console.error(error.fieldErrors); // e.g. [{ path: "/customer/email", message: "…" }], no request made
  } else if (isActionError(error) && error.code === "outcome_unknown" && !error.rerunSafe) {
    console.error(`${error.action} may or may not have happened: check before running it again.`);
  } else {
    throw error;
  }
}
