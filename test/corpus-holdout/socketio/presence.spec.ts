import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";

const onlineUsers = new Map<string, string>();
let httpServer: HttpServer;
let port = 0;

beforeAll(async () => {
  httpServer = createServer();
  const io = new Server(httpServer);
  io.on("connection", (socket) => {
    const userId = String(socket.handshake.auth.userId);
    onlineUsers.set(userId, socket.id);
    socket.broadcast.emit("presence", { userId, online: true });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  port = (httpServer.address() as AddressInfo).port;
});

afterAll(() => {
  httpServer.close();
});

function join(userId: string): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(`http://127.0.0.1:${port}`, { auth: { userId } });
    socket.on("connect", () => resolve(socket));
  });
}

describe("presence broadcast", () => {
  it("tells the first user when the second joins", async () => {
    const alice = await join("alice");
    const seen = new Promise((resolve) => alice.on("presence", resolve));
    const bob = await join("bob");
    expect(await seen).toEqual({ userId: "bob", online: true });
    expect(onlineUsers.has("bob")).toBe(true);
    alice.close();
    bob.close();
  });
});
