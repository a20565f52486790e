import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';

export const dynamic = 'force-dynamic';

type Subscriber = { userId: string; controller: ReadableStreamDefaultController<Uint8Array> };

const subscribers = new Set<Subscriber>();
const encoder = new TextEncoder();

export async function GET(request: Request) {
  const session = await auth();
  if (!session?.user?.id) return new Response('Unauthorized', { status: 401 });

  let subscriber: Subscriber;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      subscriber = { userId: session.user!.id!, controller };
      subscribers.add(subscriber);
      controller.enqueue(encoder.encode(': connected\n\n'));
    },
    cancel() {
      subscribers.delete(subscriber);
    },
  });
  request.signal.addEventListener('abort', () => subscribers.delete(subscriber));

  return new Response(stream, {
    headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' },
  });
}

export async function POST(request: Request) {
  const session = await auth();
  if (!session?.user?.id) return new Response('Unauthorized', { status: 401 });
  const { boardId, text } = (await request.json()) as { boardId: string; text: string };
  const comment = await prisma.comment.create({ data: { boardId, text, authorId: session.user.id } });
  const frame = encoder.encode(`data: ${JSON.stringify(comment)}\n\n`);
  for (const s of subscribers) s.controller.enqueue(frame);
  return Response.json(comment, { status: 201 });
}
