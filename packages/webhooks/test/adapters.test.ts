import { createServer, request as httpRequest, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookHandler, type WebhookError } from "../src/index.js";
import { SECRET, signedDelivery, signedRequest } from "./fixtures/deliveries.js";

const conversation = { id: 5, subject: "Déjà vu ✓", status: "active" };

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
  servers = [];
});

async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** POSTs a signed delivery to `url` over real HTTP. */
async function post(url: string, event: string, payload: unknown, secret = SECRET) {
  const delivery = await signedDelivery(event, JSON.stringify(payload), secret);
  const response = await fetch(url, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: response.status, text: await response.text() };
}

function recordingHandler() {
  const received: unknown[] = [];
  const rejected: WebhookError[] = [];
  const webhooks = createWebhookHandler({
    secret: SECRET,
    maxBodyBytes: 64 * 1024,
    onRejected: (error) => rejected.push(error),
  }).on("convo.created", (payload) => {
    received.push(payload);
  });
  return { webhooks, received, rejected };
}

describe("Fetch API adapter", () => {
  it("serves a Hono route: 200 for a signed delivery, 401 for a forged one", async () => {
    const { webhooks, received } = recordingHandler();
    const app = new Hono();
    app.post("/helpscout", (c) => webhooks.fetch(c.req.raw));

    const ok = await app.request(
      await signedRequest("convo.created", conversation, { url: "http://app/helpscout" }),
    );
    expect(ok.status).toBe(200);
    const forged = await app.request(
      await signedRequest("convo.created", conversation, {
        url: "http://app/helpscout",
        secret: "x",
      }),
    );
    expect(forged.status).toBe(401);
    await webhooks.idle();
    expect(received).toEqual([conversation]);
  });

  it("refuses a request whose body was read already, and a streamed body over the limit", async () => {
    const { webhooks, rejected } = recordingHandler();
    const request = await signedRequest("convo.created", conversation);
    await request.text();
    expect((await webhooks.fetch(request)).status).toBe(500);

    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const streamed = new Request("https://receiver.example.test/", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-helpscout-signature": "AAAA",
        "x-helpscout-event": "convo.created",
      },
      body: huge,
      duplex: "half",
    } as RequestInit);
    expect((await webhooks.fetch(streamed)).status).toBe(413);
    expect(rejected.map((e) => e.code)).toEqual(["body_already_parsed", "payload_too_large"]);
  });
});

describe("Node http adapter", () => {
  it("verifies the raw bytes of a plain http server's request and answers 200", async () => {
    const { webhooks, received } = recordingHandler();
    const url = await listen((req, res) => void webhooks.node(req, res));
    expect(await post(url, "convo.created", conversation)).toEqual({ status: 200, text: "ok\n" });
    const bad = await post(url, "convo.created", conversation, "wrong");
    expect(bad.status).toBe(401);
    expect(bad.text).toContain("does not match");
    await webhooks.idle();
    expect(received).toEqual([conversation]);
  });

  it("answers 413 to a chunked body over the limit, without reading the rest", async () => {
    const { webhooks, rejected } = recordingHandler();
    const url = new URL(await listen((req, res) => void webhooks.node(req, res)));
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-helpscout-signature": "AAAA",
            "x-helpscout-event": "convo.created",
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", reject);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      // Far more than the limit; the answer arrives long before all of it could be sent.
      const write = (left: number) => {
        if (left === 0 || req.destroyed) return;
        req.write(chunk, () => write(left - 1));
      };
      write(1_000);
    });
    expect(status).toBe(413);
    expect(rejected.map((e) => e.code)).toEqual(["payload_too_large"]);
  });

  it("answers 413 from the declared Content-Length before reading", async () => {
    const { webhooks } = recordingHandler();
    const url = await listen((req, res) => void webhooks.node(req, res));
    const delivery = await signedDelivery(
      "convo.created",
      JSON.stringify({ id: 1, pad: "x".repeat(70_000) }),
    );
    const response = await fetch(url, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });
    expect(response.status).toBe(413);
  });
});

describe("Express", () => {
  it("works mounted before express.json(), and with express.raw() on the route", async () => {
    const { webhooks, received } = recordingHandler();
    const app = express();
    app.post("/before", webhooks.node);
    app.post("/raw", express.raw({ type: "application/json" }), webhooks.node);
    app.use(express.json());
    const url = await listen(app);
    expect((await post(`${url}/before`, "convo.created", conversation)).status).toBe(200);
    expect((await post(`${url}/raw`, "convo.created", conversation)).status).toBe(200);
    await webhooks.idle();
    expect(received).toEqual([conversation, conversation]);
  });

  it("fails clearly, instead of verifying re-serialised JSON, when express.json() ran first", async () => {
    const { webhooks, received, rejected } = recordingHandler();
    const app = express();
    app.use(express.json());
    app.post("/hooks", webhooks.node);
    const url = await listen(app);
    const answer = await post(`${url}/hooks`, "convo.created", conversation);
    expect(answer.status).toBe(500);
    expect(answer.text).toContain("express.json()");
    expect(answer.text).toContain("express.raw");
    expect(rejected.map((e) => e.code)).toEqual(["body_already_parsed"]);
    await webhooks.idle();
    expect(received).toEqual([]);
  });
});
