/** One Server-Sent Events message. */
export type SseMessage = { id?: string; event?: string; data: string };

/** Reads the messages of an event stream as they come; `next(n)` resolves once n more have arrived. */
export function readSse(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const messages: SseMessage[] = [];
  async function next(count: number): Promise<SseMessage[]> {
    const want = messages.length + count;
    while (messages.length < want) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = { data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          const field = line.slice(0, colon);
          const value = line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(value);
          else if (field === 'id' || field === 'event') message[field] = value;
        }
        message.data = data.join('\n');
        messages.push(message);
      }
    }
    return messages.slice(want - count, want);
  }
  return { next, messages, cancel: () => reader.cancel() };
}
