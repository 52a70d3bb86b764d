import { type Customer, paginatePages } from "@terapi/helpscout-mailbox";
import type { PageRecord, SyncModel } from "../sync-model.js";
import { firstHalPage } from "./hal-list-end.js";
import { recordId } from "./listing-pages.js";
import { modifiedSincePages } from "./modified-since-pages.js";
import { stampOf } from "./timestamps.js";

function customerRecord(customer: Customer): PageRecord {
  return {
    id: recordId(customer.id),
    payload: customer,
    lastModifiedAt: stampOf(customer, ["updatedAt", "createdAt"]),
  };
}

/**
 * Customers with their embedded entries (emails, phones, address…):
 * `GET /v2/customers?sortField=modifiedAt&sortOrder=asc&modifiedSince=…`, 50 per request.
 *
 * Incremental like conversations (keyset on `modifiedSince`); deletes are found by mark-and-sweep
 * on a `full` run.
 */
export const customersModel: SyncModel<"mailbox"> = {
  name: "customers",
  api: "mailbox",
  endpoint: "GET /v2/customers?sortField=modifiedAt&sortOrder=asc",
  strategy: "incremental",
  cursor: "modifiedSince (updatedAt), advanced to the newest time of each page",
  deletes: "sweep",
  pages(ctx, checkpoint) {
    return modifiedSincePages({
      since: ctx.since,
      checkpoint,
      toRecord: customerRecord,
      fetchPage(query) {
        return firstHalPage(
          paginatePages(ctx.client, "/v2/customers", {
            params: { query: { sortField: "modifiedAt", sortOrder: "asc", ...query } },
            signal: ctx.signal,
          }),
        );
      },
    });
  },
};
