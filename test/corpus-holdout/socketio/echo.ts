import { createServer } from "node:http";
import { Server } from "socket.io";
import { spellCheck, type SpellingIssue } from "./spell-check.js";

type CheckAck = (result: { issues: SpellingIssue[] } | { error: string }) => void;

const httpServer = createServer();

// Every reply goes to the socket that sent the event, so one node is enough.
const io = new Server(httpServer, {
  cors: { origin: process.env.EDITOR_ORIGIN ?? "http://127.0.0.1:5173" },
});

io.use((socket, next) => {
  const locale = socket.handshake.auth.locale;
  socket.data.locale = typeof locale === "string" ? locale : "en-GB";
  next();
});

io.on("connection", (socket) => {
  const connectedAt = Date.now();
  let checkedCharacters = 0;

  socket.on("draft:check", async (text: unknown, ack: CheckAck) => {
    if (typeof text !== "string" || text.length > 20_000) {
      ack({ error: "text must be a string of at most 20000 characters" });
      return;
    }
    checkedCharacters += text.length;
    const issues = await spellCheck(text, socket.data.locale);
    ack({ issues });
  });

  socket.on("draft:stats", () => {
    socket.emit("draft:stats", {
      checkedCharacters,
      connectedForMs: Date.now() - connectedAt,
    });
  });
});

httpServer.listen(Number(process.env.PORT ?? 4100));
