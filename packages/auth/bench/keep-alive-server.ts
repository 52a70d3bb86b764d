/**
 * The server the pipeline benchmark calls: node:http on 127.0.0.1 with keep-alive, answering every
 * request with one small Mailbox-like conversation and Help Scout's rate-limit headers, set so high
 * that the throttle never waits. A request without the expected bearer token gets a 401, so a
 * variant that failed to authenticate fails the benchmark instead of measuring nothing.
 *
 * Run as a child process of the benchmark (`fork`), so the benchmark's process spends its CPU on
 * the client side only: the token comes in `BENCH_TOKEN`, and the port goes back over IPC.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const token = process.env.BENCH_TOKEN;
if (!token || !process.send) {
  throw new Error("keep-alive-server: start it with fork() and BENCH_TOKEN set.");
}
const expected = `Bearer ${token}`;

const conversation = Buffer.from(
  JSON.stringify({
    id: 1,
    number: 1042,
    subject: "Refund for order 1042",
    status: "active",
    mailboxId: 7,
    createdAt: "2026-01-01T10:00:00Z",
    _links: { self: { href: "/v2/conversations/1" } },
  }),
);
const headers = {
  "content-type": "application/hal+json;charset=UTF-8",
  "content-length": String(conversation.byteLength),
  "x-ratelimit-limit-minute": "1000000",
  "x-ratelimit-remaining-minute": "999999",
};

const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume();
  if (request.headers.authorization !== expected) {
    response
      .writeHead(401, { "content-type": "application/json" })
      .end('{"error":"invalid_token"}');
    return;
  }
  response.writeHead(200, headers).end(conversation);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
// The benchmark is done (or died): drop the idle keep-alive sockets and end.
process.on("disconnect", () => {
  server.closeAllConnections();
  server.close();
});
