/**
 * @module A download body made from text chunks as they are produced (a CSV export or an import report): each chunk is
 * encoded as UTF-8 when the client asks for more, so a large file never sits whole in memory.
 */
export function textStream(chunks: AsyncIterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}
