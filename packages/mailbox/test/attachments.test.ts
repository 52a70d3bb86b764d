import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { type components, createdId, createMailboxClient } from "../src/index.js";
import { ACCESS_TOKEN, created, readRequest, type SentRequest } from "./fixtures/conversations.js";
import { API, server, useMswServer } from "./msw/server.js";

useMswServer();

const mailbox = createMailboxClient({ accessToken: ACCESS_TOKEN });

/** A tiny but real file: the 8-byte PNG signature followed by a few bytes. */
const fileBytes = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
]);

describe("POST /v2/conversations/{conversationId}/threads/{threadId}/attachments", () => {
  it("uploads the file base64-encoded in JSON and returns the attachment id", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.post(`${API}/v2/conversations/10/threads/3002/attachments`, async ({ request }) => {
        sent.push(await readRequest(request));
        return created("/v2/conversations/10/attachments", 8001);
      }),
    );
    const body = {
      fileName: "screenshot.png",
      mimeType: "image/png",
      data: fileBytes.toString("base64"),
    } satisfies components["schemas"]["AttachmentUpload"];

    const result = await mailbox.POST(
      "/v2/conversations/{conversationId}/threads/{threadId}/attachments",
      { params: { path: { conversationId: 10, threadId: 3002 } }, body },
    );

    expect(result.response.status).toBe(201);
    expect(createdId(result)).toBe(8001);
    const request = sent[0];
    expect(request?.method).toBe("POST");
    expect(request?.url.pathname).toBe("/v2/conversations/10/threads/3002/attachments");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(request?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request?.body).toEqual({
      fileName: "screenshot.png",
      mimeType: "image/png",
      data: "iVBORw0KGgoAAAAN",
    });
  });
});

describe("GET /v2/conversations/{conversationId}/attachments/{attachmentId}/data", () => {
  it("returns the file content as base64 in {data}", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.get(`${API}/v2/conversations/10/attachments/8001/data`, async ({ request }) => {
        sent.push(await readRequest(request));
        return HttpResponse.json({
          data: fileBytes.toString("base64"),
        } satisfies components["schemas"]["AttachmentData"]);
      }),
    );

    const { data } = await mailbox.GET(
      "/v2/conversations/{conversationId}/attachments/{attachmentId}/data",
      { params: { path: { conversationId: 10, attachmentId: 8001 } } },
    );

    expect(sent.map((r) => [r.method, r.url.pathname])).toEqual([
      ["GET", "/v2/conversations/10/attachments/8001/data"],
    ]);
    expect(data?.data).toBe("iVBORw0KGgoAAAAN");
    expect(Buffer.from(data?.data ?? "", "base64").equals(fileBytes)).toBe(true);
  });
});

describe("DELETE /v2/conversations/{conversationId}/attachments/{attachmentId}", () => {
  it("deletes the attachment and resolves on 204", async () => {
    const sent: SentRequest[] = [];
    server.use(
      http.delete(`${API}/v2/conversations/10/attachments/8001`, async ({ request }) => {
        sent.push(await readRequest(request));
        return new HttpResponse(null, { status: 204 });
      }),
    );

    const { response, data } = await mailbox.DELETE(
      "/v2/conversations/{conversationId}/attachments/{attachmentId}",
      { params: { path: { conversationId: 10, attachmentId: 8001 } } },
    );

    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(sent.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["DELETE", "/v2/conversations/10/attachments/8001", undefined],
    ]);
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
  });
});
