import type { AnySyncModel } from "../sync-model.js";
import { docsModels } from "./docs.js";
import { mailboxAccountModels } from "./mailbox-account.js";
import { conversationsModel } from "./mailbox-conversations.js";
import { customersModel } from "./mailbox-customers.js";

/**
 * Every declared model, in the order a run syncs them: per API, parents before children, and the
 * small account lists before customers and conversations.
 */
export const syncModels: readonly AnySyncModel[] = [
  ...mailboxAccountModels,
  customersModel,
  conversationsModel,
  ...docsModels,
];
